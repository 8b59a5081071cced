import type { ru } from './oversight.js';

/** English texts of this area: exactly the keys of the Russian reference (oversight.ts). */
export const en: Record<keyof typeof ru, string> = {
  'oversight.form.oral': 'Oral',
  'oversight.form.written': 'Written',
  'oversight.form.electronic': 'Electronic',
  'oversight.status.open': 'Under consideration',
  'oversight.status.answered': 'Answered',
  'oversight.status.declined': 'Declined (repeated)',
  'oversight.inspection.planned': 'Planned',
  'oversight.inspection.unplanned': 'Unplanned (on a complaint)',
  'oversight.pdf.bookTitle': 'Book of complaints about the quality of the service',
  'oversight.pdf.colNumber': 'No.',
  'oversight.pdf.colRegistered': 'Registered',
  'oversight.pdf.colForm': 'Form',
  'oversight.pdf.colComplainant': 'Complainant, postal address',
  'oversight.pdf.colSubstance': 'Substance',
  'oversight.pdf.colDue': 'Due',
  'oversight.pdf.colOutcome': 'Answer / decision',
  'oversight.pdf.extended': 'extended to {date}',
  'oversight.pdf.answered': '{date}, {method}',
  'oversight.pdf.declined': 'declined {date} (repeat of No. {number})',

  'oversight.ref.complaint': 'complaint',

  'error.oversight.plannedThisYear': 'A planned inspection in {year} already exists: at most one a year (regulation §4.1).',
  'error.oversight.unplannedNeedsComplaint': 'An unplanned inspection is made on a complaint: choose the complaint.',
  'error.oversight.plannedNoComplaint': 'A planned inspection is not linked to a complaint.',
  'error.oversight.alreadyExtended': 'The deadline has already been extended: only once is allowed (regulation §5.1.3).',
  'error.oversight.closed': 'The complaint has already been dealt with.',
  'error.oversight.repeatNotAnswered': 'A complaint may be declined only if the earlier one was answered on the merits.',
  'error.oversight.repeatSelf': 'A complaint cannot repeat itself.',
  'error.oversight.noResultYet': 'Record the inspection result first.',
  'error.oversight.notOnComplaint': 'The inspection was not made on a complaint: its result is not sent to a complainant.',
  'error.oversight.resultExists': 'The inspection result has already been recorded.',
  'error.oversight.extensionAfterDue':
    'A term can be extended only before it runs out: the notice of extension must be dated no later than {date} inclusive.',
  'error.oversight.dateBeforeRegistration': 'The date cannot be before the registration date ({date}).',
};
