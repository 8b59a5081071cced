import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n';
import { Empty, ErrorNotice, Loading } from './status';

/** Loading / error / empty / table for a list query. */
export function ListState<T>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<{ items: T[] }>;
  empty?: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const t = useT();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.items.length === 0) return <Empty>{empty ?? t('web.common.empty')}</Empty>;
  return <>{children(query.data.items)}</>;
}

/** A collapsible "add" panel so the list stays in view on a phone. */
export function AddPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="panel no-print">
      <summary>{title}</summary>
      {children}
    </details>
  );
}
