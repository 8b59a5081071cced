import { isLocale } from '@contract/i18n/translate';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { useLocale } from '../../../lib/i18n';
import { type Me, meQueryKey, setSignedInHint } from '../../../lib/resources/me';
import { setLocale } from '../../../lib/resources/set-locale';

export interface LoginInput {
  login: string;
  password: string;
}

/** POST /api/auth/login: sets the session cookie and answers with the user. */
export const login = (input: LoginInput) => api.post<Me>('/api/auth/login', input);

export function useLogin() {
  const queryClient = useQueryClient();
  const { locale, applyLocale, chosen } = useLocale();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
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
    },
  });
}
