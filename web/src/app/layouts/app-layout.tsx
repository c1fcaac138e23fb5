import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../../components/ui/loading';
import { PageHeading } from '../../components/ui/page-heading';
import { sessionQueryKey, useSession } from '../../features/session/api/get-session';
import type { Session } from '../../features/session/api/session-types';
import { CustomerBar, CustomerBarPlaceholder } from '../../features/session/components/customer-bar';
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
  // The session's first answer re-renders the whole page. Deferred, React does that in the background in slices
  // instead of in one long task (issue 7: a phone's main thread), and until then the page stays as it was — the same
  // shell. Only the first answer: a later change (the customer switched, or access to it removed) must reach this
  // layout in the same render as the page below it, which reads the session too and would otherwise fail on its own
  // (a page of a customer the session no longer has) before the layout has put «no customer» in its place.
  const liveSession = useSession();
  const deferredSession = useDeferredValue(liveSession);
  const session = deferredSession.data === undefined ? deferredSession : liveSession;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Set while logging out, so the missing session leads to the log-in page without a "come back here" address.
  const [loggingOut, setLoggingOut] = useState(false);
  useFocusOnNavigation();

  const onLoggedOut = useCallback(() => {
    setLoggingOut(true);
    queryClient.removeQueries({ queryKey: ['customer'] });
    queryClient.setQueryData(sessionQueryKey, null);
    void navigate(paths.login, { replace: true, state: { loggedOut: true } });
  }, [navigate, queryClient]);

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
  if (!session.isPending && !session.data) {
    if (loggingOut) return null;
    return <Navigate to={loginPathWithReturnTo(location.pathname + location.search)} replace />;
  }
  return <AppPage session={session.data ?? undefined} onLoggedOut={onLoggedOut} home={location.pathname === paths.home} />;
}

/**
 * The page itself. While the session is being asked for (`session` undefined) it is a shell — the header with the
 * company's name, the grey bar without the customer, the menu — and the start page shows its own texts around
 * placeholders (home.tsx). That is also what the build pre-renders for the start page (issue 7: painted before any
 * JavaScript), and the DOM React takes over; when the session arrives only the customer's parts change, so nothing
 * moves. `memo`: an unchanged session re-renders nothing.
 */
const AppPage = memo(function AppPage({ session, onLoggedOut, home }: { session: Session | undefined; onLoggedOut: () => void; home: boolean }) {
  const { t } = useTranslation();
  let content;
  if (!session) content = home ? <Outlet /> : <Loading label={t('session.loading')} />;
  else content = session.currentCustomer ? <Outlet /> : <CustomerMissing session={session} />;

  return (
    <div className="page">
      <SkipToContent />
      <header className="site-header">
        <SiteBrand />
        {session ? <CustomerBar session={session} onLoggedOut={onLoggedOut} /> : <CustomerBarPlaceholder />}
        {(!session || session.currentCustomer) && <MainNav />}
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="site-main">
        <div className="container">{content}</div>
      </main>
      <SiteFooter />
    </div>
  );
});
