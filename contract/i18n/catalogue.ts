import * as core from './messages/core.js';
import * as diary from './messages/diary.js';
import * as diaryWeb from './messages/diary-web.js';
import * as journal from './messages/journal.js';
import * as journalWeb from './messages/journal-web.js';
import * as oversight from './messages/oversight.js';
import * as people from './messages/people.js';
import * as school from './messages/school.js';
import * as service from './messages/service.js';
import * as serviceWeb from './messages/service-web.js';
import * as timetable from './messages/timetable.js';
import * as web from './messages/web.js';

/**
 * One catalogue for server and web, assembled from one file per area (messages/<area>.ts), each
 * exporting `ru` (the reference) and `en` typed to have exactly the same keys.
 * To add an area: create messages/<area>.ts and list it here.
 */
const areas = [core, school, people, timetable, journal, journalWeb, diary, diaryWeb, web, service, oversight, serviceWeb] as const;

type Union<T> = T extends readonly (infer U)[] ? U : never;
type AreaRu = Union<typeof areas> extends { ru: infer R } ? R : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type MessageKey = keyof UnionToIntersection<AreaRu>;

export const ru = Object.assign({}, ...areas.map((a) => a.ru)) as Record<MessageKey, string>;
export const en = Object.assign({}, ...areas.map((a) => a.en)) as Record<MessageKey, string>;
