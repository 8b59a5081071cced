import { ru as audit } from './messages/audit.js';
import { ru as core } from './messages/core.js';
import { ru as diary } from './messages/diary.js';
import { ru as diaryWeb } from './messages/diary-web.js';
import { ru as journal } from './messages/journal.js';
import { ru as journalWeb } from './messages/journal-web.js';
import { ru as mfa } from './messages/mfa.js';
import { ru as notifications } from './messages/notifications.js';
import { ru as operations } from './messages/operations.js';
import { ru as oversight } from './messages/oversight.js';
import { ru as passwords } from './messages/passwords.js';
import { ru as people } from './messages/people.js';
import { ru as plan } from './messages/plan.js';
import { ru as reports } from './messages/reports.js';
import { ru as school } from './messages/school.js';
import { ru as security } from './messages/security.js';
import { ru as service } from './messages/service.js';
import { ru as serviceWeb } from './messages/service-web.js';
import { ru as timetable } from './messages/timetable.js';
import { ru as web } from './messages/web.js';

/**
 * The Russian catalogue: the reference, and the one the web app always carries. It is assembled
 * from one file per area: messages/<area>.ts (Russian) beside messages/<area>.en.ts (English, typed
 * to have the same keys). One file per language, so a bundle that needs one leaves the other out.
 * To add an area: create both files and list them here and in catalogue.en.ts.
 */
export const ru = {
  ...core,
  ...school,
  ...people,
  ...timetable,
  ...journal,
  ...journalWeb,
  ...diary,
  ...diaryWeb,
  ...web,
  ...service,
  ...oversight,
  ...serviceWeb,
  ...plan,
  ...mfa,
  ...passwords,
  ...security,
  ...reports,
  ...audit,
  ...notifications,
  ...operations,
};

export type MessageKey = keyof typeof ru;
