import type { ru } from './diary.js';

/** English texts of this area: exactly the keys of the Russian reference (diary.ts). */
export const en: Record<keyof typeof ru, string> = {
  'diary.ical.calendarName': 'Diary: {name}',
  'diary.ical.topic': 'Topic',
  'diary.ical.homework': 'Homework',
  'diary.ical.teacher': 'Teacher',
  'diary.ical.cancelled': 'Cancelled',
};
