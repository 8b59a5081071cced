import { isLocale } from '@contract/i18n/translate';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { useLocale } from '../../../lib/i18n';
import { type Me, meQueryKey, setSignedInHint } from '../../../lib/resources/me';
import { setLocale } from '../../../lib/resources/set-locale';
import type { MfaPending } from './mfa';

export interface LoginInput {
  login: string;
  password: string;
}

/**
 * POST /api/auth/login: sets the session cookie and answers with the user, or (202) says that a
 * second factor is needed: a code, or its enrolment first (the sign-in then goes on at /login/code
 * or /login/enrol).
 */
export const login = (input: LoginInput) => api.post<Me | MfaPending>('/api/auth/login', input);

export const needsSecondFactor = (answer: Me | MfaPending): answer is MfaPending => 'mfa' in answer;

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      if (!needsSecondFactor(answer)) signedIn(answer);
    },
  });
}

/** What follows every completed sign-in (a password, or a password and a code). */
export function useSignedIn() {
  const queryClient = useQueryClient();
  const { locale, applyLocale, chosen } = useLocale();
  return (me: Me) => {
    // A language chosen on this device is kept and saved to the account; otherwise the
    // account's saved language is adopted.
    if (isLocale(me.locale) && me.locale !== locale) {
      if (chosen()) void setLocale(locale).catch(() => undefined);
      else applyLocale(me.locale);
    }
    // A new user: nothing cached for the previous one may survive.
    queryClient.removeQueries();
    setSignedInHint(true);
    queryClient.setQueryData(meQueryKey, me);
  };
}
