/** Class journal (R3, R4). Russian is the reference; English must have the same keys. */
export const ru = {
  'journal.what.curriculum': 'предмет учебного плана',
  'journal.what.student': 'ученик',
  'journal.what.workType': 'вид работы',
  'journal.what.scale': 'шкала оценок',
  'journal.what.period': 'учебный период',
  'journal.what.lesson': 'урок',

  'journal.attendance.absent': 'н',
  'journal.attendance.ill': 'б',
  'journal.attendance.excused': 'у',
  'journal.attendance.late': 'оп',

  'journal.special.na': 'н/а',
  'journal.special.exempt': 'осв.',
  'journal.special.pass': 'зач',
  'journal.special.fail': 'незач',

  'journal.scale.five': 'Пятибалльная (1–5)',
  'journal.scale.pass_fail': 'Зачёт / незачёт',
  'journal.scale.ten': 'Десятибалльная (1–10)',
  'journal.scale.twelve': 'Двенадцатибалльная (1–12)',

  'journal.workType.answer': 'Ответ на уроке',
  'journal.workType.independent': 'Самостоятельная работа',
  'journal.workType.control': 'Контрольная работа',
  'journal.workType.homework': 'Домашняя работа',
  'journal.workType.dictation': 'Диктант',
  'journal.workType.test': 'Проверочная работа',
  'journal.workType.practical': 'Практическая работа',
  'journal.workType.essay': 'Сочинение',

  'error.journal.stale': 'Эту запись уже изменил другой пользователь. Текущее значение показано; повторите ввод, если нужно.',
  'error.journal.idempotencyKeyReused':
    'Этот ключ повторной отправки уже использован для другой записи. Обновите страницу и повторите ввод.',
  'error.journal.itemReassigned': 'Этот предмет уже передан другому учителю. Обновите страницу.',
  'error.journal.studentNotOnRoster': 'Ученик не числится в этом классе или группе на дату урока.',
  'error.journal.scaleNotOfItem': 'Этот предмет оценивается по шкале «{scale}»; другую шкалу здесь выбрать нельзя.',
  'error.journal.valueNotInScale': 'Оценки «{value}» нет в шкале «{scale}».',
  'error.journal.periodClosed': 'Период «{period}» закрыт: изменения запрещены. Изменить запись может администратор, указав причину.',
  'error.journal.reasonRequired': 'Период «{period}» закрыт: укажите причину изменения.',
  'error.journal.periodRequired': 'Для четвертной (триместровой) оценки укажите период.',
  'error.journal.periodNotAllowed': 'Для годовой, экзаменационной и итоговой оценки период не указывается.',
  'error.journal.duplicateScale': 'Шкала с таким названием уже есть.',
  'error.journal.scaleValuesDuplicate': 'Значения шкалы не должны повторяться.',
  'error.journal.noChange': 'Нечего изменять.',
  'error.journal.dateOutsideYear': 'Дата вне учебного года этого предмета.',
  'error.journal.alreadyClosed': 'Период уже закрыт.',
  'error.journal.notClosed': 'Период не закрыт.',
  'error.journal.periodNotEnded':
    'Период «{period}» ещё не закончился (до {endsOn}). Закрыть его раньше может администратор, указав причину.',
  'error.journal.earlyReasonRequired': 'Укажите причину досрочного закрытия периода «{period}».',
  'error.journal.yearClosed':
    'Учебный год «{year}» закрыт: годовые, экзаменационные и итоговые отметки не меняются. Изменить их может администратор, указав причину.',
  'error.journal.yearReasonRequired': 'Учебный год «{year}» закрыт: укажите причину изменения.',

  'error.attachment.tooLarge': 'Файл больше {limit} МБ.',
  'error.attachment.type': 'Такой тип файла не принимается. Можно: PDF, изображения, DOCX, XLSX, PPTX, ODT, TXT.',
  'error.attachment.missing': 'Файл не передан.',
  'error.attachment.tooMany': 'К уроку можно приложить не больше {limit} файлов.',
} as const;
