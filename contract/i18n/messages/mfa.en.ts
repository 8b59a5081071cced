import type { ru } from './mfa.js';

/** English texts of this area: exactly the keys of the Russian reference (mfa.ts). */
export const en: Record<keyof typeof ru, string> = {
  'error.mfa.wrongCode':
    'Wrong code. Enter a new code from your authenticator app (it changes every 30 seconds) or an unused recovery code.',
  'error.mfa.challengeExpired': 'The time to enter the code has run out. Please sign in again with your login and password.',
  'error.mfa.notEnrolled': 'Two-step sign-in is not set up for this account.',
  'error.mfa.alreadyEnrolled': 'Two-step sign-in is already set up.',
  'error.mfa.notStarted': 'Start the set-up first: open the page with the QR code.',
  'error.mfa.enrolmentRequired': 'Two-step sign-in is required for your role: set up an authenticator app first.',
  'error.mfa.stepUpRequired': 'Confirm this action with a code from your authenticator app (a code is needed at least every 10 minutes).',

  'web.mfa.menu': 'Two-step sign-in',
  'web.mfa.back': 'Back to the home page',
  'web.mfa.code': 'Code',
  'web.mfa.submit': 'Confirm',
  'web.mfa.submitting': 'Checking…',
  'web.mfa.cancel': 'Cancel',
  'web.mfa.otherAccount': 'Sign in with another account',
  'web.mfa.verify.title': 'Verification code',
  'web.mfa.verify.intro':
    'Enter the six-digit code from your authenticator app. Without your phone at hand, enter one of your recovery codes.',
  'web.mfa.enrol.title': 'Set up two-step sign-in',
  'web.mfa.enrol.required': 'Two-step sign-in is required for your role. Set up an authenticator app to continue.',
  'web.mfa.enrol.intro':
    'After the password you will be asked for a code from an app on your phone, so whoever learns the password cannot open the account.',
  'web.mfa.enrol.scan': 'Scan the QR code with an authenticator app (for example Yandex Key, Google Authenticator or FreeOTP).',
  'web.mfa.enrol.manual': 'Without a camera, enter this key by hand:',
  'web.mfa.enrol.qrAlt': 'QR code for the authenticator app',
  'web.mfa.enrol.confirm': 'Enter the code the app shows:',
  'web.mfa.enrol.start': 'Set up',
  'web.mfa.enrol.loading': 'Preparing the QR code…',
  'web.mfa.recovery.title': 'Recovery codes',
  'web.mfa.recovery.intro':
    'Keep these codes somewhere safe (print or write them down). Each works once when your phone is not at hand. They will not be shown again.',
  'web.mfa.recovery.done': 'I have saved the codes, continue',
  'web.mfa.status.on': 'Two-step sign-in is on. Recovery codes left: {count}.',
  'web.mfa.status.off': 'Two-step sign-in is off.',
  'web.mfa.stepUp.title': 'Confirm the action',
  'web.mfa.stepUp.intro': 'This action needs a fresh code from your authenticator app.',
};
