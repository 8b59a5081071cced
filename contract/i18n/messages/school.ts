/** School structure: schools, years, periods, holidays, bells, classes, groups, subjects, curriculum. */
export const ru = {
  'school.periodKind.quarter': 'Четверть',
  'school.periodKind.trimester': 'Триместр',
  'school.periodKind.half_year': 'Полугодие',
  'school.holidayKind.vacation': 'Каникулы',
  'school.holidayKind.public_holiday': 'Праздничный день',
  'school.holidayKind.day_off': 'Выходной день',
  'school.preset.quarter': '{ordinal} четверть',
  'school.preset.halfYear': '{ordinal} полугодие',

  // Names of referenced records, for error.referenceNotFound {what}.
  'school.ref.operator': 'оператор',
  'school.ref.year': 'учебный год этой школы',
  'school.ref.class': 'класс этой школы в этом учебном году',
  'school.ref.group': 'группа этой школы',
  'school.ref.subject': 'предмет этой школы',
  'school.ref.teacher': 'учитель — работающий сотрудник этой школы',
  'school.ref.classTeacher': 'классный руководитель — работающий сотрудник этой школы',

  'school.validation.timezone': 'неизвестный часовой пояс (пример: Europe/Moscow)',
  'school.validation.emptyPatch': 'укажите хотя бы одно поле для изменения',

  'error.school.operatorRequired': 'Укажите оператора, к которому относится школа.',
  'error.school.yearsOverlap': 'Учебный год пересекается с другим учебным годом этой школы.',
  'error.school.yearExcludesContent': 'Новые даты учебного года не вмещают его учебные периоды или каникулы.',
  'error.school.periodsExist': 'В этом учебном году уже есть учебные периоды; удалите их или правьте вручную.',
  'error.school.presetDoesNotFit': 'Стандартные периоды не помещаются в даты этого учебного года.',
  'error.school.periodClosed': 'Период закрыт: его нельзя изменить или удалить.',
  'error.school.duplicateLessonNumber': 'Урок № {lessonNumber} уже есть в расписании звонков.',
  'error.school.bellsOverlap': 'Уроки № {first} и № {second} пересекаются по времени.',
  'error.school.duplicateClass': 'Класс {name} в этом учебном году уже есть.',
  'error.school.duplicateGroup': 'Группа «{name}» в этом учебном году уже есть.',
  'error.school.duplicateSubject': 'Предмет «{name}» уже есть в этой школе.',
  'error.school.duplicateCurriculum': 'Этот учитель уже ведёт этот предмет в этом классе или группе.',
  'error.school.yearMismatch': 'Класс и группа должны относиться к одному учебному году.',
} as const;
