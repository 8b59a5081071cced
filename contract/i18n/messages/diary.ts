/** The student's and parent's diary and its calendar feed (R5, R10.2). Russian is the reference. */
export const ru = {
  'diary.ical.calendarName': 'Дневник: {name}',
  'diary.ical.topic': 'Тема',
  'diary.ical.homework': 'Домашнее задание',
  'diary.ical.teacher': 'Учитель',
  'diary.ical.cancelled': 'Отменён',
} as const;
