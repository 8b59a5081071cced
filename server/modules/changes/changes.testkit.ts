import type { RecordedChange } from './change-kinds.js';
import { ChangeKind } from './change-kinds.js';

/** A recorded change for tests of a read model's rules: a grade with no scopes unless given. */
export const recordedChange = (over: Partial<RecordedChange>): RecordedChange => ({
  seq: 1,
  kind: ChangeKind.grade,
  action: 'create',
  schoolId: 's',
  entityId: null,
  actorId: null,
  at: '2026-11-23T09:00:00.000Z',
  students: [],
  groups: [],
  curricula: [],
  dates: null,
  wholeSchool: false,
  ...over,
});
