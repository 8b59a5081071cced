import type { BackupRun } from '@contract/schemas/operations';
import { Empty, ErrorNotice, errorText, Loading } from '../../components/status';
import { formatInstant, numberFormat } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-title';
import { useBackups, useStartBackup } from './api/backups';
import './backups.css';

/**
 * The installation's backups (issue 16, decision 016), for operators: each with its size, result
 * and restore drill; a failed drill or backup raises an alarm at the top; «Back up now» starts one.
 */
export function BackupsPage() {
  const t = useT();
  const { locale } = useLocale();
  useDocumentTitle(t('operations.title'));
  const list = useBackups();
  const start = useStartBackup();
  const running = !!list.data?.items.some((b) => b.status === 'running');
  const mb = numberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return (
    <div>
      <header className="page-header">
        <h1>{t('operations.title')}</h1>
      </header>
      {list.data?.alarm ? (
        <p className="status status--error" role="alert" data-testid="backup-alarm">
          {t('operations.alarm')}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="backups-list">
        <h2 id="backups-list" className="visually-hidden">
          {t('operations.title')}
        </h2>
        <p className="muted">{t('operations.intro')}</p>
        {list.data ? (
          <p className="muted" data-testid="backup-schedule">
            {list.data.schedule
              ? t('operations.schedule', { time: list.data.schedule, keep: list.data.keep })
              : t('operations.scheduleOff', { keep: list.data.keep })}{' '}
            {t(list.data.encrypted ? 'operations.encrypted' : 'operations.notEncrypted')}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" disabled={running || start.isPending || !list.data} onClick={() => start.mutate()}>
            {t(running || start.isPending ? 'operations.running' : 'operations.run')}
          </button>
        </div>
        {start.error ? (
          <p className="field__error" role="alert">
            {errorText(t, start.error)}
          </p>
        ) : null}
        {list.isPending ? <Loading /> : null}
        {list.error ? <ErrorNotice error={list.error} onRetry={() => list.refetch()} /> : null}
        {list.data && list.data.items.length === 0 ? <Empty>{t('operations.empty')}</Empty> : null}
        {list.data && list.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('operations.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('operations.col.when')}</th>
                  <th scope="col">{t('operations.col.size')}</th>
                  <th scope="col">{t('operations.col.result')}</th>
                  <th scope="col">{t('operations.col.drill')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((b) => (
                  <tr key={b.id} data-testid="backup-row" data-status={b.status} data-drill={b.drill?.status ?? 'none'}>
                    <td>
                      {formatInstant(locale, b.startedAt)}
                      <br />
                      <span className="muted">
                        {t(`operations.trigger.${b.trigger}` as const)}
                        {b.pruned ? ` · ${t('operations.pruned')}` : ''}
                      </span>
                    </td>
                    <td>{b.sizeBytes === null ? '—' : t('operations.sizeMb', { size: mb.format(b.sizeBytes / 1_048_576) })}</td>
                    <td>
                      <Status run={b} />
                    </td>
                    <td>
                      <Drill run={b} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function Status({ run }: { run: BackupRun }) {
  const t = useT();
  return (
    <>
      <strong className={run.status === 'failed' ? 'backup-failed' : undefined}>{t(`operations.status.${run.status}` as const)}</strong>
      {run.error ? (
        <>
          <br />
          <code className="muted backup-detail">{run.error}</code>
        </>
      ) : null}
    </>
  );
}

function Drill({ run }: { run: BackupRun }) {
  const t = useT();
  const { locale } = useLocale();
  if (!run.drill) return <span className="muted">{t('operations.drill.none')}</span>;
  const seconds = numberFormat(locale, { maximumFractionDigits: 1 }).format((run.drill.ms ?? 0) / 1000);
  return (
    <>
      <strong className={run.drill.status === 'failed' ? 'backup-failed' : undefined}>
        {run.drill.status === 'ok' ? t('operations.drill.ok', { seconds }) : t('operations.drill.failed')}
      </strong>
      <br />
      <span className="muted">{formatInstant(locale, run.drill.at)}</span>
      {run.drill.error ? (
        <>
          <br />
          <code className="muted backup-detail">{run.drill.error}</code>
        </>
      ) : null}
    </>
  );
}
