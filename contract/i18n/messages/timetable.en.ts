import type { ru } from './timetable.js';

/** English texts of this area: exactly the keys of the Russian reference (timetable.ts). */
export const en: Record<keyof typeof ru, string> = {
  'timetable.what.curriculum': 'curriculum item',
  'timetable.what.entry': 'timetable entry',
  'timetable.what.teacher': 'teacher',
  'timetable.what.class': 'class',
  'timetable.what.lessonNumber': 'a lesson with this number in the bell schedule',

  'error.timetable.slotTaken': '{owner} already has a lesson then: {subject} ({weekday}, lesson {lessonNumber}).',
  'error.timetable.teacherBusy':
    '{teacher} teaches another lesson then: {subject}, {owner} ({weekday}, lesson {lessonNumber}). Confirm if this is intended.',
  'error.timetable.roomBusy':
    'Room {room} is taken then: {subject}, {owner} ({weekday}, lesson {lessonNumber}). Confirm if this is intended.',
  'error.timetable.changeExists': 'This lesson already has a change; delete it and create it again.',
  'error.timetable.noSuchLesson': 'There is no such lesson in the timetable on that day.',
  'error.timetable.emptyChange': 'The change changes nothing: give a substitute, a room, a cancellation or a move.',
  'error.timetable.moveIncomplete': 'A move needs both the date and the lesson number.',
  'error.timetable.notSchoolDay': 'That date is a holiday, a day off or outside the academic year.',

  'error.plan.badFile': 'Could not read the file: a CSV or XLSX file is expected.',
  'error.plan.empty': 'The file has no plan rows.',
  'error.plan.hasProblems': 'The file has errors ({count}); the plan was not changed.',
  'plan.problem.ordinal': 'the lesson number must be a whole number from 1',
  'plan.problem.ordinalDuplicate': 'number {ordinal} appeared before',
  'plan.problem.topic': 'the topic is missing',
  'plan.problem.topicTooLong': 'the topic is longer than 500 characters',
  'plan.problem.hours': 'hours must be a whole number from 1 to 20',
  'plan.problem.homeworkTooLong': 'the homework is longer than 2000 characters',
  'plan.problem.tooManyRows': 'too many rows (500 at most)',
};
