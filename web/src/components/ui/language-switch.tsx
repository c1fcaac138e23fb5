import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, languages } from '../../i18n';

/** Norsk / English. The choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = i18n.resolvedLanguage ? currentLanguage() : 'nb';
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <Button
          key={language}
          type="button"
          variant={language === active ? 'secondary' : 'tertiary'}
          data-size="sm"
          lang={language}
          aria-pressed={language === active}
          onClick={() => void changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </Button>
      ))}
    </div>
  );
}
