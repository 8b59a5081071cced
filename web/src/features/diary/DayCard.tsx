import type { MessageKey } from '@contract/i18n/translate';
import type { AttendanceMark } from '@contract/schemas/journal';
import { formatDay, formatShortDate } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import type { DiaryDay, DiaryLesson } from './api/diary';
import { GradeBadge, type OpenGrade } from './GradeDialog';

const MARK_LABEL: Record<AttendanceMark, MessageKey> = {
  absent: 'diaryWeb.attendance.absent',
  ill: 'diaryWeb.attendance.ill',
  excused: 'diaryWeb.attendance.excused',
  late: 'diaryWeb.attendance.late',
};
const MARK_SHORT: Record<AttendanceMark, MessageKey> = {
  absent: 'diaryWeb.attendance.short.absent',
  ill: 'diaryWeb.attendance.short.ill',
  excused: 'diaryWeb.attendance.short.excused',
  late: 'diaryWeb.attendance.short.late',
};

/** One school day: its lessons in order, homework due, grades outside lessons; today stands out. */
export function DayCard({ day, today, onOpenGrade }: { day: DiaryDay; today: string; onOpenGrade: (g: OpenGrade) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const isToday = day.date === today;
  const headingId = `diary-day-${day.date}`;
  return (
    <article
      className={`diary-day${isToday ? ' diary-day--today' : ''}${day.holiday ? ' diary-day--holiday' : ''}`}
      aria-labelledby={headingId}
      data-testid="diary-day"
      data-date={day.date}
    >
      <h3 id={headingId} className="diary-day__title">
        <time dateTime={day.date} aria-current={isToday ? 'date' : undefined}>
          {formatDay(locale, day.date)}
        </time>
        {isToday ? <span className="diary-day__today">{t('diaryWeb.day.today')}</span> : null}
      </h3>
      {day.holiday ? <p className="diary-day__holiday">{t('diaryWeb.day.holiday', { name: day.holiday })}</p> : null}
      {day.lessons.length > 0 ? (
        <ol className="diary-lessons">
          {day.lessons.map((lesson) => (
            <LessonItem key={`${lesson.lessonNumber}-${lesson.curriculumId}`} lesson={lesson} onOpenGrade={onOpenGrade} />
          ))}
        </ol>
      ) : day.holiday ? null : (
        <p className="muted diary-day__empty">{t('diaryWeb.day.noLessons')}</p>
      )}
      {day.otherGrades.length > 0 ? (
        <div className="diary-day__extra">
          <h4>{t('diaryWeb.day.otherGrades')}</h4>
          <ul className="diary-inline-list">
            {day.otherGrades.map((grade) => (
              <li key={grade.id}>
                {grade.subjectName} <GradeBadge grade={grade} subjectName={grade.subjectName} onOpen={onOpenGrade} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {day.homeworkDue.length > 0 ? (
        <div className="diary-day__extra">
          <h4>{t('diaryWeb.day.homeworkDue')}</h4>
          <ul>
            {day.homeworkDue.map((hw) => (
              <li key={`${hw.subjectName}-${hw.setOn}`}>
                {t('diaryWeb.day.homeworkDueItem', { subject: hw.subjectName, text: hw.text, date: formatShortDate(locale, hw.setOn) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </article>
  );
}

function LessonItem({ lesson, onOpenGrade }: { lesson: DiaryLesson; onOpenGrade: (g: OpenGrade) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const change = lesson.change;
  const cancelled = change?.cancelled ?? false;
  const changes: string[] = [];
  if (change) {
    if (change.cancelled && !change.movedTo) changes.push(t('diaryWeb.change.cancelled'));
    if (change.movedTo)
      changes.push(
        t('diaryWeb.change.movedTo', { date: formatShortDate(locale, change.movedTo.date), number: change.movedTo.lessonNumber }),
      );
    if (change.movedFrom)
      changes.push(
        t('diaryWeb.change.movedFrom', { date: formatShortDate(locale, change.movedFrom.date), number: change.movedFrom.lessonNumber }),
      );
    if (change.substitute) changes.push(t('diaryWeb.change.substitute'));
    if (change.room) changes.push(t('diaryWeb.change.room', { room: change.room }));
  }
  const hasMarks = lesson.grades.length > 0 || lesson.attendance !== null;
  return (
    <li
      className={`diary-lesson${cancelled ? ' diary-lesson--cancelled' : ''}${change ? ' diary-lesson--changed' : ''}`}
      data-testid="diary-lesson"
    >
      <div className="diary-lesson__when">
        <span className="diary-lesson__number">{t('diaryWeb.lesson.number', { number: lesson.lessonNumber })}</span>
        {lesson.startsAt && lesson.endsAt ? (
          <span className="diary-lesson__time">{t('diaryWeb.lesson.time', { from: lesson.startsAt, to: lesson.endsAt })}</span>
        ) : null}
      </div>
      <div className="diary-lesson__body">
        <h4 className="diary-lesson__subject">{lesson.subjectName}</h4>
        <p className="diary-lesson__meta">
          <span>{lesson.teacherName}</span>
          {lesson.room ? <span>{t('diaryWeb.lesson.room', { room: lesson.room })}</span> : null}
        </p>
        {changes.length > 0 ? (
          <ul className="diary-changes">
            {changes.map((text) => (
              <li key={text}>{text}</li>
            ))}
            {change?.note ? <li>{t('diaryWeb.lesson.note', { note: change.note })}</li> : null}
          </ul>
        ) : null}
        {lesson.controlWork ? (
          <p className="diary-lesson__control">{t('diaryWeb.lesson.controlWork', { name: lesson.controlWork })}</p>
        ) : null}
        {lesson.topic ? (
          <p className="diary-lesson__topic">
            <span className="diary-label">{t('diaryWeb.lesson.topic')}:</span> {lesson.topic}
          </p>
        ) : null}
        {lesson.homework ? (
          <div className="diary-homework">
            <p>
              <span className="diary-label">{t('diaryWeb.lesson.homework')}</span>
              {lesson.homework.dueOn ? (
                <span className="diary-homework__due">
                  {' '}
                  ({t('diaryWeb.lesson.dueOn', { date: formatShortDate(locale, lesson.homework.dueOn) })})
                </span>
              ) : null}
              : {lesson.homework.text}
            </p>
            {lesson.homework.attachments.length > 0 ? (
              <ul className="diary-attachments" aria-label={t('diaryWeb.lesson.attachments')}>
                {lesson.homework.attachments.map((file) => (
                  <li key={file.id}>
                    <a href={file.url} download={file.fileName}>
                      {file.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {hasMarks ? (
          <ul className="diary-marks" aria-label={t('diaryWeb.lesson.grades')}>
            {lesson.attendance ? (
              <li>
                <span
                  className={`diary-mark diary-mark--${lesson.attendance.mark}`}
                  title={t(MARK_LABEL[lesson.attendance.mark])}
                  aria-hidden="true"
                >
                  {t(MARK_SHORT[lesson.attendance.mark])}
                </span>
                <span className="visually-hidden">{t(MARK_LABEL[lesson.attendance.mark])}</span>
                {lesson.attendance.isNew ? <span className="diary-new">{t('diaryWeb.new')}</span> : null}
              </li>
            ) : null}
            {lesson.grades.map((grade) => (
              <li key={grade.id}>
                <GradeBadge grade={grade} subjectName={lesson.subjectName} onOpen={onOpenGrade} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}
