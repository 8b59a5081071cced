import { GROUP_LIMITS } from '@contract/limits';
import type { StudyGroup } from '@contract/schemas/school';
import { useSchool } from '../../../app/school-context';
import { EntityForm, withLimits } from '../../../components/EntityForm';
import { AddPanel, ListState } from '../../../components/list-panels';
import { RecordTable } from '../../../components/RecordTable';
import { Loading } from '../../../components/status';
import { useT } from '../../../lib/i18n';
import { useCreateGroups, useDeleteGroup, useGroups, useUpdateGroup } from '../../../lib/resources/groups';
import { useChoices } from './options';

export function GroupsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const groups = useGroups(school.id);
  const create = useCreateGroups(school.id);
  const update = useUpdateGroup(school.id);
  const remove = useDeleteGroup(school.id);
  const choices = useChoices();
  return (
    <>
      <ListState query={groups} empty={t('web.school.noGroups')}>
        {(items) => (
          <RecordTable<StudyGroup>
            testId="groups"
            items={items}
            describe={(g) => g.name}
            columns={[
              { header: t('web.school.field.name'), cell: (g) => g.name },
              {
                header: t('web.school.field.class'),
                cell: (g) => g.className ?? <span className="muted">{t('web.school.crossClass')}</span>,
              },
            ]}
            edit={
              editable
                ? {
                    // Only the name changes: moving a group to another class would orphan its memberships.
                    fields: () => withLimits(GROUP_LIMITS, [{ name: 'name', label: 'web.school.field.name', required: true }]),
                    initial: (g) => ({ name: g.name }),
                    save: (g, body) => update.mutateAsync({ id: g.id, body }),
                  }
                : undefined
            }
            remove={editable ? (g) => remove.mutateAsync(g.id) : undefined}
          />
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addGroup')}>
          {choices.ready ? (
            <EntityForm
              submitLabel="web.form.add"
              onSubmit={(body) => create.mutateAsync(body)}
              initial={{ yearId: choices.yearOptions.at(-1)?.value ?? '' }}
              fields={withLimits(GROUP_LIMITS, [
                { name: 'yearId', label: 'web.school.field.year', type: 'select', required: true, options: choices.yearOptions },
                {
                  name: 'classId',
                  label: 'web.school.field.class',
                  type: 'select',
                  options: choices.classOptions,
                  hint: 'web.school.hint.groupClass',
                },
                { name: 'name', label: 'web.school.field.name', required: true },
              ])}
            />
          ) : (
            <Loading />
          )}
        </AddPanel>
      ) : null}
    </>
  );
}
