import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';

/** Shown when a page fails to render. The details go to the console, never to the screen. */
export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <main className="site-main">
      <div className="container narrow stack">
        <PageHeading documentTitle={t('error.title')}>{t('error.heading')}</PageHeading>
        <Paragraph>{t('error.text')}</Paragraph>
        <div>
          <Button variant="secondary" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </Button>
        </div>
      </div>
    </main>
  );
}
