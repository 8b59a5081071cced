import type { Locale } from '@contract/i18n/translate';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { useLocale } from '../i18n';

/** PUT /api/auth/locale: remembers the language (for the account too when signed in). */
export const setLocale = (locale: Locale) => api.put<void>('/api/auth/locale', { locale });

/** Switches the language at once, tells the server, and refetches texts the server translated. */
export function useSetLocale() {
  const { applyLocale } = useLocale();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setLocale,
    onMutate: (locale) => applyLocale(locale),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
