import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { paths } from '../paths';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <div className="narrow stack">
      <PageHeading documentTitle={t('notFound.title')}>{t('notFound.heading')}</PageHeading>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.home}>{t('notFound.home')}</RouterLink>
        </Link>
      </Paragraph>
    </div>
  );
}
