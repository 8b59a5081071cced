import { Permission } from '@contract/permissions';
import { SPECIAL_GRADES } from '@contract/schemas/journal';
import { useCallback, useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { can, schoolPath } from '../../lib/access';
import { formatDate, fullName, todayInZone } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import {
  itemScaleValues,
  type JournalListItem,
  type JournalPage as JournalPageData,
  useJournalList,
  useJournalPage,
  useMyCurricula,
} from './api/journal';
import { CellDialog, ConflictPanel, HistoryList } from './CellDialog';
import { gradeLabel } from './cell-input';
import { FinalGradesDialog, initialFinals } from './FinalGrades';
import { type Column, type GridFocus, JournalGrid } from './JournalGrid';
import { createJournalStore, type JournalStore, lessonKey, useLessons, useStudentRow } from './journal-store';
import { LessonPanel } from './LessonPanel';
import { Modal } from './Modal';
import { OverrideReason } from './OverrideReason';
import { PeriodCloseButton } from './PeriodClose';
import { PeriodMarkSection } from './PeriodMarkSection';
import { startColumn } from './start-column';
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

/**
 * The journal list split by who the user is (from /api/auth/me): the items they teach, then the
 * class they lead, then everything else they may open.
 */
function useJournalSections(items: readonly JournalListItem[]) {
  const school = useSchool();
  const mine = useMyCurricula(school.id, school.staffId);
  return useMemo(() => {
    const own = new Set((mine.data?.items ?? []).map((c) => c.id));
    const led = new Map(school.leadsClasses.map((c) => [c.id, c.name]));
    const taught = items.filter((i) => own.has(i.curriculumId));
    const ofMyClass = items.filter((i) => !own.has(i.curriculumId) && i.classId !== null && led.has(i.classId));
    const rest = items.filter((i) => !taught.includes(i) && !ofMyClass.includes(i));
    return { taught, ofMyClass, rest, ledNames: [...led.values()] };
  }, [items, mine.data, school.leadsClasses]);
}

/** Every journal page the user may open: "my journals" first, then the rest grouped by class or group. */
function JournalChooser({ schoolId, items }: { schoolId: string; items: readonly JournalListItem[] }) {
  const t = useT();
  const { taught, ofMyClass, rest, ledNames } = useJournalSections(items);
  const groups = new Map<string, JournalListItem[]>();
  for (const item of rest) groups.set(item.ownerName, [...(groups.get(item.ownerName) ?? []), item]);
  const link = (item: JournalListItem, label: string) => (
    <li key={item.curriculumId}>
      <Link to={journalPath(schoolId, item.curriculumId)} data-testid="journal-link">
        {label}
      </Link>
      {item.canWrite ? null : <span className="tag">{t('journalWeb.journal.readOnly')}</span>}
    </li>
  );
  const personal = taught.length > 0 || ofMyClass.length > 0;
  return (
    <section aria-label={t('journalWeb.journal.chooseHint')}>
      <p className="muted">{t('journalWeb.journal.chooseHint')}</p>
      {personal ? (
        <div className="journal-chooser journal-chooser--mine">
          {taught.length > 0 ? (
            <div className="panel journal-chooser__group" data-testid="my-journals">
              <h2>{t('journalWeb.journal.mine')}</h2>
              <ul>{taught.map((item) => link(item, `${item.ownerName} — ${item.subjectName}`))}</ul>
            </div>
          ) : null}
          {ofMyClass.length > 0 ? (
            <div className="panel journal-chooser__group" data-testid="my-class-journals">
              <h2>{t('journalWeb.journal.myClass', { name: ledNames.join(', ') })}</h2>
              <ul>{ofMyClass.map((item) => link(item, `${item.subjectName} (${item.teacherName})`))}</ul>
            </div>
          ) : null}
        </div>
      ) : null}
      {personal && groups.size > 0 ? <h2 className="journal-chooser__heading">{t('journalWeb.journal.others')}</h2> : null}
      <div className="journal-chooser">
        {[...groups.entries()].map(([owner, subjects]) => (
          <div key={owner} className="panel journal-chooser__group">
            <h2>{owner}</h2>
            <ul>{subjects.map((item) => link(item, item.subjectName))}</ul>
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
  const school = useSchool();
  const navigate = useNavigate();
  const page = useJournalPage(schoolId, curriculumId, periodId);
  const ids = { journal: useId(), period: useId() };
  const { taught, ofMyClass, rest } = useJournalSections(items);
  const option = (item: JournalListItem) => (
    <option key={item.curriculumId} value={item.curriculumId}>
      {item.ownerName} — {item.subjectName}
      {item.canWrite ? '' : ` (${t('journalWeb.journal.readOnly')})`}
    </option>
  );

  return (
    <>
      <div className="panel form form--inline journal-pickers no-print">
        <div className="field">
          <label className="field__label" htmlFor={ids.journal}>
            {t('journalWeb.journal.choose')}
          </label>
          <select id={ids.journal} value={curriculumId} onChange={(e) => navigate(journalPath(schoolId, e.target.value))}>
            {taught.length + ofMyClass.length === 0 ? (
              rest.map(option)
            ) : (
              <>
                <optgroup label={t('journalWeb.journal.mine')}>{[...taught, ...ofMyClass].map(option)}</optgroup>
                {rest.length > 0 ? <optgroup label={t('journalWeb.journal.others')}>{rest.map(option)}</optgroup> : null}
              </>
            )}
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
          {page.data && can(school, Permission.periodClose) ? <PeriodCloseButton schoolId={schoolId} period={page.data.period} /> : null}
          <Link
            className="button button--secondary"
            to={schoolPath(schoolId, `journal/${encodeURIComponent(curriculumId)}/plan`)}
            title={t('planWeb.open.title')}
            data-testid="plan-link"
          >
            {t('planWeb.open')}
          </Link>
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
  const { timezone } = useSchool();
  const [focus, setFocus] = useState<GridFocus>(() => ({ row: 0, col: startColumn(page.lessons, todayInZone(timezone)) }));
  const [open, setOpen] = useState<GridFocus | null>(null);
  const [finalsOpen, setFinalsOpen] = useState(false);
  const [finals, setFinals] = useState(() => initialFinals(page));
  const scaleName = page.scales.find((s) => s.code === page.curriculum.scale)?.name ?? page.curriculum.scale;
  const onFocus = useCallback((next: GridFocus) => setFocus(next), []);
  const onOpen = useCallback((at: GridFocus) => {
    setFocus(at);
    setOpen(at);
  }, []);

  const focusedColumn = columns[focus.col] ?? null;
  const openStudent = open ? page.students[open.row] : undefined;
  const openColumn = open ? columns[open.col] : undefined;
  const onRoster = (at: GridFocus) => {
    const student = page.students[at.row];
    const column = columns[at.col];
    return !!student && !!column && student.spans.some((s) => column.date >= s.from && column.date <= s.to);
  };
  const writableAt = (at: GridFocus) => page.canWrite && !columns[at.col]?.locked && onRoster(at);
  // R4.2: an admin may change a closed period's record, with a reason.
  const overridableAt = (at: GridFocus) => page.canOverrideLock && !!columns[at.col]?.locked && onRoster(at);

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
          {formatDate(locale, page.period.endsOn)}){' · '}
          <span data-testid="journal-scale">{t('journalWeb.journal.scale', { scale: scaleName })}</span>
          {page.canWrite ? null : <span className="tag">{t('journalWeb.journal.readOnly')}</span>}
          {page.period.closed ? <span className="tag">{t('journalWeb.journal.locked')}</span> : null}
        </p>
        {page.students.length > 0 ? (
          <p className="journal-head__actions no-print">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setFinalsOpen(true)}
              data-testid="finals-open"
            >
              {t('journalWeb.finals.open')}
            </button>
          </p>
        ) : null}
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
          overridable={overridableAt(open)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {finalsOpen ? (
        <FinalGradesDialog
          schoolId={schoolId}
          page={page}
          finals={finals}
          onSaved={(key, grade) =>
            setFinals((f) => {
              const next = { ...f };
              if (grade) next[key] = grade;
              else delete next[key];
              return next;
            })
          }
          onClose={() => setFinalsOpen(false)}
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
  const overridable = page.canOverrideLock && page.period.closed;
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
      {page.period.closed && !overridable ? <p className="muted">{t('journalWeb.journal.cell.locked')}</p> : null}
      {overridable ? (
        <PeriodGradeOverride
          key={row.period.grade?.version ?? 0}
          page={page}
          current={row.period.grade?.value ?? null}
          onSave={(value, reason) => void writer.savePeriodGrade(student.id, value, reason)}
        />
      ) : null}
      <PeriodMarkSection
        schoolId={schoolId}
        curriculumId={page.curriculum.id}
        studentId={student.id}
        periodId={page.period.id}
        revision={`${row.average?.count ?? 0}:${row.average?.weighted ?? ''}:${row.average?.proposed ?? ''}`}
      />
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

/** An admin's correction of a closed period's grade: the new value and the required reason (R4.2). */
function PeriodGradeOverride({
  page,
  current,
  onSave,
}: {
  page: JournalPageData;
  current: string | null;
  onSave: (value: string | null, reason: string) => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [value, setValue] = useState(current ?? '');
  const valueId = useId();
  const scale = itemScaleValues(page);
  const choices = [...new Set([...scale, ...SPECIAL_GRADES, ...(current ? [current] : [])])];
  const ready = reason.trim() !== '' && value !== (current ?? '');
  return (
    <form
      className="journal-dialog__section"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onSave(value || null, reason.trim());
      }}
    >
      <OverrideReason period={page.period.name} value={reason} onChange={setReason} />
      <div className="form form--inline">
        <div className="field">
          <label className="field__label" htmlFor={valueId}>
            {t('journalWeb.override.periodGrade')}
          </label>
          <select id={valueId} value={value} disabled={reason.trim() === ''} onChange={(e) => setValue(e.target.value)}>
            <option value="">{t('journalWeb.override.periodGradeEmpty')}</option>
            {choices.map((v) => (
              <option key={v} value={v}>
                {gradeLabel(t, v)}
              </option>
            ))}
          </select>
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={!ready}>
            {t('journalWeb.override.save')}
          </button>
        </div>
      </div>
    </form>
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
