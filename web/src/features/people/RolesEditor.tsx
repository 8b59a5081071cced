import { useSchool } from '../../app/school-context';
import { EntityForm } from '../../components/EntityForm';
import { ErrorNotice, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSetStaffRoles, useStaffMember } from '../../lib/resources/staff';
import { STAFF_ROLES, staffRoleOptions } from './options';

/** The staff member's school roles (account.manage), shown under their login. */
export function RolesEditor({ staffId, onClose }: { staffId: string; onClose?: () => void }) {
  const t = useT();
  const school = useSchool();
  const member = useStaffMember(school.id, staffId);
  const setRoles = useSetStaffRoles(school.id, staffId);
  if (member.isPending) return <Loading />;
  if (member.isError) return <ErrorNotice error={member.error} />;
  return (
    <div>
      <p className="muted">
        {t('people.staff.login')}: {member.data.login}
      </p>
      <EntityForm
        submitLabel="web.form.save"
        keepValues
        initial={{ roles: member.data.roles.filter((r) => (STAFF_ROLES as readonly string[]).includes(r)) }}
        onSubmit={(body) => setRoles.mutateAsync((body.roles as string[]) ?? [])}
        onDone={onClose}
        fields={[{ name: 'roles', label: 'people.staff.roles', type: 'multiselect', options: staffRoleOptions(t) }]}
      />
      {onClose ? (
        <button type="button" className="button button--quiet button--small" onClick={onClose}>
          {t('web.common.cancel')}
        </button>
      ) : null}
    </div>
  );
}
