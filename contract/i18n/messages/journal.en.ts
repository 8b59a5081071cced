import type { ru } from './journal.js';

/** English texts of this area: exactly the keys of the Russian reference (journal.ts). */
export const en: Record<keyof typeof ru, string> = {
  'journal.what.curriculum': 'curriculum item',
  'journal.what.student': 'student',
  'journal.what.workType': 'work type',
  'journal.what.scale': 'grade scale',
  'journal.what.period': 'study period',
  'journal.what.lesson': 'lesson',

  'journal.attendance.absent': 'abs',
  'journal.attendance.ill': 'ill',
  'journal.attendance.excused': 'exc',
  'journal.attendance.late': 'late',

  'journal.special.na': 'n/a',
  'journal.special.exempt': 'exempt',
  'journal.special.pass': 'pass',
  'journal.special.fail': 'fail',

  'journal.scale.five': 'Five-point (1–5)',
  'journal.scale.pass_fail': 'Pass / fail',
  'journal.scale.ten': 'Ten-point (1–10)',
  'journal.scale.twelve': 'Twelve-point (1–12)',

  'journal.workType.answer': 'Answer in class',
  'journal.workType.independent': 'Independent work',
  'journal.workType.control': 'Control work',
  'journal.workType.homework': 'Homework',
  'journal.workType.dictation': 'Dictation',
  'journal.workType.test': 'Test',
  'journal.workType.practical': 'Practical work',
  'journal.workType.essay': 'Essay',

  'error.journal.stale': 'Someone else has already changed this record. The current value is shown; enter yours again if needed.',
  'error.journal.idempotencyKeyReused': 'This retry key was already used for a different save. Reload the page and enter the value again.',
  'error.journal.itemReassigned': 'This subject has been handed to another teacher. Reload the page.',
  'error.journal.studentNotOnRoster': 'The student is not in this class or group on the lesson date.',
  'error.journal.scaleNotOfItem': 'This subject is graded on the scale "{scale}"; another scale cannot be used here.',
  'error.journal.valueNotInScale': 'There is no grade "{value}" in the scale "{scale}".',
  'error.journal.periodClosed': 'The period "{period}" is closed: no changes. An administrator may change a record, giving a reason.',
  'error.journal.reasonRequired': 'The period "{period}" is closed: give the reason for the change.',
  'error.journal.periodRequired': 'A period grade needs the period.',
  'error.journal.periodNotAllowed': 'Year, exam and final grades take no period.',
  'error.journal.duplicateScale': 'A scale with this name already exists.',
  'error.journal.scaleValuesDuplicate': 'Scale values must not repeat.',
  'error.journal.noChange': 'Nothing to change.',
  'error.journal.dateOutsideYear': "The date is outside this subject's academic year.",
  'error.journal.alreadyClosed': 'The period is already closed.',
  'error.journal.notClosed': 'The period is not closed.',
  'error.journal.periodNotEnded':
    'The period "{period}" has not ended yet (it runs until {endsOn}). An administrator may close it early, giving a reason.',
  'error.journal.earlyReasonRequired': 'Give the reason for closing the period "{period}" early.',
  'error.journal.yearClosed':
    'The year "{year}" is closed: year, exam and final grades do not change. An administrator may change them, giving a reason.',
  'error.journal.yearReasonRequired': 'The year "{year}" is closed: give the reason for the change.',

  'error.attachment.tooLarge': 'The file is larger than {limit} MB.',
  'error.attachment.type': 'This file type is not accepted. Allowed: PDF, images, DOCX, XLSX, PPTX, ODT, TXT.',
  'error.attachment.missing': 'No file was sent.',
  'error.attachment.tooMany': 'A lesson may have at most {limit} files.',
};
