import { useCallback, useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { formatDate, fullName } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { schoolPath } from '../auth/access';
import { type JournalListItem, type JournalPage as JournalPageData, useJournalList, useJournalPage } from './api/journal';
import { CellDialog, ConflictPanel, HistoryList } from './CellDialog';
import { type Column, type GridFocus, JournalGrid } from './JournalGrid';
import { createJournalStore, type JournalStore, lessonKey, useLessons, useStudentRow } from './journal-store';
import { LessonPanel } from './LessonPanel';
import { Modal } from './Modal';
import { useJournalWriter } from './use-journal-writer';
import './journal.css';

export const journalPath = (schoolId: string, curriculumId?: string, periodId?: string) =>
  schoolPath(
    schoolId,
    `journal${curriculumId ? `/${encodeURIComponent(curriculumId)}` : ''}${periodId ? `?period=${encodeURIComponent(periodId)}` : ''}`,
  );

/** The teacher's journal (issue 3, item 9): pick a class/group + subject and a period, then the grid. */
export function JournalPage() {
  const t = useT();
  const school = useSchool();
  const { curriculumId } = useParams();
  const [search] = useSearchParams();
  const periodId = search.get('period') ?? undefined;
  const list = useJournalList(school.id);
  useDocumentTitle(t('journalWeb.journal.title'));

  return (
    <div className="journal-page">
      <header className="page-header no-print">
        <h1>{t('journalWeb.journal.title')}</h1>
      </header>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('journalWeb.journal.none')}</Empty>
      ) : curriculumId ? (
        <JournalView schoolId={school.id} items={list.data.items} curriculumId={curriculumId} periodId={periodId} />
      ) : (
        <JournalChooser schoolId={school.id} items={list.data.items} />
      )}
    </div>
  );
}

/** Every journal page the user may open, grouped by class or group. */
function JournalChooser({ schoolId, items }: { schoolId: string; items: readonly JournalListItem[] }) {
  const t = useT();
  const groups = new Map<string, JournalListItem[]>();
  for (const item of items) groups.set(item.ownerName, [...(groups.get(item.ownerName) ?? []), item]);
  return (
    <section aria-label={t('journalWeb.journal.chooseHint')}>
      <p className="muted">{t('journalWeb.journal.chooseHint')}</p>
      <div className="journal-chooser">
        {[...groups.entries()].map(([owner, subjects]) => (
          <div key={owner} className="panel journal-chooser__group">
            <h2>{owner}</h2>
            <ul>
              {subjects.map((item) => (
                <li key={item.curriculumId}>
                  <Link to={journalPath(schoolId, item.curriculumId)} data-testid="journal-link">
                    {item.subjectName}
                  </Link>
                  {item.canWrite ? null : <span className="tag">{t('journalWeb.journal.readOnly')}</span>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

function JournalView({
  schoolId,
  items,
  curriculumId,
  periodId,
}: {
  schoolId: string;
  items: readonly JournalListItem[];
  curriculumId: string;
  periodId: string | undefined;
}) {
  const t = useT();
  const navigate = useNavigate();
  const page = useJournalPage(schoolId, curriculumId, periodId);
  const ids = { journal: useId(), period: useId() };

  return (
    <>
      <div className="panel form form--inline journal-pickers no-print">
        <div className="field">
          <label className="field__label" htmlFor={ids.journal}>
            {t('journalWeb.journal.choose')}
          </label>
          <select id={ids.journal} value={curriculumId} onChange={(e) => navigate(journalPath(schoolId, e.target.value))}>
            {items.map((item) => (
              <option key={item.curriculumId} value={item.curriculumId}>
                {item.ownerName} — {item.subjectName}
                {item.canWrite ? '' : ` (${t('journalWeb.journal.readOnly')})`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.period}>
            {t('journalWeb.journal.period')}
          </label>
          <select
            id={ids.period}
            value={page.data?.period.id ?? ''}
            disabled={!page.data}
            onChange={(e) => navigate(journalPath(schoolId, curriculumId, e.target.value))}
          >
            {(page.data?.periods ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name || t('journalWeb.period.none')}
                {p.closed ? ` — ${t('journalWeb.journal.locked')}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={() => window.print()} disabled={!page.data}>
            {t('journalWeb.journal.print')}
          </button>
        </div>
      </div>
      {page.isPending ? (
        <Loading />
      ) : page.isError ? (
        <ErrorNotice error={page.error} onRetry={() => page.refetch()} />
      ) : (
        // A fresh store per loaded page: the grid's optimistic copy starts from what the server sent.
        <LoadedJournal key={page.dataUpdatedAt} schoolId={schoolId} page={page.data} />
      )}
    </>
  );
}

function LoadedJournal({ schoolId, page }: { schoolId: string; page: JournalPageData }) {
  const t = useT();
  const { locale } = useLocale();
  const store = useMemo(() => createJournalStore(page), [page]);
  const writer = useJournalWriter(schoolId, page, store, t);
  const lessonMeta = useLessons(store);
  const controlTypes = useMemo(() => new Set(page.workTypes.filter((w) => w.isControl).map((w) => w.id)), [page]);
  const columns: Column[] = useMemo(
    () =>
      page.lessons.map((l) => {
        const key = lessonKey(l.date, l.lessonNumber);
        const meta = lessonMeta[key];
        return {
          key,
          date: l.date,
          lessonNumber: l.lessonNumber,
          locked: l.locked,
          scheduled: l.scheduled,
          controlWork: !!meta?.controlWorkTypeId && controlTypes.has(meta.controlWorkTypeId),
          topic: meta?.topic ?? null,
        };
      }),
    [page, lessonMeta, controlTypes],
  );
  // Start on today's lesson (or the last one before it), where a teacher usually types.
  const [focus, setFocus] = useState<GridFocus>(() => {
    const today = new Date().toISOString().slice(0, 10);
    let col = 0;
    page.lessons.forEach((l, i) => {
      if (l.date <= today) col = i;
    });
    return { row: 0, col };
  });
  const [open, setOpen] = useState<GridFocus | null>(null);
  const onFocus = useCallback((next: GridFocus) => setFocus(next), []);
  const onOpen = useCallback((at: GridFocus) => {
    setFocus(at);
    setOpen(at);
  }, []);

  const focusedColumn = columns[focus.col] ?? null;
  const openStudent = open ? page.students[open.row] : undefined;
  const openColumn = open ? columns[open.col] : undefined;
  const writableAt = (at: GridFocus) => {
    const student = page.students[at.row];
    const column = columns[at.col];
    return (
      !!student && !!column && page.canWrite && !column.locked && student.spans.some((s) => column.date >= s.from && column.date <= s.to)
    );
  };

  return (
    <>
      <section className="journal-head">
        <h2 className="journal-head__title">
          {page.curriculum.ownerName} — {page.curriculum.subjectName}
        </h2>
        <p className="journal-head__meta">
          {t('journalWeb.journal.teacher', { name: page.curriculum.teacherName })}
          {' · '}
          {page.period.name || t('journalWeb.period.none')} ({formatDate(locale, page.period.startsOn)} —{' '}
          {formatDate(locale, page.period.endsOn)}){page.canWrite ? null : <span className="tag">{t('journalWeb.journal.readOnly')}</span>}
          {page.period.closed ? <span className="tag">{t('journalWeb.journal.locked')}</span> : null}
        </p>
        <p className="print-only journal-head__print">
          {t('journalWeb.journal.printTitle', {
            owner: page.curriculum.ownerName,
            subject: page.curriculum.subjectName,
            period: page.period.name,
          })}
        </p>
      </section>
      {page.students.length === 0 ? (
        <Empty>{t('journalWeb.journal.noStudents')}</Empty>
      ) : page.lessons.length === 0 ? (
        <Empty>{t('journalWeb.journal.noLessons')}</Empty>
      ) : (
        <>
          {page.canWrite ? <p className="journal-help no-print">{t('journalWeb.journal.help')}</p> : null}
          <JournalGrid page={page} store={store} writer={writer} columns={columns} focus={focus} onFocus={onFocus} onOpen={onOpen} />
          <LessonPanel schoolId={schoolId} page={page} store={store} column={focusedColumn} />
          <TopicsTable columns={columns} store={store} />
        </>
      )}
      {open && openStudent && openColumn ? (
        <CellDialog
          schoolId={schoolId}
          page={page}
          store={store}
          writer={writer}
          student={openStudent}
          column={openColumn}
          writable={writableAt(open)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open && openStudent && open.col === columns.length ? (
        <PeriodDialog schoolId={schoolId} page={page} store={store} studentIndex={open.row} onClose={() => setOpen(null)} writer={writer} />
      ) : null}
    </>
  );
}

/** The period grade's conflict (if any) and history. */
function PeriodDialog({
  schoolId,
  page,
  store,
  studentIndex,
  writer,
  onClose,
}: {
  schoolId: string;
  page: JournalPageData;
  store: JournalStore;
  studentIndex: number;
  writer: ReturnType<typeof useJournalWriter>;
  onClose: () => void;
}) {
  const t = useT();
  const student = page.students[studentIndex] as JournalPageData['students'][number];
  const row = useStudentRow(store, student.id);
  return (
    <Modal title={`${fullName(student)} — ${t('journalWeb.journal.periodGrade.title')}`} onClose={onClose} testId="period-dialog">
      {row.period.conflict ? (
        <ConflictPanel conflict={row.period.conflict} onChoose={(c) => void writer.resolvePeriod(student.id, c)} />
      ) : null}
      {row.period.error ? (
        <p className="field__error" role="alert">
          {row.period.error}
        </p>
      ) : null}
      <section className="journal-dialog__section">
        <h3>{t('journalWeb.cell.history')}</h3>
        <HistoryList
          schoolId={schoolId}
          curriculumId={page.curriculum.id}
          filter={{ entity: 'period_grade', studentId: student.id }}
          revision={String(row.period.grade?.version ?? 0)}
          page={page}
        />
      </section>
    </Modal>
  );
}

/** The paper journal's right-hand page: date and topic (and homework) of every lesson; print only. */
function TopicsTable({ columns, store }: { columns: readonly Column[]; store: JournalStore }) {
  const t = useT();
  const { locale } = useLocale();
  const lessons = useLessons(store);
  return (
    <table className="table journal-topics print-only">
      <caption>{t('journalWeb.journal.topics')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('journalWeb.journal.date')}</th>
          <th scope="col">{t('journalWeb.lesson.topic')}</th>
          <th scope="col">{t('journalWeb.lesson.homework')}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.key}>
            <td>
              {formatDate(locale, c.date)}, {c.lessonNumber}
            </td>
            <td>{lessons[c.key]?.topic ?? ''}</td>
            <td>{lessons[c.key]?.homework ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
