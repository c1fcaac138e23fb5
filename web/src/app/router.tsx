import { createBrowserRouter, Navigate, Outlet, ScrollRestoration, type RouteObject } from 'react-router';
import { useLayoutEffect, type ComponentType } from 'react';
import { takeScrollBeforeAppStart } from '../early-input';
import { AppLayout } from './layouts/app-layout';
import { PublicLayout } from './layouts/public-layout';
import { paths } from './paths';
import { ErrorPage } from './routes/error-page';
import { HomeRoute } from './routes/home';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';

// The log-in page and the start page are in the first download; every other page is its own chunk, fetched when the
// router first goes there (issue 7: ≤ 200 KB gzip of JavaScript before any interaction; bench/frontend-size.mjs).
// A route module exports several page components; `page` picks one, and the router waits for it before it navigates.
type Module = Record<string, ComponentType>;
const RELOADED_KEY = 'kundeweb.reloaded-for-chunk';
const storage = {
  get: (): string | null => {
    try {
      return sessionStorage.getItem(RELOADED_KEY);
    } catch {
      return null;
    }
  },
  set: (value: string | null): boolean => {
    try {
      if (value === null) sessionStorage.removeItem(RELOADED_KEY);
      else sessionStorage.setItem(RELOADED_KEY, value);
      return true;
    } catch {
      return false;
    }
  },
};
const page =
  <M extends Module>(load: () => Promise<M>, name: keyof M & string) =>
  async () => {
    try {
      const module = await load();
      if (storage.get() !== null) storage.set(null);
      return { Component: module[name] };
    } catch (error) {
      // A tab opened before a new release asks for a chunk that release replaced: load the page anew, once per
      // address (remembered for the tab, so a chunk that really is missing shows the error page instead of looping).
      if (storage.get() !== window.location.href && storage.set(window.location.href)) window.location.reload();
      throw error;
    }
  };
const meter = () => import('./routes/meter');
const invoice = () => import('./routes/invoice');
const profile = () => import('./routes/profile');

function Root() {
  // after ScrollRestoration's own layout effect (children's run first), before the page is painted
  useLayoutEffect(() => {
    const y = takeScrollBeforeAppStart();
    if (y > 0) window.scrollTo(0, y);
  }, []);
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

export function createRouter() {
  return createBrowserRouter(appRoutes());
}

/** The route table, shared by the browser's router and the build's pre-render (web/src/prerender.tsx). */
export function appRoutes(): RouteObject[] {
  return [
    {
      element: <Root />,
      errorElement: <ErrorPage />,
      children: [
        {
          element: <PublicLayout />,
          children: [
            { path: paths.login, element: <LoginRoute /> },
            { path: paths.register, lazy: page(() => import('./routes/register'), 'RegisterRoute') },
            { path: paths.verifyEmail, lazy: page(() => import('./routes/verify-email'), 'VerifyEmailRoute') },
            { path: paths.forgotPassword, lazy: page(() => import('./routes/forgot-password'), 'ForgotPasswordRoute') },
            { path: paths.resetPassword, lazy: page(() => import('./routes/reset-password'), 'ResetPasswordRoute') },
            { path: paths.forgotCustomerNumber, lazy: page(() => import('./routes/forgot-customer-number'), 'ForgotCustomerNumberRoute') },
            { path: paths.devOutbox, lazy: page(() => import('./routes/dev-outbox'), 'DevOutboxRoute') },
            // The links in e-mails about Min profil: no log-in needed (the token proves the mailbox).
            { path: paths.confirmEmailChange, lazy: page(() => import('./routes/confirm-email-change'), 'ConfirmEmailChangeRoute') },
            { path: paths.invitation, lazy: page(() => import('./routes/invitation'), 'InvitationRoute') },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
        {
          element: <AppLayout />,
          children: [
            { path: paths.home, element: <HomeRoute /> },
            {
              path: paths.profile,
              lazy: page(profile, 'ProfileLayoutRoute'),
              children: [
                { index: true, lazy: page(profile, 'ProfileStartRoute') },
                { path: paths.profilePersonalia, lazy: page(profile, 'ProfilePersonaliaRoute') },
                { path: paths.profileUsers, lazy: page(profile, 'ProfileUsersRoute') },
                { path: paths.profileForms, lazy: page(profile, 'ProfileFormsRoute') },
                { path: paths.profileForm, lazy: page(profile, 'ProfileFormRoute') },
              ],
            },
            {
              path: paths.meter,
              lazy: page(meter, 'MeterLayoutRoute'),
              children: [
                { index: true, element: <Navigate to={paths.meterReadings} replace /> },
                { path: paths.meterReadings, lazy: page(meter, 'MeterReadingsRoute') },
                { path: paths.meterConsumption, lazy: page(meter, 'MeterConsumptionRoute') },
              ],
            },
            {
              path: paths.invoice,
              lazy: page(invoice, 'InvoiceLayoutRoute'),
              children: [
                { index: true, element: <Navigate to={paths.invoiceOverview} replace /> },
                { path: paths.invoiceOverview, lazy: page(invoice, 'InvoiceOverviewRoute') },
                { path: paths.invoiceDetail, lazy: page(invoice, 'InvoiceDetailRoute') },
                { path: paths.invoiceTrialSettlement, lazy: page(invoice, 'InvoiceTrialSettlementRoute') },
                { path: paths.invoiceEconomy, lazy: page(invoice, 'InvoiceEconomyRoute') },
              ],
            },
            { path: paths.subscription, lazy: page(() => import('./routes/subscription'), 'SubscriptionRoute') },
            { path: paths.changePassword, lazy: page(() => import('./routes/change-password'), 'ChangePasswordRoute') },
          ],
        },
      ],
    },
  ];
}
