import { Outlet } from 'react-router';
import { MAIN_CONTENT_ID, SkipToContent } from './skip-link';
import { SiteBrand } from './site-brand';
import { SiteFooter } from './site-footer';
import { useFocusOnNavigation } from './use-focus-on-navigation';

/** Pages for visitors who are not logged in: log-in, registration, forgotten password, 404. */
export function PublicLayout() {
  useFocusOnNavigation();
  return (
    <div className="page">
      <SkipToContent />
      <header className="site-header">
        <SiteBrand />
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="site-main">
        <div className="container">
          <Outlet />
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}
