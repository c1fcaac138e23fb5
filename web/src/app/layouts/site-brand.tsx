import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/ui/language-switch';
import { Logo } from '../../components/ui/logo';
import { useCompany } from '../../features/company/api/get-company';
import { companyNameInPage } from '../../features/company/api/company-name-in-page';
import { paths } from '../paths';

/** The top of every page: the company's logo and name (links to the front page) and the language switch. */
export function SiteBrand() {
  const { t } = useTranslation();
  const company = useCompany();
  // Until /api/company answers: the name the server wrote into the page, so the header is whole from the first paint.
  const companyName = company.data?.name ?? companyNameInPage();
  return (
    <div className="site-brand">
      <div className="container site-brand__inner">
        <RouterLink
          to={paths.home}
          className="site-brand__home"
          aria-label={companyName ? t('app.homeLink', { company: companyName }) : t('app.name')}
        >
          <Logo className="logo" />
          <span className="site-brand__text">
            <span className="site-brand__company">{companyName ?? '\u00a0'}</span>
            {/* a space between the two lines, so the link's visible text reads as words that its label contains
                (WCAG 2.5.3 label in name: "Akershus Energi Varme AS Min side" in "… AS – Min side, til forsiden") */}{' '}
            <span className="site-brand__product">{t('app.name')}</span>
          </span>
        </RouterLink>
        <LanguageSwitch />
      </div>
    </div>
  );
}
