import { type Locale, type MessageKey, translate } from '../../../contract/i18n/index.js';
import { workTypeNameKey } from '../journal/grading-settings.service.js';

/** What a notice is about, kept in the outbox at the moment of the change (no later edit changes it). */
export type NoticePayload =
  | { kind: 'grade'; child: string; subject: string; value: string; work: string; workCode?: string | null; date: string }
  | { kind: 'attendance'; child: string; subject: string; mark: string; date: string }
  | { kind: 'homework'; child: string; subject: string; text: string; due: string }
  | { kind: 'periodGrade'; child: string; subject: string; value: string; period: string }
  | { kind: 'verify'; address: string; code?: string; link?: string }
  | { kind: 'test'; address: string; school: string };

export interface RenderedNotice {
  subject: string;
  /** The whole text: the e-mail's plain-text part, the feed's entry. */
  text: string;
  /** The SMS: short, no links. */
  sms: string;
}

const date = (iso: string, locale: Locale) => (locale === 'ru' ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso);

const PERIOD_KIND: Record<string, { ru: string; en: string }> = {
  year: { ru: 'годовая', en: 'year' },
  exam: { ru: 'экзамен', en: 'exam' },
  final: { ru: 'итоговая', en: 'final' },
};

function line(p: NoticePayload, locale: Locale): string {
  switch (p.kind) {
    case 'grade':
      return translate(locale, 'notify.grade.line', {
        subject: p.subject,
        value: p.value,
        // A built-in work type has no name of its own: its name is the catalogue's, in the reader's language.
        work: p.work || (p.workCode ? translate(locale, workTypeNameKey(p.workCode)) : ''),
        date: date(p.date, locale),
      });
    case 'attendance': {
      const key = `notify.attendance.${p.mark}` as MessageKey;
      return translate(locale, key, { subject: p.subject, date: date(p.date, locale) });
    }
    case 'homework':
      return translate(locale, 'notify.homework.line', { subject: p.subject, due: date(p.due, locale), text: p.text });
    case 'periodGrade':
      return translate(locale, 'notify.periodGrade.line', {
        subject: p.subject,
        value: p.value,
        period: PERIOD_KIND[p.period]?.[locale] ?? p.period,
      });
    case 'verify':
      return p.code
        ? translate(locale, 'notify.verify.smsText', { code: p.code })
        : translate(locale, 'notify.verify.emailText', { link: p.link ?? '' });
    case 'test':
      return translate(locale, 'notify.test.text', { school: p.school });
  }
}

function subjectOf(payloads: readonly NoticePayload[], locale: Locale): string {
  const first = payloads[0] as NoticePayload;
  switch (first.kind) {
    case 'grade':
      return payloads.length > 1
        ? translate(locale, 'notify.grade.subjectMany', { count: payloads.length, child: first.child })
        : translate(locale, 'notify.grade.subject', { child: first.child });
    case 'attendance':
      return translate(locale, 'notify.attendance.subject', { child: first.child });
    case 'homework':
      return translate(locale, 'notify.homework.subject', { child: first.child });
    case 'periodGrade':
      return translate(locale, 'notify.periodGrade.subject', { child: first.child });
    case 'verify':
      return translate(locale, 'notify.verify.emailSubject');
    case 'test':
      return translate(locale, 'notify.test.subject');
  }
}

/** One message from one or several notices of the same kind about the same child (coalesced grades). */
export function renderNotice(payloads: readonly NoticePayload[], locale: Locale): RenderedNotice {
  const subject = subjectOf(payloads, locale);
  const lines = payloads.map((p) => line(p, locale));
  const first = payloads[0] as NoticePayload;
  if (first.kind === 'verify' || first.kind === 'test') {
    return { subject, text: lines.join('\n'), sms: lines.join(' ') };
  }
  return { subject, text: `${subject}\n\n${lines.join('\n')}`, sms: `${subject}. ${lines.join('; ')}` };
}

/** The child as notices name them: first name and the surname's initial (enough for a family, little for a stranger). */
export function childLabel(name: string, surname: string): string {
  return surname ? `${name} ${surname.slice(0, 1)}.` : name;
}
