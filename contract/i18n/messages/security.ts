/**
 * Issue 12 items 3, 10 and 12 (decision 013): consent-limited fields, read budgets and the
 * school's second-factor rule. Russian, the reference.
 */
export const ru = {
  'error.consent.fieldNotAllowed':
    'Согласие семьи на обработку персональных данных (Приложение 2) не разрешает размещать в системе: {fields}. Эти данные не сохранены.',
  'error.readBudget.exceeded':
    'Вы открыли слишком много записей с личными данными за {window}: {reads} при норме {budget}. Норма защищает данные учеников от копирования. Чтение снова откроется через {wait}. Если это нужно для работы, обратитесь к директору.',
  'error.readBudget.window.hour': 'час',
  'error.readBudget.window.day': 'сутки',
  'error.readBudget.wait.minutes': '{minutes} мин',
  'error.readBudget.wait.hours': '{hours} ч {minutes} мин',
  'error.readBudget.wait.wholeHours': '{hours} ч',

  'web.consentFields.withheld': 'Согласие семьи не разрешает хранить эти данные — поля закрыты: {fields}.',

  'web.security.title': 'Безопасность школы',
  'web.security.mfa.title': 'Двухэтапный вход для сотрудников',
  'web.security.mfa.required': 'Все сотрудники школы входят с кодом из приложения-аутентификатора',
  'web.security.mfa.hint':
    'Когда правило включено, учитель, завуч и секретарь без второго фактора при следующем входе сначала настроят приложение-аутентификатор; их открытые сеансы без второго фактора закрываются. Администратор, директор и оператор входят с кодом всегда.',
  'web.security.mfa.on': 'Правило включено',
  'web.security.mfa.off': 'Правило выключено',
  'web.security.mfa.save': 'Сохранить',
  'web.security.mfa.saved': 'Сохранено',
  'web.security.mfa.updatedAt': 'Изменено: {at}',
  'web.security.alerts.title': 'Превышение нормы чтения личных данных',
  'web.security.alerts.intro':
    'Сотрудник открыл больше записей с личными данными, чем позволяет норма ({hour} в час, {day} в сутки). Дальнейшие чтения ему временно закрыты. Проверьте, было ли это нужно для работы.',
  'web.security.alerts.empty': 'Превышений не было.',
  'web.security.alerts.who': 'Сотрудник',
  'web.security.alerts.when': 'Когда',
  'web.security.alerts.reads': 'Записей',
  'web.security.alerts.window.hour': 'за час',
  'web.security.alerts.window.day': 'за сутки',
  'web.security.alerts.banner': 'Превышения нормы чтения личных данных: {count}. Проверьте на странице «Безопасность школы».',
  'web.security.alerts.open': 'Открыть',
  'web.security.menu': 'Безопасность',
  'web.security.description': 'Двухэтапный вход сотрудников и превышения нормы чтения личных данных',
} as const;
