import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '../paths';

const items = [
  { to: paths.profile, key: 'nav.profile' },
  { to: paths.meter, key: 'nav.meter' },
  { to: paths.invoice, key: 'nav.invoice' },
  { to: paths.subscription, key: 'nav.subscription' },
] as const;

/** Min profil · Måler · Faktura · Abonnement. NavLink marks the current section with aria-current="page". */
export function MainNav() {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul className="container main-nav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="main-nav__link">
              {t(item.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
