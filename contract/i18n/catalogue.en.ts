import type { MessageKey } from './catalogue.ru.js';
import { en as audit } from './messages/audit.en.js';
import { en as core } from './messages/core.en.js';
import { en as diary } from './messages/diary.en.js';
import { en as diaryWeb } from './messages/diary-web.en.js';
import { en as journal } from './messages/journal.en.js';
import { en as journalWeb } from './messages/journal-web.en.js';
import { en as mfa } from './messages/mfa.en.js';
import { en as notifications } from './messages/notifications.en.js';
import { en as operations } from './messages/operations.en.js';
import { en as oversight } from './messages/oversight.en.js';
import { en as passwords } from './messages/passwords.en.js';
import { en as people } from './messages/people.en.js';
import { en as plan } from './messages/plan.en.js';
import { en as reports } from './messages/reports.en.js';
import { en as school } from './messages/school.en.js';
import { en as security } from './messages/security.en.js';
import { en as service } from './messages/service.en.js';
import { en as serviceWeb } from './messages/service-web.en.js';
import { en as timetable } from './messages/timetable.en.js';
import { en as web } from './messages/web.en.js';

/** The English catalogue: the same keys as the Russian one (the type says so); the web app loads it on demand. */
export const en: Record<MessageKey, string> = {
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
