// The build's pre-render (issue 7; run by the plugin in vite.config.ts after the browser build, never shipped to the
// browser): the log-in page and the start page's shell rendered to HTML, so a phone paints them before any JavaScript
// has arrived; boot.tsx then takes the DOM over (hydrateRoot). Norwegian, as the app starts; the company's name is a
// placeholder the server fills in (features/company/api/company-name-in-page.ts, server/plugins/web-app.ts).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { appRoutes } from './app/router';
import { startPrerendering } from './features/company/api/company-name-in-page';
import { i18n } from './i18n';

export interface PrerenderedPage {
  /** The markup for `<div id="root">`. */
  html: string;
  /** The browser tab's title, as the page sets it once it runs. */
  title: string;
}

/** Renders the page at `url` (a path with its query) as the browser's first render of it shows it. */
export async function prerender(url: string, pageTitleKey: 'login.title' | 'home.title'): Promise<PrerenderedPage> {
  startPrerendering();
  const handler = createStaticHandler(appRoutes());
  const context = await handler.query(new Request(new URL(url, 'http://localhost')));
  if (context instanceof Response) throw new Error(`pre-render of ${url}: the router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  // Nothing is fetched at build time: every query is pending, as in the browser before the API has answered.
  const queryClient = new QueryClient();
  const html = renderToString(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <StaticRouterProvider router={router} context={context} hydrate={false} />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
  return { html, title: i18n.t('app.documentTitle', { page: i18n.t(pageTitleKey) }) };
}
