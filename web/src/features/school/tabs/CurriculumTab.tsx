import { useId, useState } from 'react';
import { useSchool } from '../../../app/school-context';
import { EntityForm } from '../../../components/EntityForm';
import { AddPanel, ListState } from '../../../components/list-panels';
import { RecordTable } from '../../../components/RecordTable';
import { Loading } from '../../../components/status';
import { useT } from '../../../lib/i18n';
import { type CurriculumEntry, useCreateCurriculum, useCurriculum, useDeleteCurriculum, useUpdateCurriculum } from '../api/curriculum';
import { useChoices } from './options';

export function CurriculumTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const [classId, setClassId] = useState('');
  const curriculum = useCurriculum(school.id, classId ? { classId } : undefined);
  const create = useCreateCurriculum(school.id);
  const update = useUpdateCurriculum(school.id);
  const remove = useDeleteCurriculum(school.id);
  const choices = useChoices();
  const filterId = useId();
  return (
    <>
      <div className="toolbar">
        <div className="field">
          <label className="field__label" htmlFor={filterId}>
            {t('web.school.field.class')}
          </label>
          <select id={filterId} value={classId} onChange={(e) => setClassId(e.target.value)}>
            <option value="">{t('web.common.all')}</option>
            {choices.classOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ListState query={curriculum} empty={t('web.school.noCurriculum')}>
        {(items) => (
          <RecordTable<CurriculumEntry>
            testId="curriculum"
            items={items}
            describe={(c) => `${c.targetName} · ${c.subjectName}`}
            columns={[
              { header: t('web.school.field.target'), cell: (c) => c.targetName },
              { header: t('web.school.field.subject'), cell: (c) => c.subjectName },
              { header: t('web.school.field.teacher'), cell: (c) => c.teacherName },
              { header: t('web.school.field.hoursPerWeek'), cell: (c) => c.hoursPerWeek },
            ]}
            edit={
              editable && choices.ready
                ? {
                    // The class or group stays: the entry's lessons and grades belong to it.
                    fields: () => [
                      {
                        name: 'subjectId',
                        label: 'web.school.field.subject',
                        type: 'select',
                        required: true,
                        options: choices.subjectOptions,
                      },
                      {
                        name: 'teacherId',
                        label: 'web.school.field.teacher',
                        type: 'select',
                        required: true,
                        options: choices.staffOptions,
                      },
                      { name: 'hoursPerWeek', label: 'web.school.field.hoursPerWeek', type: 'number', required: true, min: 1, max: 40 },
                    ],
                    initial: (c) => ({ subjectId: c.subjectId, teacherId: c.teacherId, hoursPerWeek: String(c.hoursPerWeek) }),
                    save: (c, body) => update.mutateAsync({ id: c.id, body }),
                  }
                : undefined
            }
            remove={editable ? (c) => remove.mutateAsync(c.id) : undefined}
          />
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addCurriculum')}>
          {choices.ready ? (
            <EntityForm
              submitLabel="web.form.add"
              onSubmit={(body) => create.mutateAsync(body)}
              fields={[
                { name: 'subjectId', label: 'web.school.field.subject', type: 'select', required: true, options: choices.subjectOptions },
                { name: 'teacherId', label: 'web.school.field.teacher', type: 'select', required: true, options: choices.staffOptions },
                {
                  name: 'classId',
                  label: 'web.school.field.class',
                  type: 'select',
                  options: choices.classOptions,
                  hint: 'web.school.hint.classOrGroup',
                },
                { name: 'groupId', label: 'web.school.field.group', type: 'select', options: choices.groupOptions },
                { name: 'hoursPerWeek', label: 'web.school.field.hoursPerWeek', type: 'number', required: true, min: 1, max: 40 },
              ]}
            />
          ) : (
            <Loading />
          )}
        </AddPanel>
      ) : null}
    </>
  );
}
