import { useSchool } from '../../../app/school-context';
import { EntityForm } from '../../../components/EntityForm';
import { Loading } from '../../../components/status';
import { useT } from '../../../lib/i18n';
import { useCreateGroups, useGroups } from '../api/groups';
import { AddPanel, ListState } from './common';
import { useChoices } from './options';

export function GroupsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const groups = useGroups(school.id);
  const create = useCreateGroups(school.id);
  const choices = useChoices();
  return (
    <>
      <ListState query={groups} empty={t('web.school.noGroups')}>
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.school.field.name')}</th>
                  <th scope="col">{t('web.school.field.class')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((g) => (
                  <tr key={g.id}>
                    <td>{g.name}</td>
                    <td>{g.className ?? <span className="muted">{t('web.school.crossClass')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addGroup')}>
          {choices.ready ? (
            <EntityForm
              submitLabel="web.form.add"
              onSubmit={(body) => create.mutateAsync(body)}
              initial={{ yearId: choices.yearOptions.at(-1)?.value ?? '' }}
              fields={[
                { name: 'yearId', label: 'web.school.field.year', type: 'select', required: true, options: choices.yearOptions },
                {
                  name: 'classId',
                  label: 'web.school.field.class',
                  type: 'select',
                  options: choices.classOptions,
                  hint: 'web.school.hint.groupClass',
                },
                { name: 'name', label: 'web.school.field.name', required: true, maxLength: 100 },
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
