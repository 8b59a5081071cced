import { type KeyboardEvent, memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { formatDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { itemScaleValues, type JournalPage } from './api/journal';
import { cellText, gradeLabel, markLabel, parseCellInput, parsePeriodGrade } from './cell-input';
import { type CellState, type JournalStore, type PeriodCellState, useStudentRow } from './journal-store';
import type { JournalWriter } from './use-journal-writer';

/** One lesson column of the grid. */
export interface Column {
  key: string;
  date: string;
  lessonNumber: number;
  locked: boolean;
  scheduled: boolean;
  controlWork: boolean;
  topic: string | null;
}

export type Student = JournalPage['students'][number];

export interface GridFocus {
  row: number;
  col: number;
}

interface Editing extends GridFocus {
  text: string;
}

const inSpans = (student: Student, date: string) => student.spans.some((s) => date >= s.from && date <= s.to);
const shortDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
const formatAverage = (n: number | null | undefined) => (n === null || n === undefined ? '' : n.toFixed(2));

interface GridProps {
  page: JournalPage;
  store: JournalStore;
  writer: JournalWriter;
  columns: readonly Column[];
  focus: GridFocus;
  onFocus: (focus: GridFocus) => void;
  /** Enter or a click on the focused cell: the details (grades, comment, history) or a conflict. */
  onOpen: (focus: GridFocus) => void;
}

/**
 * The journal grid (R3, item 9): students × lessons like a spreadsheet. One focused cell; arrows
 * and Tab move; typing edits the cell, saved on Enter, Tab, an arrow or leaving the grid; Delete
 * clears. The last columns hold the averages, the proposal and the period grade.
 */
export function JournalGrid({ page, store, writer, columns, focus, onFocus, onOpen }: GridProps) {
  const t = useT();
  const { locale } = useLocale();
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const idPrefix = useId();
  const rows = page.students.length;
  const periodCol = columns.length;
  const scaleValues = itemScaleValues(page);
  const periodWritable = page.canWrite && !page.period.closed;

  const writable = useCallback(
    (row: number, col: number) => {
      const student = page.students[row];
      if (!student || !page.canWrite) return false;
      if (col === periodCol) return periodWritable;
      const column = columns[col];
      return !!column && !column.locked && inSpans(student, column.date);
    },
    [page, columns, periodCol, periodWritable],
  );

  // Keep the focused cell in view; scroll-padding in the CSS keeps it clear of the sticky parts.
  useEffect(() => {
    document.getElementById(`${idPrefix}-${focus.row}-${focus.col}`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focus, idPrefix]);

  const move = useCallback(
    (dRow: number, dCol: number, from: GridFocus = focus) => {
      const row = Math.min(Math.max(from.row + dRow, 0), rows - 1);
      const col = Math.min(Math.max(from.col + dCol, 0), periodCol);
      onFocus({ row, col });
    },
    [focus, rows, periodCol, onFocus],
  );

  /** Saves what the editor holds; returns false (and keeps the editor) when the text is not valid. */
  const commit = useCallback(
    (edit: Editing): boolean => {
      const student = page.students[edit.row];
      if (!student) return true;
      if (edit.col === periodCol) {
        const parsed = parsePeriodGrade(edit.text, scaleValues);
        if (!parsed.ok) {
          store.updatePeriod(student.id, (p) => ({
            ...p,
            status: 'error',
            error: t('journalWeb.journal.badValue', { value: parsed.bad }),
          }));
          return true;
        }
        void writer.savePeriodGrade(student.id, parsed.value);
        return true;
      }
      const column = columns[edit.col];
      if (!column) return true;
      const parsed = parseCellInput(edit.text, scaleValues);
      if (!parsed.ok) {
        store.updateCell(student.id, column.key, (c) => ({
          ...c,
          status: 'error',
          error: t('journalWeb.journal.badValue', { value: parsed.bad }),
        }));
        return true;
      }
      if (parsed.intent.grades === null && parsed.intent.mark === undefined) return true;
      void writer.saveCell(student.id, column.date, column.lessonNumber, parsed.intent);
      return true;
    },
    [page, columns, periodCol, scaleValues, store, writer, t],
  );

  const clear = useCallback(() => {
    const student = page.students[focus.row];
    if (!student || !writable(focus.row, focus.col)) return;
    if (focus.col === periodCol) {
      void writer.savePeriodGrade(student.id, null);
      return;
    }
    const column = columns[focus.col];
    if (!column) return;
    const cell = store.cell(student.id, column.key);
    if (cell.grades.length === 0 && !cell.attendance) return;
    void writer.saveCell(student.id, column.date, column.lessonNumber, { grades: [], mark: null });
  }, [page, focus, columns, periodCol, store, writer, writable]);

  /** The text F2 puts into the editor: what the cell holds now. */
  const currentText = (at: GridFocus): string => {
    const student = page.students[at.row];
    if (!student) return '';
    if (at.col === periodCol) {
      const grade = store.get().rows[student.id]?.period.grade;
      return grade ? gradeLabel(t, grade.value) : '';
    }
    const column = columns[at.col];
    const cell = column ? store.cell(student.id, column.key) : null;
    return cell
      ? cellText(
          t,
          cell.attendance?.mark ?? null,
          cell.grades.map((g) => g.value),
        )
      : '';
  };

  const finishEditing = (edit: Editing, delta: [number, number] | null) => {
    commit(edit);
    setEditing(null);
    if (delta) move(delta[0], delta[1], edit);
  };

  /**
   * One input holds the keyboard focus for the whole grid and sits over the focused cell: arrows
   * move it; typed characters go into it natively (so Russian layouts, virtual keyboards and IME
   * work, and no keystroke is lost between "start editing" and the editor appearing).
   */
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const input = event.currentTarget;
    if (editing) {
      const commitMoves: Record<string, [number, number]> = { Enter: [1, 0], ArrowDown: [1, 0], ArrowUp: [-1, 0], Tab: [0, 1] };
      if (event.key === 'Escape') {
        event.preventDefault();
        setEditing(null);
        return;
      }
      let delta = commitMoves[event.key];
      if (event.key === 'Tab' && event.shiftKey) delta = [0, -1];
      // Left/right leave the editor only at the edge of the text, as in a spreadsheet's entry mode.
      if (event.key === 'ArrowLeft' && input.selectionStart === 0 && input.selectionEnd === 0) delta = [0, -1];
      if (event.key === 'ArrowRight' && input.selectionStart === input.value.length) delta = [0, 1];
      if (!delta) return;
      event.preventDefault();
      finishEditing(editing, delta);
      return;
    }
    const keyMoves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-10, 0],
      PageDown: [10, 0],
    };
    const delta = keyMoves[event.key];
    if (delta) {
      event.preventDefault();
      move(delta[0], delta[1]);
    } else if (event.key === 'Tab') {
      // Tab walks the row and wraps to the next one; at either end of the grid it leaves the grid.
      const forward = !event.shiftKey;
      const atEnd = forward ? focus.row === rows - 1 && focus.col === periodCol : focus.row === 0 && focus.col === 0;
      if (atEnd) return;
      event.preventDefault();
      if (forward) onFocus(focus.col === periodCol ? { row: focus.row + 1, col: 0 } : { row: focus.row, col: focus.col + 1 });
      else onFocus(focus.col === 0 ? { row: focus.row - 1, col: periodCol } : { row: focus.row, col: focus.col - 1 });
    } else if (event.key === 'Home') {
      event.preventDefault();
      onFocus({ row: event.ctrlKey ? 0 : focus.row, col: 0 });
    } else if (event.key === 'End') {
      event.preventDefault();
      onFocus({ row: event.ctrlKey ? rows - 1 : focus.row, col: periodCol });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(focus);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      clear();
    } else if (event.key === 'F2') {
      event.preventDefault();
      if (writable(focus.row, focus.col)) setEditing({ ...focus, text: currentText(focus) });
    } else if (event.key === ' ') {
      event.preventDefault();
    }
  };

  const onInputChange = (text: string) => {
    if (editing) setEditing({ ...editing, text });
    else if (text.trim() !== '' && writable(focus.row, focus.col)) setEditing({ ...focus, text: text.trimStart() });
  };

  const onBlur = () => {
    if (editing) finishEditing(editing, null);
  };

  // The input follows the focused cell (and its size), inside the scrolling box.
  const [box, setBox] = useState<{ top: number; left: number; width: number; height: number } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the focused cell or the columns change
  useLayoutEffect(() => {
    const td = document.getElementById(`${idPrefix}-${focus.row}-${focus.col}`);
    const wrap = wrapRef.current;
    if (!td || !wrap) return;
    const a = td.getBoundingClientRect();
    const b = wrap.getBoundingClientRect();
    setBox({ top: a.top - b.top + wrap.scrollTop, left: a.left - b.left + wrap.scrollLeft, width: a.width, height: a.height });
  }, [focus, idPrefix, columns]);

  const focusInput = useCallback(() => inputRef.current?.focus({ preventScroll: true }), []);

  const onCellPointer = useCallback(
    (row: number, col: number, wasFocused: boolean) => {
      focusInput();
      if (wasFocused) onOpen({ row, col });
      else onFocus({ row, col });
    },
    [onFocus, onOpen, focusInput],
  );

  const activeId = `${idPrefix}-${focus.row}-${focus.col}`;
  const focusedStudent = page.students[focus.row];
  const focusedColumn = columns[focus.col];
  const inputLabel = [
    focusedStudent ? `${focusedStudent.surname} ${focusedStudent.name}` : '',
    focus.col === periodCol
      ? t('journalWeb.journal.periodGrade.title')
      : focusedColumn
        ? t('journalWeb.journal.lessonHeader', { date: formatDate(locale, focusedColumn.date), number: focusedColumn.lessonNumber })
        : '',
  ].join(', ');

  return (
    <div className="journal-grid" ref={wrapRef}>
      <input
        ref={inputRef}
        className={`journal-editor${editing ? ' is-editing' : ''}`}
        style={box ? { top: box.top, left: box.left, width: Math.max(box.width, editing ? 64 : 0), height: box.height } : undefined}
        aria-label={inputLabel}
        aria-describedby={activeId}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        value={editing?.text ?? ''}
        maxLength={40}
        onChange={(e) => onInputChange(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        data-testid="journal-input"
      />
      <table
        className="journal-table"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA data grid pattern is a table with role=grid
        role="grid"
        aria-label={t('journalWeb.journal.gridLabel', { owner: page.curriculum.ownerName, subject: page.curriculum.subjectName })}
        aria-rowcount={rows + 1}
        aria-colcount={columns.length + 6}
        data-testid="journal-grid"
      >
        <thead>
          <tr>
            <th scope="col" className="journal-table__num">
              {t('journalWeb.journal.number')}
            </th>
            <th scope="col" className="journal-table__name">
              {t('journalWeb.journal.student')}
            </th>
            {columns.map((c, i) => (
              <th
                key={c.key}
                scope="col"
                className={[
                  'journal-table__lesson',
                  i === focus.col ? 'is-current' : '',
                  c.controlWork ? 'is-control' : '',
                  c.scheduled ? '' : 'is-unscheduled',
                ].join(' ')}
                title={[t('journalWeb.journal.lessonHeader', { date: formatDate(locale, c.date), number: c.lessonNumber }), c.topic]
                  .filter(Boolean)
                  .join('\n')}
                onMouseDown={() => onFocus({ row: focus.row, col: i })}
              >
                <span className="journal-table__date">{shortDate(c.date)}</span>
                <span className="journal-table__lno">{c.lessonNumber}</span>
              </th>
            ))}
            <th scope="col" className="journal-table__stat" title={t('journalWeb.journal.avg.title')}>
              {t('journalWeb.journal.avg')}
            </th>
            <th scope="col" className="journal-table__stat" title={t('journalWeb.journal.weighted.title')}>
              {t('journalWeb.journal.weighted')}
            </th>
            <th scope="col" className="journal-table__stat" title={t('journalWeb.journal.proposed.title')}>
              {t('journalWeb.journal.proposed')}
            </th>
            <th
              scope="col"
              className={`journal-table__stat journal-table__period${focus.col === periodCol ? ' is-current' : ''}`}
              title={t('journalWeb.journal.periodGrade.title')}
            >
              {t('journalWeb.journal.periodGrade')}
            </th>
          </tr>
        </thead>
        <tbody>
          {page.students.map((student, row) => (
            <JournalRow
              key={student.id}
              idPrefix={idPrefix}
              store={store}
              student={student}
              row={row}
              columns={columns}
              focusedCol={focus.row === row ? focus.col : -1}
              canWrite={page.canWrite}
              periodWritable={periodWritable}
              onPointer={onCellPointer}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  idPrefix: string;
  store: JournalStore;
  student: Student;
  row: number;
  columns: readonly Column[];
  focusedCol: number;
  canWrite: boolean;
  periodWritable: boolean;
  onPointer: (row: number, col: number, wasFocused: boolean) => void;
}

/** One student's row; memoised, and subscribed to that student's cells only. */
const JournalRow = memo(function JournalRow({
  idPrefix,
  store,
  student,
  row,
  columns,
  focusedCol,
  canWrite,
  periodWritable,
  onPointer,
}: RowProps) {
  const t = useT();
  const state = useStudentRow(store, student.id);
  const periodCol = columns.length;
  return (
    <tr>
      <td className="journal-table__num">{row + 1}</td>
      <th scope="row" className="journal-table__name" title={[student.surname, student.name, student.patronymic].join(' ')}>
        {student.surname} {student.name}
      </th>
      {columns.map((c, col) => {
        const cell = state.cells[c.key];
        const outside = !inSpans(student, c.date);
        const focused = focusedCol === col;
        return (
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: a td of a role=grid table is a gridcell, which takes aria-selected
          <td
            key={c.key}
            id={`${idPrefix}-${row}-${col}`}
            aria-selected={focused}
            aria-readonly={!canWrite || c.locked || outside}
            className={cellClass(cell, focused, outside, c)}
            data-cell={`${row}:${col}`}
            data-status={cell?.status ?? 'idle'}
            title={cellTitle(t, cell, outside, c.locked)}
            onMouseDown={(e) => {
              e.preventDefault();
              onPointer(row, col, focused);
            }}
          >
            <CellView cell={cell} />
          </td>
        );
      })}
      <td className="journal-table__stat">{formatAverage(state.average?.plain)}</td>
      <td className="journal-table__stat">{formatAverage(state.average?.weighted)}</td>
      <td className="journal-table__stat journal-table__proposed">
        {state.average?.proposed ? (
          // «Why this period mark?»: opens the period dialog, which explains the proposal (R4.1).
          <button
            type="button"
            className="journal-explain"
            title={t('periodMark.open')}
            data-testid="explain-proposed"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPointer(row, periodCol, true)}
          >
            {gradeLabel(t, state.average.proposed)}
          </button>
        ) : (
          ''
        )}
      </td>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: a td of a role=grid table is a gridcell, which takes aria-selected */}
      <td
        id={`${idPrefix}-${row}-${periodCol}`}
        aria-selected={focusedCol === periodCol}
        aria-readonly={!periodWritable}
        className={periodClass(state.period, focusedCol === periodCol)}
        data-cell={`${row}:${periodCol}`}
        data-status={state.period.status}
        title={state.period.error ?? (state.period.status === 'conflict' ? t('journalWeb.journal.cell.conflict') : undefined)}
        onMouseDown={(e) => {
          e.preventDefault();
          onPointer(row, periodCol, focusedCol === periodCol);
        }}
      >
        <PeriodView cell={state.period} />
      </td>
    </tr>
  );
});

function cellClass(cell: CellState | undefined, focused: boolean, outside: boolean, column: Column): string {
  const classes = ['journal-cell'];
  if (focused) classes.push('is-focused');
  if (outside) classes.push('is-outside');
  if (column.locked) classes.push('is-locked');
  if (cell && cell.status !== 'idle') classes.push(`is-${cell.status}`);
  return classes.join(' ');
}

function periodClass(cell: PeriodCellState, focused: boolean): string {
  const classes = ['journal-cell', 'journal-table__period'];
  if (focused) classes.push('is-focused');
  if (cell.status !== 'idle') classes.push(`is-${cell.status}`);
  return classes.join(' ');
}

function cellTitle(t: ReturnType<typeof useT>, cell: CellState | undefined, outside: boolean, locked: boolean): string | undefined {
  if (outside) return t('journalWeb.journal.cell.outsideRoster');
  if (!cell) return locked ? t('journalWeb.journal.cell.locked') : undefined;
  if (cell.status === 'error') return cell.error ?? t('journalWeb.journal.cell.error');
  if (cell.status === 'conflict') return t('journalWeb.journal.cell.conflict');
  const comments = cell.grades.filter((g) => g.comment).map((g) => `${g.value}: ${g.comment}`);
  return comments.length > 0 ? comments.join('\n') : undefined;
}

/** What a cell shows: the mark, then the grades; while saving, what was typed (optimistic). */
const CellView = memo(function CellView({ cell }: { cell: CellState | undefined }) {
  const t = useT();
  if (!cell) return null;
  const mark = cell.pending && cell.pending.mark !== undefined ? cell.pending.mark : (cell.attendance?.mark ?? null);
  const grades = cell.pending?.grades ?? cell.grades.map((g) => g.value);
  const commented = !cell.pending && cell.grades.some((g) => g.comment);
  return (
    <>
      {mark ? <span className={`journal-mark journal-mark--${mark}`}>{markLabel(t, mark)}</span> : null}
      {grades.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same value may appear twice in a cell
        <span key={i} className="journal-grade">
          {gradeLabel(t, g)}
        </span>
      ))}
      {commented ? <span className="journal-cell__comment" aria-hidden="true" /> : null}
      <StatusDot status={cell.status} />
    </>
  );
});

function PeriodView({ cell }: { cell: PeriodCellState }) {
  const t = useT();
  const value = cell.pending !== undefined ? cell.pending : (cell.grade?.value ?? null);
  return (
    <>
      {value ? <span className="journal-grade">{gradeLabel(t, value)}</span> : null}
      <StatusDot status={cell.status} />
    </>
  );
}

function StatusDot({ status }: { status: CellState['status'] }) {
  const t = useT();
  if (status === 'idle') return null;
  const key = {
    saving: 'journalWeb.journal.cell.saving',
    saved: 'journalWeb.journal.cell.saved',
    error: 'journalWeb.journal.cell.error',
    conflict: 'journalWeb.journal.cell.conflict',
  } as const;
  return (
    <span className={`journal-status journal-status--${status}`}>
      <span className="visually-hidden">{t(key[status])}</span>
    </span>
  );
}
