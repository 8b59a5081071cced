import type { ru } from './passwords.js';

/** English texts of this area: exactly the keys of the Russian reference (passwords.ts). */
export const en: Record<keyof typeof ru, string> = {
  'error.commonPassword': 'This password is too common: it is the first one guessed. Choose another — for example, a few unrelated words.',
  'error.passwordChangeRequired':
    'You signed in with a temporary password. Change it to go on: until then, only changing the password is possible.',
  'error.temporaryPasswordExpired':
    'The temporary password has expired (it is valid for {hours} h). Ask the school administrator for a new one.',
  'web.password.changeRequired': 'You signed in with a temporary password. Choose your own password to go on.',
  'web.password.title': 'Change password',
  'web.password.current': 'Current password',
  'web.password.new': 'New password',
  'web.password.repeat': 'New password again',
  'web.password.hint': 'At least 10 characters; not the login and not one of the most common passwords.',
  'web.password.mismatch': 'The new passwords do not match.',
  'web.password.submit': 'Change password',
  'web.password.submitting': 'Changing…',
};
