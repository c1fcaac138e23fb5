import { Link } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../../app/paths';
import { useDevOutboxAvailable } from '../api/get-outbox';

/** The way to the development outbox, shown only where the server has it on (never in production). */
export function DevOutboxLink() {
  const { t } = useTranslation();
  if (!useDevOutboxAvailable()) return null;
  return (
    <p className="site-footer__dev">
      <Link asChild>
        <RouterLink to={paths.devOutbox}>{t('devOutbox.footerLink')}</RouterLink>
      </Link>
    </p>
  );
}
