import { useEffect, useMemo, useRef } from 'react';
import { errorText } from '../../components/status';
import type { Translate } from '../../lib/i18n';
import {
  type Attendance,
  type AttendanceMark,
  conflictCurrent,
  createGrade,
  deleteGrade,
  fetchAverages,
  type Grade,
  type JournalPage,
  type PeriodGrade,
  setAttendance,
  setPeriodGrade,
  updateGrade,
} from './api/journal';
import type { CellIntent } from './cell-input';
import { type CellState, type Conflict, type JournalStore, lessonKey } from './journal-store';

/** Thrown inside a cell's write when the server answers 409: the grid then asks the teacher. */
class StaleWrite extends Error {
  constructor(readonly conflict: Conflict) {
    super('stale write');
  }
}

const replaceGrade = (grades: readonly Grade[], id: string, next: Grade | null) =>
  next ? grades.map((g) => (g.id === id ? next : g)) : grades.filter((g) => g.id !== id);

export interface GradeFields {
  value?: string;
  workTypeId?: string;
  comment?: string;
}

/**
 * Every write takes an optional `reason`: an admin's written reason for changing a record of a
 * closed period (R4.2). The server refuses such a change without one (423) and keeps the reason in
 * the record's history and the audit log; in an open period it is not sent.
 */
export interface JournalWriter {
  /** Applies what was typed into a cell: diffs it against the confirmed grades and mark. */
  saveCell: (studentId: string, date: string, lessonNumber: number, intent: CellIntent, reason?: string) => Promise<void>;
  addGrade: (
    studentId: string,
    date: string,
    lessonNumber: number,
    fields: Required<Pick<GradeFields, 'value' | 'workTypeId'>> & GradeFields,
    reason?: string,
  ) => Promise<void>;
  changeGrade: (
    studentId: string,
    date: string,
    lessonNumber: number,
    gradeId: string,
    fields: GradeFields,
    reason?: string,
  ) => Promise<void>;
  removeGrade: (studentId: string, date: string, lessonNumber: number, gradeId: string, reason?: string) => Promise<void>;
  savePeriodGrade: (studentId: string, value: string | null, reason?: string) => Promise<void>;
  /** The teacher's answer to a 409: keep what is in the journal now, or write their own value over it. */
  resolveCell: (studentId: string, date: string, lessonNumber: number, choice: 'theirs' | 'mine') => Promise<void>;
  resolvePeriod: (studentId: string, choice: 'theirs' | 'mine') => Promise<void>;
}

/**
 * Every journal write of the grid: optimistic (the cell shows the new value at once), one write at
 * a time per cell (a fast second keystroke waits for the first), versions from the last confirmed
 * row, and a 409 turned into a visible conflict instead of a silent overwrite (R3.5).
 */
export function useJournalWriter(schoolId: string, page: JournalPage, store: JournalStore, t: Translate): JournalWriter {
  const queues = useRef(new Map<string, Promise<void>>());
  const averagesTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(
    () => () => {
      if (averagesTimer.current) clearTimeout(averagesTimer.current);
    },
    [],
  );

  return useMemo(() => {
    const curriculumId = page.curriculum.id;
    const scale = page.curriculum.scale;
    const periodKind = page.period.kind === 'year' ? ('year' as const) : ('period' as const);

    const serial = (key: string, task: () => Promise<void>) => {
      const previous = queues.current.get(key) ?? Promise.resolve();
      const next = previous.then(task, task);
      queues.current.set(key, next);
      return next;
    };

    /** One request for the whole page's averages, a moment after the last grade write. */
    const refreshAverages = () => {
      if (averagesTimer.current) clearTimeout(averagesTimer.current);
      averagesTimer.current = setTimeout(() => {
        fetchAverages(schoolId, curriculumId, page.period.id)
          .then((res) => store.setAverages(res.items))
          .catch(() => {
            // Averages are derived data; the next write or a reload brings them back.
          });
      }, 500);
    };

    const defaultWorkType = (date: string, lessonNumber: number) =>
      store.get().lessons[lessonKey(date, lessonNumber)]?.controlWorkTypeId ??
      page.workTypes.find((w) => w.code === 'answer')?.id ??
      page.workTypes[0]?.id ??
      '';

    const setCell = (studentId: string, key: string, change: (cell: CellState) => CellState) => store.updateCell(studentId, key, change);

    // --- single operations, each updating the confirmed rows as soon as the server answers

    async function gradeCreate(
      studentId: string,
      date: string,
      lessonNumber: number,
      fields: GradeFields & { value: string; workTypeId: string },
      reason?: string,
    ) {
      const grade = await createGrade(schoolId, curriculumId, { studentId, date, lessonNumber, scale, ...fields, reason });
      setCell(studentId, lessonKey(date, lessonNumber), (c) => ({ ...c, grades: [...c.grades, grade] }));
      if (grade.lessonId) noteLessonId(date, lessonNumber, grade.lessonId);
    }

    async function gradeUpdate(studentId: string, key: string, grade: Grade, fields: GradeFields, reason?: string) {
      try {
        const next = await updateGrade(schoolId, grade.id, { ...fields, version: grade.version, reason });
        setCell(studentId, key, (c) => ({ ...c, grades: replaceGrade(c.grades, grade.id, next) }));
      } catch (err) {
        const theirs = conflictCurrent<Grade>(err);
        if (theirs === undefined) throw err;
        setCell(studentId, key, (c) => ({ ...c, grades: replaceGrade(c.grades, grade.id, theirs) }));
        throw new StaleWrite({ kind: 'grade', theirs, mineValue: fields.value ?? theirs?.value ?? grade.value, gradeId: grade.id });
      }
    }

    async function gradeDelete(studentId: string, key: string, grade: Grade, reason?: string) {
      try {
        await deleteGrade(schoolId, grade.id, grade.version, reason);
        setCell(studentId, key, (c) => ({ ...c, grades: replaceGrade(c.grades, grade.id, null) }));
      } catch (err) {
        const theirs = conflictCurrent<Grade>(err);
        if (theirs === undefined) throw err;
        setCell(studentId, key, (c) => ({ ...c, grades: replaceGrade(c.grades, grade.id, theirs) }));
        throw new StaleWrite({ kind: 'grade', theirs, mineValue: null, gradeId: grade.id });
      }
    }

    async function markWrite(
      studentId: string,
      date: string,
      lessonNumber: number,
      mark: AttendanceMark | null,
      version: number,
      reason?: string,
    ) {
      const key = lessonKey(date, lessonNumber);
      try {
        const res = await setAttendance(schoolId, curriculumId, { studentId, date, lessonNumber, mark, version, reason });
        setCell(studentId, key, (c) => ({ ...c, attendance: res.item }));
        if (res.item) noteLessonId(date, lessonNumber, res.item.lessonId);
      } catch (err) {
        const theirs = conflictCurrent<Attendance>(err);
        if (theirs === undefined) throw err;
        setCell(studentId, key, (c) => ({ ...c, attendance: theirs }));
        throw new StaleWrite({ kind: 'attendance', theirs, mineMark: mark });
      }
    }

    const noteLessonId = (date: string, lessonNumber: number, id: string) =>
      store.updateLesson(lessonKey(date, lessonNumber), (l) => (l.id === id ? l : { ...l, id }));

    /** Runs a cell's operations with the saving → saved / error / conflict states around them. */
    const withStatus = (
      studentId: string,
      date: string,
      lessonNumber: number,
      pending: CellState['pending'],
      task: () => Promise<void>,
    ) => {
      const key = lessonKey(date, lessonNumber);
      setCell(studentId, key, (c) => ({ ...c, status: 'saving', pending, error: null, conflict: null }));
      return serial(`${studentId}|${key}`, async () => {
        try {
          await task();
          setCell(studentId, key, (c) => ({ ...c, status: 'saved', pending: null }));
        } catch (err) {
          if (err instanceof StaleWrite) {
            setCell(studentId, key, (c) => ({ ...c, status: 'conflict', pending: null, conflict: err.conflict }));
          } else {
            setCell(studentId, key, (c) => ({ ...c, status: 'error', pending: null, error: errorText(tRef.current, err) }));
          }
        } finally {
          refreshAverages();
        }
      });
    };

    const saveCell: JournalWriter['saveCell'] = (studentId, date, lessonNumber, intent, reason) =>
      withStatus(studentId, date, lessonNumber, intent, async () => {
        const key = lessonKey(date, lessonNumber);
        // Read at run time: an earlier write of this cell may have just changed the rows.
        const cell = store.cell(studentId, key);
        const currentMark = cell.attendance?.mark ?? null;
        if (intent.mark !== undefined && intent.mark !== currentMark) {
          await markWrite(studentId, date, lessonNumber, intent.mark, cell.attendance?.version ?? 0, reason);
        }
        if (intent.grades === null) return;
        const existing = [...cell.grades];
        const wanted = intent.grades;
        for (let i = 0; i < Math.max(existing.length, wanted.length); i++) {
          const grade = existing[i];
          const value = wanted[i];
          if (grade && value !== undefined) {
            if (grade.value !== value) await gradeUpdate(studentId, key, grade, { value }, reason);
          } else if (value !== undefined) {
            await gradeCreate(studentId, date, lessonNumber, { value, workTypeId: defaultWorkType(date, lessonNumber) }, reason);
          } else if (grade) {
            await gradeDelete(studentId, key, grade, reason);
          }
        }
      });

    const addGrade: JournalWriter['addGrade'] = (studentId, date, lessonNumber, fields, reason) =>
      withStatus(studentId, date, lessonNumber, null, () => gradeCreate(studentId, date, lessonNumber, fields, reason));

    const changeGrade: JournalWriter['changeGrade'] = (studentId, date, lessonNumber, gradeId, fields, reason) =>
      withStatus(studentId, date, lessonNumber, null, async () => {
        const key = lessonKey(date, lessonNumber);
        const grade = store.cell(studentId, key).grades.find((g) => g.id === gradeId);
        if (grade) await gradeUpdate(studentId, key, grade, fields, reason);
      });

    const removeGrade: JournalWriter['removeGrade'] = (studentId, date, lessonNumber, gradeId, reason) =>
      withStatus(studentId, date, lessonNumber, null, async () => {
        const key = lessonKey(date, lessonNumber);
        const grade = store.cell(studentId, key).grades.find((g) => g.id === gradeId);
        if (grade) await gradeDelete(studentId, key, grade, reason);
      });

    const resolveCell: JournalWriter['resolveCell'] = async (studentId, date, lessonNumber, choice) => {
      const key = lessonKey(date, lessonNumber);
      const conflict = store.cell(studentId, key).conflict;
      if (!conflict || conflict.kind === 'periodGrade') return;
      if (choice === 'theirs') {
        setCell(studentId, key, (c) => ({ ...c, status: 'idle', conflict: null }));
        return;
      }
      await withStatus(studentId, date, lessonNumber, null, async () => {
        if (conflict.kind === 'attendance') {
          await markWrite(studentId, date, lessonNumber, conflict.mineMark, conflict.theirs?.version ?? 0);
          return;
        }
        const { theirs, mineValue } = conflict;
        if (mineValue === null) {
          if (theirs) await gradeDelete(studentId, key, theirs);
        } else if (theirs) {
          await gradeUpdate(studentId, key, theirs, { value: mineValue });
        } else {
          await gradeCreate(studentId, date, lessonNumber, { value: mineValue, workTypeId: defaultWorkType(date, lessonNumber) });
        }
      });
    };

    const periodWrite = (studentId: string, value: string | null, version: number, reason?: string) => {
      store.updatePeriod(studentId, (p) => ({ ...p, status: 'saving', pending: value, error: null, conflict: null }));
      return serial(`${studentId}|period`, async () => {
        try {
          const res = await setPeriodGrade(schoolId, curriculumId, {
            studentId,
            kind: periodKind,
            periodId: periodKind === 'period' ? page.period.id : undefined,
            value,
            version,
            reason,
          });
          store.updatePeriod(studentId, (p) => ({ ...p, grade: res.item, status: 'saved', pending: undefined }));
        } catch (err) {
          const theirs = conflictCurrent<PeriodGrade>(err);
          if (theirs === undefined) {
            store.updatePeriod(studentId, (p) => ({ ...p, status: 'error', pending: undefined, error: errorText(tRef.current, err) }));
          } else {
            store.updatePeriod(studentId, (p) => ({
              ...p,
              grade: theirs,
              status: 'conflict',
              pending: undefined,
              conflict: { kind: 'periodGrade', theirs, mineValue: value },
            }));
          }
        }
      });
    };

    const savePeriodGrade: JournalWriter['savePeriodGrade'] = (studentId, value, reason) => {
      const current = store.get().rows[studentId]?.period.grade ?? null;
      if ((current?.value ?? null) === value) return Promise.resolve();
      return periodWrite(studentId, value, current?.version ?? 0, reason);
    };

    const resolvePeriod: JournalWriter['resolvePeriod'] = async (studentId, choice) => {
      const conflict = store.get().rows[studentId]?.period.conflict;
      if (conflict?.kind !== 'periodGrade') return;
      if (choice === 'theirs') {
        store.updatePeriod(studentId, (p) => ({ ...p, status: 'idle', conflict: null }));
        return;
      }
      await periodWrite(studentId, conflict.mineValue, conflict.theirs?.version ?? 0);
    };

    return { saveCell, addGrade, changeGrade, removeGrade, savePeriodGrade, resolveCell, resolvePeriod };
  }, [schoolId, page, store]);
}
