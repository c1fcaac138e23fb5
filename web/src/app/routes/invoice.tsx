import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useParams } from 'react-router';
import { PageHeading, useDocumentTitle } from '../../components/ui/page-heading';
import { SubNav } from '../../components/ui/sub-nav';
import { SystemStartNote } from '../../features/company/components/system-start-note';
import { EconomySection } from '../../features/invoices/components/economy-section';
import { InvoiceDetailView } from '../../features/invoices/components/invoice-detail';
import { InvoiceOverview } from '../../features/invoices/components/invoice-overview';
import { TrialSettlementSection } from '../../features/invoices/components/trial-settlement-form';
import '../../features/invoices/invoices.css';
import { paths } from '../paths';

/** /faktura – Fakturaoversikt, Prøveavregning and Økonomioversikt, with the guide's caution about the last. */
export function InvoiceLayoutRoute() {
  const { t } = useTranslation();
  const { search, pathname } = useLocation();
  // The year chosen under Fakturaoversikt (?ar=) follows to Økonomioversikt and back; other parameters stay behind.
  const year = new URLSearchParams(search).get('ar');
  const keep = year ? `?ar=${encodeURIComponent(year)}` : '';
  const onEconomy = pathname.startsWith(paths.invoiceEconomy);
  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading>{t('invoice.heading')}</PageHeading>
        <Paragraph className="lead">{t('invoice.intro')}</Paragraph>
        <SystemStartNote />
      </div>
      <div className="stack">
        <SubNav
          label={t('invoice.subNavLabel')}
          items={[
            { to: `${paths.invoiceOverview}${keep}`, label: t('invoice.overview.title') },
            { to: paths.invoiceTrialSettlement, label: t('invoice.trialSettlement.title') },
            { to: `${paths.invoiceEconomy}${keep}`, label: t('invoice.economy.title') },
          ]}
        />
        <Outlet />
      </div>
      <Alert data-color="warning" className={onEconomy ? 'narrow invoice-caution invoice-caution--economy' : 'narrow invoice-caution'}>
        <Heading level={2} data-size="2xs">
          {t('invoice.cautionHeading')}
        </Heading>
        <Paragraph>{t('invoice.caution')}</Paragraph>
      </Alert>
    </div>
  );
}

function useSubPageTitle(section: 'overview' | 'trialSettlement' | 'economy') {
  const { t } = useTranslation();
  // The h1 stays "Faktura"; the tab title tells which sub-page is open.
  useDocumentTitle(`${t(`invoice.${section}.title`)} – ${t('invoice.title')}`);
}

export function InvoiceOverviewRoute() {
  useSubPageTitle('overview');
  return <InvoiceOverview />;
}

/** /faktura/oversikt/:invoiceId – one invoice (the tab title, with its number, is set by the invoice view). */
export function InvoiceDetailRoute() {
  const { invoiceId } = useParams();
  const id = /^\d{1,15}$/.test(invoiceId ?? '') ? Number(invoiceId) : Number.NaN;
  return <InvoiceDetailView key={invoiceId} invoiceId={id} />;
}

export function InvoiceTrialSettlementRoute() {
  useSubPageTitle('trialSettlement');
  return <TrialSettlementSection />;
}

export function InvoiceEconomyRoute() {
  useSubPageTitle('economy');
  return <EconomySection />;
}
