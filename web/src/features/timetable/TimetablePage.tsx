import type { MessageKey } from '@contract/i18n/translate';
import { TIMETABLE_LIMITS } from '@contract/limits';
import { Permission } from '@contract/permissions';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/school-context';
import { Empty, ErrorNotice, errorText, Loading, SuccessNotice } from '../../components/status';
import { can, hasAnyRole } from '../../lib/access';
import { ApiError } from '../../lib/api';
import { formatDate, todayInZone } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import {
  type ChangeCreate,
  type Curriculum,
  createChange,
  createEntry,
  type DerivedLesson,
  deleteChange,
  deleteEntry,
  type TimetableEntry,
  timetableKey,
  updateEntry,
  useBells,
  useChanges,
  useClasses,
  useClassWeek,
  useCurriculum,
  useEntries,
  useGroups,
  useStaff,
  useTeacherWeek,
  type Week,
} from './api/timetable';
import './timetable.css';

type View = 'class' | 'teacher' | 'edit';
const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;
const weekdayKey = (d: number) => `journalWeb.tt.weekday.${d}` as MessageKey;

/** Monday of the week holding a date (calendar arithmetic in UTC, so no zone shifts the day). */
function mondayOf(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Timetables (R2.1–2.2): a class's or a teacher's week (all staff), and the admin's week-grid editor. */
export function TimetablePage() {
  const t = useT();
  const { me, school } = useSession();
  const [params, setParams] = useSearchParams();
  const canManage = can(school, Permission.timetableManage);
  // Who "I" am comes from /api/auth/me: a teacher opens on their own week, a class teacher's class
  // view on the class they lead; an address with ?view=, ?staffId= or ?classId= wins.
  const ownStaffId = school.staffId;
  const teaches = hasAnyRole(school, ['teacher', 'class_teacher']);
  const view = (params.get('view') as View | null) ?? (ownStaffId && teaches ? 'teacher' : 'class');
  const week = mondayOf(params.get('week') ?? todayInZone(school.timezone));
  const classId = params.get('classId') ?? school.leadsClasses[0]?.id ?? null;
  const staffId = params.get('staffId') ?? ownStaffId;
  const classes = useClasses(school.id);
  const staff = useStaff(school.id);
  const staffItems = staff.data?.items ?? [];
  const ids = { view: useId(), cls: useId(), staff: useId() };
  useDocumentTitle(t('journalWeb.tt.title'));

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const views: View[] = canManage ? ['class', 'teacher', 'edit'] : ['class', 'teacher'];

  return (
    <div className="timetable-page">
      <header className="page-header">
        <h1>{t('journalWeb.tt.title')}</h1>
      </header>
      <div className="panel form form--inline no-print">
        <div className="field">
          <label className="field__label" htmlFor={ids.view}>
            {t('journalWeb.tt.view')}
          </label>
          <select id={ids.view} value={view} onChange={(e) => set({ view: e.target.value })}>
            {views.map((v) => (
              <option key={v} value={v}>
                {t(`journalWeb.tt.view.${v}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        {view === 'teacher' ? (
          <div className="field">
            <label className="field__label" htmlFor={ids.staff}>
              {t('journalWeb.tt.teacher')}
            </label>
            <select id={ids.staff} value={staffId ?? ''} onChange={(e) => set({ staffId: e.target.value })}>
              <option value="">{t('journalWeb.tt.chooseTeacher')}</option>
              {ownStaffId && !staffItems.some((s) => s.id === ownStaffId) ? (
                <option value={ownStaffId}>{t('journalWeb.tt.me', { name: me.displayName })}</option>
              ) : null}
              {staffItems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.surname} {s.name} {s.patronymic}
                  {s.id === ownStaffId ? ` ${t('journalWeb.tt.meMark')}` : ''}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label className="field__label" htmlFor={ids.cls}>
              {t('journalWeb.tt.class')}
            </label>
            <select id={ids.cls} value={classId ?? ''} onChange={(e) => set({ classId: e.target.value })}>
              <option value="">{t('journalWeb.tt.chooseClass')}</option>
              {(classes.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <WeekNav week={week} onWeek={(w) => set({ week: w })} />
        {ownStaffId && teaches && !(view === 'teacher' && staffId === ownStaffId) ? (
          <div className="form__actions">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => set({ view: 'teacher', staffId: ownStaffId })}
              data-testid="my-timetable"
            >
              {t('journalWeb.tt.myWeek')}
            </button>
          </div>
        ) : null}
      </div>
      {classes.isError ? <ErrorNotice error={classes.error} /> : null}
      {view === 'edit' && canManage ? (
        classId ? (
          <TimetableEditor schoolId={school.id} classId={classId} week={week} />
        ) : (
          <Empty>{t('journalWeb.tt.chooseClass')}</Empty>
        )
      ) : view === 'teacher' ? (
        <TeacherWeek schoolId={school.id} staffId={staffId} week={week} />
      ) : (
        <ClassWeek schoolId={school.id} classId={classId} week={week} />
      )}
    </div>
  );
}

function WeekNav({ week, onWeek }: { week: string; onWeek: (week: string) => void }) {
  const t = useT();
  const { school } = useSession();
  const { locale } = useLocale();
  return (
    <div className="timetable-weeknav">
      <span className="field__label">
        {t('journalWeb.tt.weekRange', { from: formatDate(locale, week), to: formatDate(locale, addDays(week, 5)) })}
      </span>
      <div className="form__actions">
        <button type="button" className="button button--quiet button--small" onClick={() => onWeek(addDays(week, -7))}>
          {t('journalWeb.tt.prevWeek')}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={() => onWeek(mondayOf(todayInZone(school.timezone)))}>
          {t('journalWeb.tt.thisWeek')}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={() => onWeek(addDays(week, 7))}>
          {t('journalWeb.tt.nextWeek')}
        </button>
      </div>
    </div>
  );
}

function ClassWeek({ schoolId, classId, week }: { schoolId: string; classId: string | null; week: string }) {
  const t = useT();
  const data = useClassWeek(schoolId, classId, week);
  if (!classId) return <Empty>{t('journalWeb.tt.chooseClass')}</Empty>;
  return <WeekResult query={data} schoolId={schoolId} showTeacher />;
}

function TeacherWeek({ schoolId, staffId, week }: { schoolId: string; staffId: string | null; week: string }) {
  const t = useT();
  const data = useTeacherWeek(schoolId, staffId, week);
  const classes = useClasses(schoolId);
  const groups = useGroups(schoolId);
  // A teacher's week names the class or group of each lesson instead of the teacher.
  const owners = useMemo(
    () => new Map([...(classes.data?.items ?? []), ...(groups.data?.items ?? [])].map((o) => [o.id, o.name])),
    [classes.data, groups.data],
  );
  if (!staffId) return <Empty>{t('journalWeb.tt.chooseTeacher')}</Empty>;
  return <WeekResult query={data} schoolId={schoolId} showTeacher={false} owners={owners} />;
}

function WeekResult({
  query,
  schoolId,
  showTeacher,
  owners,
}: {
  query: ReturnType<typeof useClassWeek>;
  schoolId: string;
  showTeacher: boolean;
  owners?: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const bells = useBells(schoolId);
  if (query.isPending || bells.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.lessons.length === 0) return <Empty>{t('journalWeb.tt.empty')}</Empty>;
  return (
    <WeekGrid
      week={query.data}
      numbers={lessonNumbers(bells.data?.items ?? [], query.data.lessons)}
      showTeacher={showTeacher}
      owners={owners}
    />
  );
}

function lessonNumbers(bells: readonly { lessonNumber: number }[], lessons: readonly { lessonNumber: number }[]): number[] {
  return [...new Set([...bells.map((b) => b.lessonNumber), ...lessons.map((l) => l.lessonNumber)])].sort((a, b) => a - b);
}

/** A read-only week: days across, lesson numbers down, with changes marked. */
function WeekGrid({
  week,
  numbers,
  showTeacher,
  owners,
}: {
  week: Week;
  numbers: number[];
  showTeacher: boolean;
  owners?: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const { locale } = useLocale();
  const days = WEEKDAYS.filter((d) => d <= 5 || week.lessons.some((l) => weekdayOf(l.date) === d));
  const at = (day: number, n: number) => week.lessons.filter((l) => weekdayOf(l.date) === day && l.lessonNumber === n);
  return (
    <div className="table-wrap">
      <table className="table timetable-grid" data-testid="timetable-week">
        <thead>
          <tr>
            <th scope="col">{t('journalWeb.tt.lessonNo')}</th>
            {days.map((d) => (
              <th key={d} scope="col">
                {t(weekdayKey(d))}
                <span className="muted timetable-grid__date">{formatDate(locale, addDays(week.weekStart, d - 1))}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <tr key={n}>
              <th scope="row">{n}</th>
              {days.map((d) => (
                <td key={d}>
                  {at(d, n).map((l) => (
                    <LessonCard
                      key={`${l.curriculumId}:${l.date}:${l.lessonNumber}`}
                      lesson={l}
                      showTeacher={showTeacher}
                      owner={owners?.get(l.groupId ?? l.classId ?? '')}
                    />
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const weekdayOf = (iso: string) => ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

function LessonCard({ lesson, showTeacher, owner }: { lesson: DerivedLesson; showTeacher: boolean; owner?: string }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <div className={`timetable-lesson${lesson.cancelled ? ' is-cancelled' : ''}${lesson.substitute ? ' is-substitute' : ''}`}>
      <strong>{lesson.subjectName}</strong>
      {owner ? <span>{owner}</span> : null}
      {showTeacher ? <span>{lesson.teacherName}</span> : null}
      {lesson.room ? <span className="muted">{t('journalWeb.tt.room', { room: lesson.room })}</span> : null}
      {lesson.cancelled ? <span className="tag">{t('journalWeb.tt.cancelled')}</span> : null}
      {lesson.substitute ? <span className="tag">{t('journalWeb.tt.substitute')}</span> : null}
      {lesson.movedFrom ? (
        <span className="muted">
          {t('journalWeb.tt.movedFrom', { date: formatDate(locale, lesson.movedFrom.date), number: lesson.movedFrom.lessonNumber })}
        </span>
      ) : null}
    </div>
  );
}

/** The admin's editor: the class's weekly entries as a week grid, and the week's one-off changes. */
function TimetableEditor({ schoolId, classId, week }: { schoolId: string; classId: string; week: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const entries = useEntries(schoolId, classId, week);
  const bells = useBells(schoolId);
  const curriculum = useCurriculum(schoolId, { classId });
  const [slot, setSlot] = useState<{ weekday: number; lessonNumber: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const numbers = useMemo(() => lessonNumbers(bells.data?.items ?? [], entries.data?.items ?? []), [bells.data, entries.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: timetableKey(schoolId) });

  // A teacher or room that is busy may be kept on purpose: the same save again, confirmed.
  const [confirmable, setConfirmable] = useState<(() => Promise<unknown>) | null>(null);
  const run = async (task: (confirmClash?: boolean) => Promise<unknown>, done: MessageKey, confirmClash?: boolean) => {
    setError(null);
    setNotice(null);
    setConfirmable(null);
    try {
      await task(confirmClash);
      setNotice(t(done));
      await refresh();
    } catch (err) {
      setError(err);
      const clash = err instanceof ApiError ? (err.details.clash as { confirmable?: boolean } | undefined) : undefined;
      if (clash?.confirmable) setConfirmable(() => () => run(task, done, true));
    }
  };

  if (entries.isPending || bells.isPending || curriculum.isPending) return <Loading />;
  if (entries.isError) return <ErrorNotice error={entries.error} onRetry={() => entries.refetch()} />;
  const items = entries.data.items;
  const inSlot = (weekday: number, n: number) => items.filter((e) => e.weekday === weekday && e.lessonNumber === n);
  const nameOf = (e: TimetableEntry) => {
    const c = curriculum.data?.items.find((x) => x.id === e.curriculumId);
    return c ? `${e.subjectName}${c.groupId ? ` (${c.targetName})` : ''}` : e.subjectName;
  };

  return (
    <>
      <p className="muted">{t('journalWeb.tt.edit.hint')}</p>
      <div className="timetable-editor">
        <div className="table-wrap">
          <table className="table timetable-grid" data-testid="timetable-editor">
            <thead>
              <tr>
                <th scope="col">{t('journalWeb.tt.lessonNo')}</th>
                {WEEKDAYS.slice(0, 5).map((d) => (
                  <th key={d} scope="col">
                    {t(weekdayKey(d))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {numbers.map((n) => (
                <tr key={n}>
                  <th scope="row">{n}</th>
                  {WEEKDAYS.slice(0, 5).map((d) => {
                    const chosen = slot?.weekday === d && slot.lessonNumber === n;
                    return (
                      <td key={d} className={chosen ? 'is-chosen' : undefined}>
                        <button
                          type="button"
                          className="timetable-slot"
                          aria-pressed={chosen}
                          aria-label={t('journalWeb.tt.edit.slot', { weekday: t(weekdayKey(d)), number: n })}
                          onClick={() => setSlot({ weekday: d, lessonNumber: n })}
                        >
                          {inSlot(d, n).map((e) => (
                            <span key={e.id} className="timetable-lesson">
                              <strong>{nameOf(e)}</strong>
                              {e.room ? <span className="muted">{t('journalWeb.tt.room', { room: e.room })}</span> : null}
                            </span>
                          ))}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {slot ? (
          <SlotForm
            key={`${slot.weekday}:${slot.lessonNumber}`}
            slot={slot}
            entries={inSlot(slot.weekday, slot.lessonNumber)}
            curriculum={curriculum.data?.items ?? []}
            nameOf={nameOf}
            onAdd={(curriculumId, room) =>
              run(
                (confirmClash) => createEntry(schoolId, { curriculumId, ...slot, room: room || undefined, confirmClash }),
                'journalWeb.tt.edit.saved',
              )
            }
            onRoom={(entry, room) =>
              run(
                (confirmClash) => updateEntry(schoolId, entry.id, { room, version: entry.version, confirmClash }),
                'journalWeb.tt.edit.saved',
              )
            }
            onRemove={(entry) => run(() => deleteEntry(schoolId, entry.id), 'journalWeb.tt.edit.removed')}
          />
        ) : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {confirmable ? (
        <button type="button" className="button button--secondary" onClick={() => void confirmable()} data-testid="timetable-confirm-clash">
          {t('journalWeb.tt.edit.confirmClash')}
        </button>
      ) : null}
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      <ChangesPanel schoolId={schoolId} classId={classId} week={week} curriculum={curriculum.data?.items ?? []} numbers={numbers} />
    </>
  );
}

function SlotForm({
  slot,
  entries,
  curriculum,
  nameOf,
  onAdd,
  onRoom,
  onRemove,
}: {
  slot: { weekday: number; lessonNumber: number };
  entries: TimetableEntry[];
  curriculum: Curriculum[];
  nameOf: (e: TimetableEntry) => string;
  onAdd: (curriculumId: string, room: string) => void;
  onRoom: (entry: TimetableEntry, room: string) => void;
  onRemove: (entry: TimetableEntry) => void;
}) {
  const t = useT();
  const [curriculumId, setCurriculumId] = useState('');
  const [room, setRoom] = useState('');
  const [rooms, setRooms] = useState<Record<string, string>>(() => Object.fromEntries(entries.map((e) => [e.id, e.room])));
  const ids = { subject: useId(), room: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (curriculumId) onAdd(curriculumId, room.trim());
  };
  return (
    <section className="panel timetable-slot-form" aria-live="polite">
      <h2>{t('journalWeb.tt.edit.slot', { weekday: t(weekdayKey(slot.weekday)), number: slot.lessonNumber })}</h2>
      {entries.map((e) => (
        <div key={e.id} className="timetable-slot-form__entry">
          <strong>{nameOf(e)}</strong>
          <div className="field">
            <label className="field__label" htmlFor={`room-${e.id}`}>
              {t('journalWeb.tt.edit.room')}
            </label>
            <input
              id={`room-${e.id}`}
              maxLength={TIMETABLE_LIMITS.room}
              value={rooms[e.id] ?? ''}
              onChange={(ev) => setRooms({ ...rooms, [e.id]: ev.target.value })}
            />
          </div>
          <div className="form__actions">
            <button type="button" className="button button--small" onClick={() => onRoom(e, (rooms[e.id] ?? '').trim())}>
              {t('journalWeb.tt.edit.save')}
            </button>
            <button type="button" className="button button--danger button--small" onClick={() => onRemove(e)}>
              {t('journalWeb.tt.edit.remove')}
            </button>
          </div>
        </div>
      ))}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={ids.subject}>
            {t('journalWeb.tt.edit.subject')}
          </label>
          <select id={ids.subject} value={curriculumId} onChange={(e) => setCurriculumId(e.target.value)} required>
            <option value="">{t('journalWeb.tt.edit.choose')}</option>
            {curriculum.map((c) => (
              <option key={c.id} value={c.id}>
                {c.subjectName}
                {c.groupId ? ` (${c.targetName})` : ''} — {c.teacherName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.room}>
            {t('journalWeb.tt.edit.room')}
          </label>
          <input id={ids.room} maxLength={TIMETABLE_LIMITS.room} value={room} onChange={(e) => setRoom(e.target.value)} />
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('journalWeb.tt.edit.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One-off changes of the week: substitute, room, cancellation or move (R2.2). */
function ChangesPanel({
  schoolId,
  classId,
  week,
  curriculum,
  numbers,
}: {
  schoolId: string;
  classId: string;
  week: string;
  curriculum: { id: string; subjectName: string; groupId: string | null; targetName: string }[];
  numbers: number[];
}) {
  const t = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const changes = useChanges(schoolId, classId, week, addDays(week, 6));
  const staff = useStaff(schoolId);
  const empty: ChangeCreate = { curriculumId: '', date: week, lessonNumber: numbers[0] ?? 1, cancelled: false };
  const [draft, setDraft] = useState<ChangeCreate>(empty);
  const [state, setState] = useState<{ error: unknown; saved: boolean }>({ error: null, saved: false });
  const ids = { c: useId(), d: useId(), n: useId(), x: useId(), s: useId(), r: useId(), md: useId(), mn: useId(), note: useId() };
  const subject = (id: string) => {
    const c = curriculum.find((x) => x.id === id);
    return c ? `${c.subjectName}${c.groupId ? ` (${c.targetName})` : ''}` : '';
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: timetableKey(schoolId) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ error: null, saved: false });
    try {
      await createChange(schoolId, {
        ...draft,
        substituteTeacherId: draft.substituteTeacherId || null,
        room: draft.room?.trim() || null,
        movedToDate: draft.movedToDate || null,
        movedToLessonNumber: draft.movedToDate ? (draft.movedToLessonNumber ?? draft.lessonNumber) : null,
        note: draft.note?.trim() || undefined,
      });
      setDraft(empty);
      setState({ error: null, saved: true });
      await refresh();
    } catch (err) {
      setState({ error: err, saved: false });
    }
  };

  return (
    <section className="panel" aria-labelledby={ids.c}>
      <h2>{t('journalWeb.tt.changes')}</h2>
      {changes.isPending ? (
        <Loading />
      ) : changes.isError ? (
        <ErrorNotice error={changes.error} />
      ) : changes.data.items.length === 0 ? (
        <p className="muted">{t('journalWeb.tt.changes.none')}</p>
      ) : (
        <ul className="timetable-changes">
          {changes.data.items.map((c) => (
            <li key={c.id}>
              {formatDate(locale, c.date)}, {c.lessonNumber} — {subject(c.curriculumId)}
              {c.cancelled ? ` · ${t('journalWeb.tt.cancelled')}` : ''}
              {c.substituteTeacherId ? ` · ${t('journalWeb.tt.substitute')}` : ''}
              {c.room ? ` · ${t('journalWeb.tt.room', { room: c.room })}` : ''}
              {c.movedToDate ? ` → ${formatDate(locale, c.movedToDate)}, ${c.movedToLessonNumber}` : ''}
              {c.note ? ` · ${c.note}` : ''}{' '}
              <button
                type="button"
                className="button button--danger button--small"
                onClick={() => deleteChange(schoolId, c.id).then(refresh, (err) => setState({ error: err, saved: false }))}
              >
                {t('journalWeb.tt.changes.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3 id={ids.c}>{t('journalWeb.tt.changes.add')}</h3>
      <form className="form form--inline" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={`${ids.c}-subject`}>
            {t('journalWeb.tt.edit.subject')}
          </label>
          <select
            id={`${ids.c}-subject`}
            required
            value={draft.curriculumId}
            onChange={(e) => setDraft({ ...draft, curriculumId: e.target.value })}
          >
            <option value="">{t('journalWeb.tt.edit.choose')}</option>
            {curriculum.map((c) => (
              <option key={c.id} value={c.id}>
                {subject(c.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.d}>
            {t('journalWeb.tt.changes.date')}
          </label>
          <input id={ids.d} type="date" required value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.n}>
            {t('journalWeb.tt.changes.lessonNo')}
          </label>
          <select id={ids.n} value={draft.lessonNumber} onChange={(e) => setDraft({ ...draft, lessonNumber: Number(e.target.value) })}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--checkbox">
          <input
            id={ids.x}
            type="checkbox"
            checked={!!draft.cancelled}
            onChange={(e) => setDraft({ ...draft, cancelled: e.target.checked })}
          />
          <label htmlFor={ids.x}>{t('journalWeb.tt.changes.cancelled')}</label>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.s}>
            {t('journalWeb.tt.changes.substitute')}
          </label>
          <select
            id={ids.s}
            value={draft.substituteTeacherId ?? ''}
            onChange={(e) => setDraft({ ...draft, substituteTeacherId: e.target.value || null })}
          >
            <option value="">{t('journalWeb.tt.changes.noSubstitute')}</option>
            {(staff.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.surname} {s.name} {s.patronymic}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.r}>
            {t('journalWeb.tt.changes.room')}
          </label>
          <input
            id={ids.r}
            maxLength={TIMETABLE_LIMITS.room}
            value={draft.room ?? ''}
            onChange={(e) => setDraft({ ...draft, room: e.target.value })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.md}>
            {t('journalWeb.tt.changes.movedToDate')}
          </label>
          <input
            id={ids.md}
            type="date"
            value={draft.movedToDate ?? ''}
            onChange={(e) => setDraft({ ...draft, movedToDate: e.target.value || null })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.mn}>
            {t('journalWeb.tt.changes.movedToNumber')}
          </label>
          <select
            id={ids.mn}
            value={draft.movedToLessonNumber ?? ''}
            onChange={(e) => setDraft({ ...draft, movedToLessonNumber: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">—</option>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.note}>
            {t('journalWeb.tt.changes.note')}
          </label>
          <input
            id={ids.note}
            maxLength={TIMETABLE_LIMITS.note}
            value={draft.note ?? ''}
            onChange={(e) => setDraft({ ...draft, note: e.target.value })}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('journalWeb.tt.changes.add')}
          </button>
        </div>
      </form>
      {state.error ? (
        <p className="field__error" role="alert">
          {errorText(t, state.error)}
        </p>
      ) : null}
      {state.saved ? <SuccessNotice>{t('journalWeb.tt.changes.saved')}</SuccessNotice> : null}
    </section>
  );
}
