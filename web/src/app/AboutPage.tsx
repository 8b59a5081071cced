import { Link } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../lib/i18n';
import { useDocumentTitle } from '../lib/use-title';
import '../components/login-card.css';

/** The public page about the service (R6.6); its full content comes with the service module. */
export function AboutPage() {
  const t = useT();
  useDocumentTitle(t('web.public.title'));
  return (
    <div className="login">
      <div className="login__top">
        <LanguageSwitch />
      </div>
      <main className="login__card" id="main">
        <div className="login__brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <p className="login__name">{t('app.name')}</p>
            <p className="login__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1>{t('web.public.title')}</h1>
        <p>{t('web.public.intro')}</p>
        <p className="muted">{t('web.public.soon')}</p>
        <p>
          <Link to="/login">{t('web.public.toLogin')}</Link>
        </p>
      </main>
    </div>
  );
}
