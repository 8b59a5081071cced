import type { MessageKey } from '@contract/i18n/translate';
import type { FamilyAccessItem } from '@contract/schemas/family';
import { useState } from 'react';
import { useSchool } from '../../app/school-context';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { formatInstant } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useMyStudents } from '../../lib/resources/my-students';
import { useDocumentTitle } from '../../lib/use-title';
import { downloadFamilyExport, useFamilyAccessLog } from './api/family';
import './family.css';

const roleKey = (role: string) => `web.role.${role}` as MessageKey;

/**
 * «Кто смотрел данные» (issue 12.13): which school staff opened the parent's children's card,
 * diary or journal, and when (from the audit log); and the family's export (152-FZ art. 14) as a
 * JSON file or a PDF, made by the server.
 */
export function FamilyAccessPage() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const log = useFamilyAccessLog(school.id);
  const students = useMyStudents();
  const [busy, setBusy] = useState<'json' | 'pdf' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useDocumentTitle(t('family.title'));

  const names = new Map((students.data ?? []).map((s) => [s.id, [s.name, s.surname].filter(Boolean).join(' ')]));
  const what = (item: FamilyAccessItem) => {
    const view = t(`family.view.${item.view}` as MessageKey);
    return item.subjectName ? t('family.view.withSubject', { view, subject: item.subjectName }) : view;
  };

  const download = async (format: 'json' | 'pdf') => {
    setBusy(format);
    setFailure(null);
    try {
      await downloadFamilyExport(school.id, format, locale);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="family">
      <header className="page-header">
        <h1>{t('family.title')}</h1>
        <p className="page-header__subtitle">{t('family.subtitle')}</p>
      </header>

      <section className="panel" aria-labelledby="family-log">
        <h2 id="family-log" className="visually-hidden">
          {t('family.title')}
        </h2>
        {log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <ErrorNotice error={log.error} onRetry={() => log.refetch()} />
        ) : log.data.length === 0 ? (
          <Empty>{t('family.empty')}</Empty>
        ) : (
          <ol className="family-log" data-testid="family-access-log">
            {log.data.map((item) => (
              <li key={item.id} className="family-log__item" data-view={item.view}>
                <time className="family-log__at" dateTime={item.at}>
                  {formatInstant(locale, item.at)}
                </time>
                <span className="family-log__who">
                  <strong>{item.actorName ?? ''}</strong>
                  <span className="muted"> · {item.actorRoles.map((r) => t(roleKey(r))).join(', ')}</span>
                </span>
                <span className="family-log__what">
                  {what(item)}
                  {item.childIds.length > 0 ? (
                    <span className="muted">
                      {' '}
                      ·{' '}
                      {item.childIds
                        .map((id) => names.get(id) ?? '')
                        .filter(Boolean)
                        .join(', ')}
                    </span>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="panel" aria-labelledby="family-export">
        <h2 id="family-export">{t('family.export.title')}</h2>
        <p>{t('family.export.intro')}</p>
        <div className="family__actions">
          <button type="button" className="button" onClick={() => download('pdf')} disabled={busy !== null} data-testid="family-export-pdf">
            {busy === 'pdf' ? t('family.export.working') : t('family.export.pdf')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => download('json')}
            disabled={busy !== null}
            data-testid="family-export-json"
          >
            {busy === 'json' ? t('family.export.working') : t('family.export.json')}
          </button>
        </div>
        {failure ? <ErrorNotice error={failure} /> : null}
      </section>
    </div>
  );
}
