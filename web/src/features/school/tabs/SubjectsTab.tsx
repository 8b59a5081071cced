import { useSchool } from '../../../app/school-context';
import { EntityForm } from '../../../components/EntityForm';
import { useT } from '../../../lib/i18n';
import { useCreateSubjects, useSubjects } from '../api/subjects';
import { AddPanel, ListState } from './common';

export function SubjectsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const subjects = useSubjects(school.id);
  const create = useCreateSubjects(school.id);
  return (
    <>
      <ListState query={subjects} empty={t('web.school.noSubjects')}>
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.school.field.name')}</th>
                  <th scope="col">{t('web.school.field.shortName')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>{s.shortName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addSubject')}>
          <EntityForm
            submitLabel="web.form.add"
            onSubmit={(body) => create.mutateAsync(body)}
            fields={[
              { name: 'name', label: 'web.school.field.name', required: true, maxLength: 100 },
              { name: 'shortName', label: 'web.school.field.shortName', required: true, maxLength: 20 },
            ]}
          />
        </AddPanel>
      ) : null}
    </>
  );
}
