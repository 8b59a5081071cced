import { useEffect } from 'react';
import { useT } from './i18n';

/** Sets the browser tab title: "<page> — Отметка". */
export function useDocumentTitle(title: string | null | undefined): void {
  const t = useT();
  useEffect(() => {
    const app = t('app.name');
    document.title = title ? `${title} — ${app}` : app;
  }, [title, t]);
}
