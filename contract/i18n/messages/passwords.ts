/** Passwords (issue 12.11): common passwords, temporary passwords. Russian is the reference; English must have the same keys. */
export const ru = {
  'error.commonPassword':
    'Этот пароль слишком распространён: его подбирают первым. Придумайте другой — например, несколько не связанных слов.',
  'error.passwordChangeRequired':
    'Вы вошли по временному паролю. Смените его, чтобы продолжить работу: до этого доступна только смена пароля.',
  'error.temporaryPasswordExpired': 'Срок временного пароля истёк (он действует {hours} ч). Попросите администратора школы выдать новый.',
  'web.password.changeRequired': 'Вы вошли по временному паролю. Придумайте свой пароль, чтобы продолжить.',
  'web.password.title': 'Смена пароля',
  'web.password.current': 'Текущий пароль',
  'web.password.new': 'Новый пароль',
  'web.password.repeat': 'Новый пароль ещё раз',
  'web.password.hint': 'Не короче 10 символов; не логин и не из списка самых частых паролей.',
  'web.password.mismatch': 'Новые пароли не совпадают.',
  'web.password.submit': 'Сменить пароль',
  'web.password.submitting': 'Меняем…',
} as const;
