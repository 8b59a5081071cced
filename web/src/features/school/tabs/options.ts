import type { Year } from '@contract/schemas/school';
import { useSchool } from '../../../app/school-context';
import type { FieldOption } from '../../../components/EntityForm';
import { fullName } from '../../../lib/dates';
import { useResource } from '../../../lib/resource';
import { useClasses } from '../../../lib/resources/classes';
import { useGroups } from '../../../lib/resources/groups';
import { useStaff } from '../../../lib/resources/staff';
import { useSubjects } from '../api/subjects';

export type Choices = ReturnType<typeof useChoices>;

/** Choices for the forms' selects, from the school's own lists. */
export function useChoices() {
  const school = useSchool();
  const years = useResource<{ items: Year[] }>(school.id, 'years');
  const staff = useStaff(school.id, { limit: 500 });
  const classes = useClasses(school.id);
  const groups = useGroups(school.id);
  const subjects = useSubjects(school.id);
  const yearOptions: FieldOption[] = (years.data?.items ?? []).map((y) => ({ value: y.id, label: y.name }));
  const staffOptions: FieldOption[] = (staff.data?.items ?? []).filter((s) => !s.leftOn).map((s) => ({ value: s.id, label: fullName(s) }));
  const classOptions: FieldOption[] = (classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const groupOptions: FieldOption[] = (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }));
  const subjectOptions: FieldOption[] = (subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const ready = !years.isPending && !staff.isPending && !classes.isPending && !groups.isPending && !subjects.isPending;
  return { ready, yearOptions, staffOptions, classOptions, groupOptions, subjectOptions };
}
