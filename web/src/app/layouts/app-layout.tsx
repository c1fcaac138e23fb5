import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../../components/ui/loading';
import { PageHeading } from '../../components/ui/page-heading';
import { useCompany } from '../../features/company/api/get-company';
import { sessionQueryKey, useSession } from '../../features/session/api/get-session';
import { CustomerBar } from '../../features/session/components/customer-bar';
import { loginPathWithReturnTo, paths } from '../paths';
import { CustomerMissing } from './customer-missing';
import { MainNav } from './main-nav';
import { MAIN_CONTENT_ID, SkipToContent } from './skip-link';
import { SiteBrand } from './site-brand';
import { SiteFooter } from './site-footer';
import { useFocusOnNavigation } from './use-focus-on-navigation';

/**
 * The logged-in part of the portal: header, the grey customer bar, the main menu.
 * Without a session the visitor is sent to the log-in page, which brings them back here afterwards.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  // The header shows the company's name; waiting for it (asked for at start, with the session: app.tsx) keeps the
  // header from growing under the page when it arrives — a layout shift Lighthouse counted on phones (issue 7).
  const company = useCompany();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Set while logging out, so the missing session leads to the log-in page without a "come back here" address.
  const [loggingOut, setLoggingOut] = useState(false);
  useFocusOnNavigation();

  if (session.isPending || company.isPending) return <Loading fullPage label={t('session.loading')} />;
  if (session.isError) {
    return (
      <main className="site-main">
        <div className="container stack narrow">
          <PageHeading>{t('error.heading')}</PageHeading>
          <Alert data-color="danger">
            <Paragraph>{t('session.loadError')}</Paragraph>
          </Alert>
          <div>
            <Button variant="secondary" onClick={() => void session.refetch()}>
              {t('session.retry')}
            </Button>
          </div>
        </div>
      </main>
    );
  }
  if (!session.data) {
    if (loggingOut) return null;
    return <Navigate to={loginPathWithReturnTo(location.pathname + location.search)} replace />;
  }

  const onLoggedOut = () => {
    setLoggingOut(true);
    queryClient.removeQueries({ queryKey: ['customer'] });
    queryClient.setQueryData(sessionQueryKey, null);
    void navigate(paths.login, { replace: true, state: { loggedOut: true } });
  };

  return (
    <div className="page">
      <SkipToContent />
      <header className="site-header">
        <SiteBrand />
        <CustomerBar session={session.data} onLoggedOut={onLoggedOut} />
        {session.data.currentCustomer && <MainNav />}
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="site-main">
        <div className="container">{session.data.currentCustomer ? <Outlet /> : <CustomerMissing session={session.data} />}</div>
      </main>
      <SiteFooter />
    </div>
  );
}
