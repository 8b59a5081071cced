import { describe, expect, it } from 'vitest';
import { ALL_CHANGE_KINDS, ChangeKind } from '../changes/changes.service.js';
import { recordedChange } from '../changes/changes.testkit.js';
import { diaryStampsOf } from './diary.subscriptions.js';

const change = recordedChange;

describe('which diary weeks a change makes stale', () => {
  it('has a rule for every kind', () => {
    for (const kind of ALL_CHANGE_KINDS) expect(() => diaryStampsOf(change({ kind }))).not.toThrow();
  });

  it('a grade: its student’s week of the date', () => {
    expect(diaryStampsOf(change({ kind: ChangeKind.grade, students: ['st'], curricula: ['math'], dates: ['2026-11-18'] }))).toEqual([
      { scopeId: 'st', week: '2026-11-16' },
    ]);
  });

  it('a lesson topic: the weeks of its class of each date', () => {
    const c = change({ kind: ChangeKind.lessonRecord, groups: ['5a'], curricula: ['math'], dates: ['2026-11-18', '2026-11-25'] });
    expect(diaryStampsOf(c)).toEqual([
      { scopeId: '5a', week: '2026-11-16' },
      { scopeId: '5a', week: '2026-11-23' },
    ]);
  });

  it('a move: every week of the student; paperwork: nothing; reference data: the whole school', () => {
    expect(diaryStampsOf(change({ kind: ChangeKind.rosterMove, students: ['st'], groups: ['5a', '6a'] }))).toEqual([
      { scopeId: 'st', week: '*' },
    ]);
    expect(diaryStampsOf(change({ kind: ChangeKind.consent, students: ['st'] }))).toEqual([]);
    expect(diaryStampsOf(change({ kind: ChangeKind.bells, wholeSchool: true }))).toEqual([{ scopeId: '*', week: '*' }]);
  });
});
