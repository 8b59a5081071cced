/** Timetable and thematic plan (R2). Russian is the reference; English must have the same keys. */
export const ru = {
  'timetable.what.curriculum': 'предмет учебного плана',
  'timetable.what.entry': 'строка расписания',
  'timetable.what.teacher': 'учитель',
  'timetable.what.class': 'класс',
  'timetable.what.lessonNumber': 'урок с таким номером в расписании звонков',

  'error.timetable.slotTaken': 'В это время у класса или группы уже стоит урок ({weekday}-й день, {lessonNumber}-й урок).',
  'error.timetable.changeExists': 'Для этого урока уже есть изменение; удалите его и создайте заново.',
  'error.timetable.noSuchLesson': 'В этот день такого урока нет в расписании.',
  'error.timetable.emptyChange': 'Изменение ничего не меняет: укажите замену, кабинет, отмену или перенос.',
  'error.timetable.moveIncomplete': 'Для переноса укажите и дату, и номер урока.',
  'error.timetable.notSchoolDay': 'Эта дата — каникулы, выходной или вне учебного года.',

  'error.plan.badFile': 'Не удалось прочитать файл: ожидается CSV или XLSX.',
  'error.plan.empty': 'В файле нет ни одной строки плана.',
  'error.plan.hasProblems': 'В файле есть ошибки ({count}); план не изменён.',
  'plan.problem.ordinal': 'номер урока должен быть целым числом от 1',
  'plan.problem.ordinalDuplicate': 'номер {ordinal} уже встречался',
  'plan.problem.topic': 'не указана тема',
  'plan.problem.topicTooLong': 'тема длиннее 500 символов',
  'plan.problem.hours': 'количество часов должно быть целым числом от 1 до 20',
  'plan.problem.homeworkTooLong': 'домашнее задание длиннее 2000 символов',
  'plan.problem.tooManyRows': 'слишком много строк (не больше 500)',
} as const;

export const en: Record<keyof typeof ru, string> = {
  'timetable.what.curriculum': 'curriculum item',
  'timetable.what.entry': 'timetable entry',
  'timetable.what.teacher': 'teacher',
  'timetable.what.class': 'class',
  'timetable.what.lessonNumber': 'a lesson with this number in the bell schedule',

  'error.timetable.slotTaken': 'The class or group already has a lesson then (day {weekday}, lesson {lessonNumber}).',
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
