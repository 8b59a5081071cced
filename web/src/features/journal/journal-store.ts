import { useSyncExternalStore } from 'react';
import type { Attendance, AttendanceMark, Average, Grade, JournalPage, PeriodGrade } from './api/journal';

/**
 * The grid's own copy of one journal page: the rows as the server last confirmed them, plus
 * what each cell is doing (saving, saved, error, conflict). Rows subscribe to their student only,
 * so a keystroke in one cell re-renders one row, not 35 × 60 cells.
 */

export type CellStatus = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

/** A stale write (409): what is in the journal now and what the teacher typed. */
export type Conflict =
  | { kind: 'grade'; theirs: Grade | null; mineValue: string | null; gradeId: string }
  | { kind: 'attendance'; theirs: Attendance | null; mineMark: AttendanceMark | null }
  | { kind: 'periodGrade'; theirs: PeriodGrade | null; mineValue: string | null };

export interface CellState {
  grades: Grade[];
  attendance: Attendance | null;
  status: CellStatus;
  /** What the grid shows while a write is on its way (optimistic UI). */
  pending: { grades: string[] | null; mark: AttendanceMark | null | undefined } | null;
  error: string | null;
  conflict: Conflict | null;
}

export interface PeriodCellState {
  grade: PeriodGrade | null;
  status: CellStatus;
  pending: string | null | undefined;
  error: string | null;
  conflict: Conflict | null;
}

export interface StudentRowState {
  cells: Record<string, CellState>;
  period: PeriodCellState;
  average: Average | null;
}

export interface LessonMeta {
  id: string | null;
  topic: string | null;
  plannedTopic: string | null;
  homework: string | null;
  homeworkDueOn: string | null;
  controlWorkTypeId: string | null;
  attachmentCount: number;
  version: number;
}

export interface JournalState {
  rows: Record<string, StudentRowState>;
  lessons: Record<string, LessonMeta>;
}

export const lessonKey = (date: string, lessonNumber: number) => `${date}#${lessonNumber}`;

export const emptyCell = (): CellState => ({ grades: [], attendance: null, status: 'idle', pending: null, error: null, conflict: null });
const emptyPeriod = (): PeriodCellState => ({ grade: null, status: 'idle', pending: undefined, error: null, conflict: null });

/** Whether a period grade belongs to the period shown (a whole-year page shows the year grade). */
export const periodGradeOfPage = (page: JournalPage, g: PeriodGrade) =>
  page.period.kind === 'year' ? g.kind === 'year' : g.kind === 'period' && g.periodId === page.period.id;

function initialState(page: JournalPage): JournalState {
  const rows: Record<string, StudentRowState> = {};
  for (const s of page.students) rows[s.id] = { cells: {}, period: emptyPeriod(), average: null };
  const cellOf = (studentId: string, key: string) => {
    const row = rows[studentId];
    if (!row) return null;
    row.cells[key] ??= emptyCell();
    return row.cells[key];
  };
  for (const g of page.grades) {
    if (g.lessonNumber === null) continue;
    cellOf(g.studentId, lessonKey(g.date, g.lessonNumber))?.grades.push(g);
  }
  for (const a of page.attendance) {
    const cell = cellOf(a.studentId, lessonKey(a.date, a.lessonNumber));
    if (cell) cell.attendance = a;
  }
  for (const cellRow of Object.values(rows)) {
    for (const cell of Object.values(cellRow.cells))
      cell.grades.sort((a, b) => (a.enteredAt < b.enteredAt ? -1 : a.enteredAt > b.enteredAt ? 1 : 0));
  }
  for (const a of page.averages) {
    const row = rows[a.studentId];
    if (row) row.average = a;
  }
  for (const g of page.periodGrades) {
    const row = rows[g.studentId];
    if (row && periodGradeOfPage(page, g)) row.period = { ...emptyPeriod(), grade: g };
  }
  const lessons: Record<string, LessonMeta> = {};
  for (const l of page.lessons) {
    lessons[lessonKey(l.date, l.lessonNumber)] = {
      id: l.id,
      topic: l.topic,
      plannedTopic: l.plannedTopic,
      homework: l.homework,
      homeworkDueOn: l.homeworkDueOn,
      controlWorkTypeId: l.controlWorkTypeId,
      attachmentCount: l.attachmentCount,
      version: l.version,
    };
  }
  return { rows, lessons };
}

export interface JournalStore {
  get: () => JournalState;
  subscribe: (listener: () => void) => () => void;
  cell: (studentId: string, key: string) => CellState;
  updateCell: (studentId: string, key: string, change: (cell: CellState) => CellState) => void;
  updatePeriod: (studentId: string, change: (cell: PeriodCellState) => PeriodCellState) => void;
  setAverages: (averages: readonly Average[]) => void;
  updateLesson: (key: string, change: (lesson: LessonMeta) => LessonMeta) => void;
}

/** A small external store (useSyncExternalStore): immutable per row, so memoised rows stay put. */
export function createJournalStore(page: JournalPage): JournalStore {
  let state = initialState(page);
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of listeners) l();
  };
  const setRow = (studentId: string, change: (row: StudentRowState) => StudentRowState) => {
    const row = state.rows[studentId];
    if (!row) return;
    state = { ...state, rows: { ...state.rows, [studentId]: change(row) } };
    emit();
  };
  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cell: (studentId, key) => state.rows[studentId]?.cells[key] ?? emptyCell(),
    updateCell: (studentId, key, change) =>
      setRow(studentId, (row) => ({ ...row, cells: { ...row.cells, [key]: change(row.cells[key] ?? emptyCell()) } })),
    updatePeriod: (studentId, change) => setRow(studentId, (row) => ({ ...row, period: change(row.period) })),
    setAverages: (averages) => {
      const byStudent = new Map(averages.map((a) => [a.studentId, a]));
      const rows: Record<string, StudentRowState> = {};
      for (const [id, row] of Object.entries(state.rows)) {
        const next = byStudent.get(id) ?? null;
        const same =
          row.average === next ||
          (row.average !== null &&
            next !== null &&
            row.average.plain === next.plain &&
            row.average.weighted === next.weighted &&
            row.average.proposed === next.proposed);
        rows[id] = same ? row : { ...row, average: next };
      }
      state = { ...state, rows };
      emit();
    },
    updateLesson: (key, change) => {
      const lesson = state.lessons[key];
      if (!lesson) return;
      const next = change(lesson);
      if (next === lesson) return;
      state = { ...state, lessons: { ...state.lessons, [key]: next } };
      emit();
    },
  };
}

const EMPTY_ROW: StudentRowState = { cells: {}, period: emptyPeriod(), average: null };

/** One student's row; re-renders only when that row changes. */
export const useStudentRow = (store: JournalStore, studentId: string) =>
  useSyncExternalStore(store.subscribe, () => store.get().rows[studentId] ?? EMPTY_ROW);

export const useLessonMeta = (store: JournalStore, key: string | null) =>
  useSyncExternalStore(store.subscribe, () => (key ? (store.get().lessons[key] ?? null) : null));

export const useLessons = (store: JournalStore) => useSyncExternalStore(store.subscribe, () => store.get().lessons);
