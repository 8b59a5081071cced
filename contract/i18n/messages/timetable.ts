/** Timetable and thematic plan (R2). Russian is the reference; English must have the same keys. */
export const ru = {
  'timetable.what.curriculum': 'предмет учебного плана',
  'timetable.what.entry': 'строка расписания',
  'timetable.what.teacher': 'учитель',
  'timetable.what.class': 'класс',
  'timetable.what.lessonNumber': 'урок с таким номером в расписании звонков',

  'error.timetable.slotTaken': 'В это время у {owner} уже стоит урок: {subject} ({weekday}, {lessonNumber}-й урок).',
  'error.timetable.teacherBusy':
    'Учитель {teacher} в это время ведёт урок: {subject}, {owner} ({weekday}, {lessonNumber}-й урок). Если так и задумано, подтвердите.',
  'error.timetable.roomBusy':
    'Кабинет {room} в это время занят: {subject}, {owner} ({weekday}, {lessonNumber}-й урок). Если так и задумано, подтвердите.',
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
