import type { MessageKey } from '@contract/i18n/translate';
import { REASON_MAX } from '@contract/limits';
import { SPECIAL_GRADES } from '@contract/schemas/journal';
import { useId, useState } from 'react';
import { errorText } from '../../components/status';
import { useT } from '../../lib/i18n';
import { conflictCurrent, itemScaleValues, type JournalPage, type PeriodGrade, setPeriodGrade } from './api/journal';
import { gradeLabel } from './cell-input';
import { Modal } from './Modal';

/** The grades of the whole year that are not tied to a period (R4.1): year, exam and final. */
export const FINAL_KINDS = ['year', 'exam', 'final'] as const;
type FinalKind = (typeof FINAL_KINDS)[number];

const KIND_LABEL: Record<FinalKind, MessageKey> = {
  year: 'journalWeb.finals.year',
  exam: 'journalWeb.finals.exam',
  final: 'journalWeb.finals.final',
};

const keyOf = (studentId: string, kind: FinalKind) => `${studentId}:${kind}`;

type CellStatus = { state: 'idle' | 'saving' | 'saved' } | { state: 'error'; message: string };

/** Year, exam and final grades of a journal, as the server last confirmed them. */
export function initialFinals(page: JournalPage): Record<string, PeriodGrade> {
  const out: Record<string, PeriodGrade> = {};
  for (const g of page.periodGrades) {
    if ((FINAL_KINDS as readonly string[]).includes(g.kind)) out[keyOf(g.studentId, g.kind as FinalKind)] = g;
  }
  return out;
}

/**
 * The «Итоговые оценки» dialog: one row per student, a choice per kind (the item's scale plus
 * «н/а», «осв.», «зач», «незач»), saved as soon as it is chosen, with the version last seen so a
 * colleague's change in between is shown rather than overwritten (R3.5). Once the year is closed
 * (every period of the item is: decision 008) the grades are read-only; an admin changes one after
 * writing the reason, which is sent with the save.
 */
export function FinalGradesDialog({
  schoolId,
  page,
  finals,
  onSaved,
  onClose,
}: {
  schoolId: string;
  page: JournalPage;
  finals: Record<string, PeriodGrade>;
  onSaved: (key: string, grade: PeriodGrade | null) => void;
  onClose: () => void;
}) {
  const t = useT();
  const idPrefix = useId();
  const [status, setStatus] = useState<Record<string, CellStatus>>({});
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const yearClosed = page.periods.length > 0 && page.periods.every((p) => p.closed);
  const overridable = yearClosed && page.canOverrideLock;
  const writable = page.canWrite && (!yearClosed || (overridable && reason.trim() !== ''));
  const choices = [...new Set([...itemScaleValues(page), ...SPECIAL_GRADES])];
  const scaleName = page.scales.find((s) => s.code === page.curriculum.scale)?.name ?? '';

  const save = async (studentId: string, kind: FinalKind, value: string | null) => {
    const key = keyOf(studentId, kind);
    setStatus((s) => ({ ...s, [key]: { state: 'saving' } }));
    try {
      const res = await setPeriodGrade(schoolId, page.curriculum.id, {
        studentId,
        kind,
        value,
        version: finals[key]?.version ?? 0,
        ...(yearClosed ? { reason: reason.trim() } : {}),
      });
      onSaved(key, res.item);
      setStatus((s) => ({ ...s, [key]: { state: 'saved' } }));
    } catch (err) {
      const current = conflictCurrent<PeriodGrade>(err);
      if (current !== undefined) onSaved(key, current);
      setStatus((s) => ({ ...s, [key]: { state: 'error', message: errorText(t, err) } }));
    }
  };

  return (
    <Modal title={t('journalWeb.finals.title')} onClose={onClose} testId="finals-dialog">
      <p className="muted">{t('journalWeb.finals.hint', { scale: scaleName })}</p>
      {yearClosed ? (
        <p className="muted" data-testid="finals-year-closed">
          {t(overridable ? 'journalWeb.finals.yearClosedAdmin' : 'journalWeb.finals.yearClosed')}
        </p>
      ) : null}
      {overridable ? (
        <div className="field">
          <label className="field__label" htmlFor={reasonId}>
            {t('journalWeb.finals.reason')}
          </label>
          <textarea
            id={reasonId}
            value={reason}
            maxLength={REASON_MAX}
            rows={2}
            onChange={(e) => setReason(e.target.value)}
            data-testid="finals-reason"
          />
        </div>
      ) : null}
      <div className="journal-finals__wrap">
        <table className="table journal-finals">
          <thead>
            <tr>
              <th scope="col">{t('journalWeb.journal.student')}</th>
              {FINAL_KINDS.map((kind) => (
                <th key={kind} scope="col">
                  {t(KIND_LABEL[kind])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.students.map((student) => (
              <tr key={student.id}>
                <th scope="row">
                  {student.surname} {student.name}
                </th>
                {FINAL_KINDS.map((kind) => {
                  const key = keyOf(student.id, kind);
                  const current = finals[key]?.value ?? '';
                  const cell = status[key] ?? { state: 'idle' };
                  const id = `${idPrefix}-${key}`;
                  return (
                    <td key={kind} data-status={cell.state}>
                      <label className="visually-hidden" htmlFor={id}>
                        {`${student.surname} ${student.name}, ${t(KIND_LABEL[kind])}`}
                      </label>
                      <select
                        id={id}
                        value={current}
                        disabled={!writable || cell.state === 'saving'}
                        data-testid={`final-${kind}`}
                        aria-invalid={cell.state === 'error'}
                        onChange={(e) => void save(student.id, kind, e.target.value || null)}
                      >
                        <option value="">{t('journalWeb.override.periodGradeEmpty')}</option>
                        {[...new Set([...choices, ...(current ? [current] : [])])].map((v) => (
                          <option key={v} value={v}>
                            {gradeLabel(t, v)}
                          </option>
                        ))}
                      </select>
                      {cell.state === 'saved' ? (
                        <span className="journal-finals__saved" role="status">
                          {t('journalWeb.journal.cell.saved')}
                        </span>
                      ) : null}
                      {cell.state === 'error' ? (
                        <p className="field__error" role="alert">
                          {cell.message}
                        </p>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
