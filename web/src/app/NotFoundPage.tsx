import { Link } from 'react-router';
import { useT } from '../lib/i18n';
import { useDocumentTitle } from '../lib/use-title';

export function NotFoundPage() {
  const t = useT();
  useDocumentTitle(t('web.notFound.title'));
  return (
    <section className="panel">
      <h1>{t('web.notFound.title')}</h1>
      <p>{t('web.notFound.text')}</p>
      <p>
        <Link to="/">{t('web.notFound.home')}</Link>
      </p>
    </section>
  );
}
