import { useSchool } from '../../../app/school-context';
import { EntityForm } from '../../../components/EntityForm';
import { useT } from '../../../lib/i18n';
import { useBells, useCreateBells } from '../api/bells';
import { AddPanel, ListState } from './common';

export function BellsTab({ editable }: { editable: boolean }) {
  const t = useT();
  const school = useSchool();
  const bells = useBells(school.id);
  const create = useCreateBells(school.id);
  return (
    <>
      <ListState query={bells} empty={t('web.school.noBells')}>
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('web.school.field.lessonNumber')}</th>
                  <th scope="col">{t('web.school.field.startsAt')}</th>
                  <th scope="col">{t('web.school.field.endsAt')}</th>
                </tr>
              </thead>
              <tbody>
                {[...items]
                  .sort((a, b) => a.lessonNumber - b.lessonNumber)
                  .map((b) => (
                    <tr key={b.id}>
                      <td>{b.lessonNumber}</td>
                      <td>{b.startsAt}</td>
                      <td>{b.endsAt}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {editable ? (
        <AddPanel title={t('web.school.addBell')}>
          <EntityForm
            submitLabel="web.form.add"
            onSubmit={(body) => create.mutateAsync(body)}
            fields={[
              { name: 'lessonNumber', label: 'web.school.field.lessonNumber', type: 'number', required: true, min: 0, max: 12 },
              { name: 'startsAt', label: 'web.school.field.startsAt', type: 'time', required: true },
              { name: 'endsAt', label: 'web.school.field.endsAt', type: 'time', required: true },
            ]}
          />
        </AddPanel>
      ) : null}
    </>
  );
}
