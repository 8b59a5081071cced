import type { ru } from './security.js';

/** English texts of this area: exactly the keys of the Russian reference (security.ts). */
export const en: Record<keyof typeof ru, string> = {
  'error.consent.fieldNotAllowed':
    "The family's consent to the processing of personal data (Annex 2) does not allow placing in the system: {fields}. This data was not saved.",
  'error.readBudget.exceeded':
    "You have opened too many records of personal data in one {window}: {reads} against a limit of {budget}. The limit protects pupils' data from copying. Reading opens again in {wait}. If your work needs it, ask the director.",
  'error.readBudget.window.hour': 'hour',
  'error.readBudget.window.day': 'day',
  'error.readBudget.wait.minutes': '{minutes} min',
  'error.readBudget.wait.hours': '{hours} h {minutes} min',
  'error.readBudget.wait.wholeHours': '{hours} h',

  'web.consentFields.withheld': "The family's consent does not allow keeping this data — these fields are closed: {fields}.",

  'web.security.title': 'School security',
  'web.security.mfa.title': 'Two-step sign-in for staff',
  'web.security.mfa.required': "Every member of the school's staff signs in with a code from an authenticator app",
  'web.security.mfa.hint':
    'With the rule on, a teacher, deputy or secretary without a second factor sets up an authenticator app at their next sign-in; their open sessions without one are ended. The admin, the director and the operator always sign in with a code.',
  'web.security.mfa.on': 'The rule is on',
  'web.security.mfa.off': 'The rule is off',
  'web.security.mfa.save': 'Save',
  'web.security.mfa.saved': 'Saved',
  'web.security.mfa.updatedAt': 'Changed: {at}',
  'web.security.alerts.title': 'Personal-data reads over the limit',
  'web.security.alerts.intro':
    'A member of staff opened more records of personal data than the limit allows ({hour} an hour, {day} a day). Further reads are closed to them for now. Check whether their work needed it.',
  'web.security.alerts.empty': 'Nobody has gone over the limit.',
  'web.security.alerts.who': 'Staff member',
  'web.security.alerts.when': 'When',
  'web.security.alerts.reads': 'Records',
  'web.security.alerts.window.hour': 'in an hour',
  'web.security.alerts.window.day': 'in a day',
  'web.security.alerts.banner': 'Personal-data reads over the limit: {count}. See «School security».',
  'web.security.alerts.open': 'Open',
  'web.security.menu': 'Security',
  'web.security.description': 'Two-step sign-in for staff and personal-data reads over the limit',
};
