import { SUBJECT_LIMITS } from '@contract/limits';
import type { Subject } from '@contract/schemas/school';
import { useSchool } from '../../../app/school-context';
import { EntityForm, type FieldSpec, withLimits } from '../../../components/EntityForm';
import { AddPanel, ListState } from '../../../components/list-panels';
import { RecordTable } from '../../../components/RecordTable';
import { useT } from '../../../lib/i18n';
import { useCreateSubjects, useDeleteSubject, useSubjects, useUpdateSubject } from '../api/subjects';

const subjectFields: FieldSpec[] = withLimits(SUBJECT_LIMITS, [
  { name: 'name', label: 'web.school.field.name', required: true },
  { name: 'shortName', label: 'web.school.field.shortName', required: true },
]);

export function SubjectsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const subjects = useSubjects(school.id);
  const create = useCreateSubjects(school.id);
  const update = useUpdateSubject(school.id);
  const remove = useDeleteSubject(school.id);
  return (
    <>
      <ListState query={subjects} empty={t('web.school.noSubjects')}>
        {(items) => (
          <RecordTable<Subject>
            testId="subjects"
            items={items}
            describe={(s) => s.name}
            columns={[
              { header: t('web.school.field.name'), cell: (s) => s.name },
              { header: t('web.school.field.shortName'), cell: (s) => s.shortName },
            ]}
            edit={
              editable
                ? {
                    fields: () => subjectFields,
                    initial: (s) => ({ name: s.name, shortName: s.shortName }),
                    save: (s, body) => update.mutateAsync({ id: s.id, body }),
                  }
                : undefined
            }
            remove={editable ? (s) => remove.mutateAsync(s.id) : undefined}
          />
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addSubject')}>
          <EntityForm submitLabel="web.form.add" onSubmit={(body) => create.mutateAsync(body)} fields={subjectFields} />
        </AddPanel>
      ) : null}
    </>
  );
}
