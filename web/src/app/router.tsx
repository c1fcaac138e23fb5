import { createBrowserRouter, Navigate, Outlet, ScrollRestoration } from 'react-router';
import { AppLayout } from './layouts/app-layout';
import { PublicLayout } from './layouts/public-layout';
import { paths } from './paths';
import { ChangePasswordRoute } from './routes/change-password';
import { ConfirmEmailChangeRoute } from './routes/confirm-email-change';
import { DevOutboxRoute } from './routes/dev-outbox';
import { ErrorPage } from './routes/error-page';
import { ForgotCustomerNumberRoute } from './routes/forgot-customer-number';
import { ForgotPasswordRoute } from './routes/forgot-password';
import { HomeRoute } from './routes/home';
import { InvitationRoute } from './routes/invitation';
import { InvoiceDetailRoute, InvoiceEconomyRoute, InvoiceLayoutRoute, InvoiceOverviewRoute, InvoiceTrialSettlementRoute } from './routes/invoice';
import { LoginRoute } from './routes/login';
import { MeterConsumptionRoute, MeterLayoutRoute, MeterReadingsRoute } from './routes/meter';
import { NotFoundRoute } from './routes/not-found';
import { ProfileFormRoute, ProfileFormsRoute, ProfileLayoutRoute, ProfilePersonaliaRoute, ProfileStartRoute, ProfileUsersRoute } from './routes/profile';
import { RegisterRoute } from './routes/register';
import { ResetPasswordRoute } from './routes/reset-password';
import { SubscriptionRoute } from './routes/subscription';
import { VerifyEmailRoute } from './routes/verify-email';

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Root />,
      errorElement: <ErrorPage />,
      children: [
        {
          element: <PublicLayout />,
          children: [
            { path: paths.login, element: <LoginRoute /> },
            { path: paths.register, element: <RegisterRoute /> },
            { path: paths.verifyEmail, element: <VerifyEmailRoute /> },
            { path: paths.forgotPassword, element: <ForgotPasswordRoute /> },
            { path: paths.resetPassword, element: <ResetPasswordRoute /> },
            { path: paths.forgotCustomerNumber, element: <ForgotCustomerNumberRoute /> },
            { path: paths.devOutbox, element: <DevOutboxRoute /> },
            // The links in e-mails about Min profil: no log-in needed (the token proves the mailbox).
            { path: paths.confirmEmailChange, element: <ConfirmEmailChangeRoute /> },
            { path: paths.invitation, element: <InvitationRoute /> },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
        {
          element: <AppLayout />,
          children: [
            { path: paths.home, element: <HomeRoute /> },
            {
              path: paths.profile,
              element: <ProfileLayoutRoute />,
              children: [
                { index: true, element: <ProfileStartRoute /> },
                { path: paths.profilePersonalia, element: <ProfilePersonaliaRoute /> },
                { path: paths.profileUsers, element: <ProfileUsersRoute /> },
                { path: paths.profileForms, element: <ProfileFormsRoute /> },
                { path: paths.profileForm, element: <ProfileFormRoute /> },
              ],
            },
            {
              path: paths.meter,
              element: <MeterLayoutRoute />,
              children: [
                { index: true, element: <Navigate to={paths.meterReadings} replace /> },
                { path: paths.meterReadings, element: <MeterReadingsRoute /> },
                { path: paths.meterConsumption, element: <MeterConsumptionRoute /> },
              ],
            },
            {
              path: paths.invoice,
              element: <InvoiceLayoutRoute />,
              children: [
                { index: true, element: <Navigate to={paths.invoiceOverview} replace /> },
                { path: paths.invoiceOverview, element: <InvoiceOverviewRoute /> },
                { path: paths.invoiceDetail, element: <InvoiceDetailRoute /> },
                { path: paths.invoiceTrialSettlement, element: <InvoiceTrialSettlementRoute /> },
                { path: paths.invoiceEconomy, element: <InvoiceEconomyRoute /> },
              ],
            },
            { path: paths.subscription, element: <SubscriptionRoute /> },
            { path: paths.changePassword, element: <ChangePasswordRoute /> },
          ],
        },
      ],
    },
  ]);
}
