/** The student's and parent's diary and its calendar feed (R5, R10.2). Russian is the reference. */
export const ru = {
  'diary.ical.calendarName': 'Дневник: {name}',
  'diary.ical.topic': 'Тема',
  'diary.ical.homework': 'Домашнее задание',
  'diary.ical.teacher': 'Учитель',
  'diary.ical.cancelled': 'Отменён',
} as const;

export const en: Record<keyof typeof ru, string> = {
  'diary.ical.calendarName': 'Diary: {name}',
  'diary.ical.topic': 'Topic',
  'diary.ical.homework': 'Homework',
  'diary.ical.teacher': 'Teacher',
  'diary.ical.cancelled': 'Cancelled',
};
