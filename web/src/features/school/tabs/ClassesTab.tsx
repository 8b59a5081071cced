import { useSchool } from '../../../app/school-context';
import { EntityForm } from '../../../components/EntityForm';
import { Loading } from '../../../components/status';
import { useT } from '../../../lib/i18n';
import { useClasses, useCreateClasses } from '../api/classes';
import { AddPanel, ListState } from './common';
import { useChoices } from './options';

export function ClassesTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const classes = useClasses(school.id);
  const create = useCreateClasses(school.id);
  return (
    <>
      <ListState query={classes} empty={t('web.school.noClasses')}>
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.school.field.class')}</th>
                  <th scope="col">{t('web.school.field.gradeLevel')}</th>
                  <th scope="col">{t('web.school.field.classTeacher')}</th>
                </tr>
              </thead>
              <tbody>
                {[...items]
                  .sort((a, b) => a.gradeLevel - b.gradeLevel || a.letter.localeCompare(b.letter))
                  .map((c) => (
                    <tr key={c.id}>
                      <td>{c.name}</td>
                      <td>{c.gradeLevel}</td>
                      <td>{c.classTeacherName ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {editable ? <AddClass onSubmit={(body) => create.mutateAsync(body)} /> : null}
    </>
  );
}

function AddClass({ onSubmit }: { onSubmit: (body: Record<string, unknown>) => Promise<unknown> }) {
  const t = useT();
  const choices = useChoices();
  return (
    <AddPanel title={t('web.school.addClass')}>
      {choices.ready ? (
        <EntityForm
          submitLabel="web.form.add"
          onSubmit={onSubmit}
          initial={{ yearId: choices.yearOptions.at(-1)?.value ?? '' }}
          fields={[
            { name: 'yearId', label: 'web.school.field.year', type: 'select', required: true, options: choices.yearOptions },
            { name: 'gradeLevel', label: 'web.school.field.gradeLevel', type: 'number', required: true, min: 1, max: 11 },
            { name: 'letter', label: 'web.school.field.letter', required: true, maxLength: 3, hint: 'web.school.hint.letter' },
            { name: 'classTeacherId', label: 'web.school.field.classTeacher', type: 'select', options: choices.staffOptions },
          ]}
        />
      ) : (
        <Loading />
      )}
    </AddPanel>
  );
}
