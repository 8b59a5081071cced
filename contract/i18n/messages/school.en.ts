import type { ru } from './school.js';

/** English texts of this area: exactly the keys of the Russian reference (school.ts). */
export const en: Record<keyof typeof ru, string> = {
  'school.periodKind.quarter': 'Quarter',
  'school.periodKind.trimester': 'Trimester',
  'school.periodKind.half_year': 'Half-year',
  'school.holidayKind.vacation': 'Vacation',
  'school.holidayKind.public_holiday': 'Public holiday',
  'school.holidayKind.day_off': 'Day off',
  'school.preset.quarter': 'Quarter {ordinal}',
  'school.preset.halfYear': 'Half-year {ordinal}',

  'school.ref.operator': 'operator',
  'school.ref.year': 'academic year of this school',
  'school.ref.class': 'class of this school in this academic year',
  'school.ref.group': 'group of this school',
  'school.ref.subject': 'subject of this school',
  'school.ref.teacher': 'teacher — a current staff member of this school',
  'school.ref.classTeacher': 'class teacher — a current staff member of this school',

  'school.validation.timezone': 'unknown time zone (example: Europe/Moscow)',
  'school.validation.emptyPatch': 'give at least one field to change',

  'error.school.operatorRequired': 'Say which operator the school belongs to.',
  'error.school.yearsOverlap': 'The academic year overlaps another academic year of this school.',
  'error.school.yearExcludesContent': 'The new dates of the academic year do not contain its study periods or holidays.',
  'error.school.periodsExist': 'This academic year already has study periods; delete them or edit them by hand.',
  'error.school.presetDoesNotFit': 'The standard periods do not fit the dates of this academic year.',
  'error.school.periodClosed': 'The period is closed: it cannot be changed or deleted.',
  'error.school.duplicateLessonNumber': 'Lesson {lessonNumber} is already in the bell schedule.',
  'error.school.bellsOverlap': 'Lessons {first} and {second} overlap in time.',
  'error.school.duplicateClass': 'Class {name} already exists in this academic year.',
  'error.school.duplicateGroup': 'Group "{name}" already exists in this academic year.',
  'error.school.duplicateSubject': 'Subject "{name}" already exists in this school.',
  'error.school.duplicateCurriculum': 'This teacher already teaches this subject to this class or group.',
  'error.school.yearMismatch': 'The class and the group must belong to the same academic year.',
};
