import { LOCALES } from '@contract/i18n/translate';
import { useLocale, useT } from '../lib/i18n';
import { useSetLocale } from '../lib/resources/set-locale';

/** ru / en switch: re-renders at once, then tells the server (works signed in or not). */
export function LanguageSwitch() {
  const t = useT();
  const { locale } = useLocale();
  const setLocale = useSetLocale();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('web.language.label')}</legend>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          className="language-switch__option"
          aria-pressed={option === locale}
          lang={option}
          onClick={() => {
            if (option !== locale) setLocale.mutate(option);
          }}
        >
          <span aria-hidden="true">{option.toUpperCase()}</span>
          <span className="visually-hidden">{t(option === 'ru' ? 'web.language.ru' : 'web.language.en')}</span>
        </button>
      ))}
    </fieldset>
  );
}
