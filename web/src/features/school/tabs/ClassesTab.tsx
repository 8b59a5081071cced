import { CLASS_LIMITS } from '@contract/limits';
import type { SchoolClass } from '@contract/schemas/school';
import { useSchool } from '../../../app/school-context';
import { EntityForm, type FieldSpec, withLimits } from '../../../components/EntityForm';
import { AddPanel, ListState } from '../../../components/list-panels';
import { RecordTable } from '../../../components/RecordTable';
import { Loading } from '../../../components/status';
import { useT } from '../../../lib/i18n';
import { useClasses, useCreateClasses, useDeleteClass, useUpdateClass } from '../../../lib/resources/classes';
import { type Choices, useChoices } from './options';

const classFields = (choices: Choices): FieldSpec[] =>
  withLimits(CLASS_LIMITS, [
    { name: 'gradeLevel', label: 'web.school.field.gradeLevel', type: 'number', required: true, min: 1, max: 11 },
    { name: 'letter', label: 'web.school.field.letter', required: true, hint: 'web.school.hint.letter' },
    { name: 'classTeacherId', label: 'web.school.field.classTeacher', type: 'select', nullable: true, options: choices.staffOptions },
  ]);

export function ClassesTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const classes = useClasses(school.id);
  const create = useCreateClasses(school.id);
  const update = useUpdateClass(school.id);
  const remove = useDeleteClass(school.id);
  const choices = useChoices();
  return (
    <>
      <ListState query={classes} empty={t('web.school.noClasses')}>
        {(items) => (
          <RecordTable<SchoolClass>
            testId="classes"
            items={[...items].sort((a, b) => a.gradeLevel - b.gradeLevel || a.letter.localeCompare(b.letter))}
            describe={(c) => c.name}
            columns={[
              { header: t('web.school.field.class'), cell: (c) => c.name },
              { header: t('web.school.field.gradeLevel'), cell: (c) => c.gradeLevel },
              { header: t('web.school.field.classTeacher'), cell: (c) => c.classTeacherName ?? <span className="muted">—</span> },
            ]}
            edit={
              editable && choices.ready
                ? {
                    fields: () => classFields(choices),
                    initial: (c) => ({ gradeLevel: String(c.gradeLevel), letter: c.letter, classTeacherId: c.classTeacherId ?? '' }),
                    save: (c, body) => update.mutateAsync({ id: c.id, body }),
                  }
                : undefined
            }
            remove={editable ? (c) => remove.mutateAsync(c.id) : undefined}
          />
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addClass')}>
          {choices.ready ? (
            <EntityForm
              testId="add-class"
              submitLabel="web.form.add"
              onSubmit={(body) => create.mutateAsync(body)}
              initial={{ yearId: choices.yearOptions.at(-1)?.value ?? '' }}
              fields={[
                { name: 'yearId', label: 'web.school.field.year', type: 'select', required: true, options: choices.yearOptions },
                ...classFields(choices),
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
