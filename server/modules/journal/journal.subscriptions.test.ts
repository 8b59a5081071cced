import { describe, expect, it } from 'vitest';
import { ALL_CHANGE_KINDS, ChangeKind } from '../changes/changes.service.js';
import { recordedChange } from '../changes/changes.testkit.js';
import { journalStampsOf } from './journal.subscriptions.js';

const change = recordedChange;

describe('which journal pages a change makes stale', () => {
  it('has a rule for every kind', () => {
    for (const kind of ALL_CHANGE_KINDS) expect(() => journalStampsOf(change({ kind }))).not.toThrow();
  });

  it('a grade or a lesson topic: its journal only', () => {
    expect(journalStampsOf(change({ kind: ChangeKind.grade, students: ['st'], curricula: ['math'] }))).toEqual(['math']);
    expect(journalStampsOf(change({ kind: ChangeKind.lessonRecord, groups: ['5a'], curricula: ['math'] }))).toEqual(['math']);
  });

  it('a move: the rosters it names; a new student: none; a renamed one: the school', () => {
    expect(journalStampsOf(change({ kind: ChangeKind.rosterMove, students: ['st'], groups: ['5a', '6a'] }))).toEqual(['5a', '6a']);
    expect(journalStampsOf(change({ kind: ChangeKind.student, action: 'create', students: ['st'] }))).toEqual([]);
    expect(journalStampsOf(change({ kind: ChangeKind.student, action: 'update', students: ['st'] }))).toEqual(['*']);
  });

  it('paperwork: nothing; reference data: the whole school', () => {
    expect(journalStampsOf(change({ kind: ChangeKind.consent, students: ['st'] }))).toEqual([]);
    expect(journalStampsOf(change({ kind: ChangeKind.bells, wholeSchool: true }))).toEqual(['*']);
  });
});
