import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { NotAvailableNotice } from '../../components/ui/not-available-notice';
import { PageHeading, useDocumentTitle } from '../../components/ui/page-heading';
import { SubNav } from '../../components/ui/sub-nav';
import { SystemStartNote } from '../../features/company/components/system-start-note';
import { paths } from '../paths';

/** /faktura – Fakturaoversikt, Prøveavregning and Økonomioversikt, with the guide's caution about the last. */
export function InvoiceLayoutRoute() {
  const { t } = useTranslation();
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
            { to: paths.invoiceOverview, label: t('invoice.overview.title') },
            { to: paths.invoiceTrialSettlement, label: t('invoice.trialSettlement.title') },
            { to: paths.invoiceEconomy, label: t('invoice.economy.title') },
          ]}
        />
        <Outlet />
      </div>
      <Alert data-color="warning" className="narrow">
        <Heading level={2} data-size="2xs">
          {t('invoice.cautionHeading')}
        </Heading>
        <Paragraph>{t('invoice.caution')}</Paragraph>
      </Alert>
    </div>
  );
}

function InvoiceSubPage({ section }: { section: 'overview' | 'trialSettlement' | 'economy' }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t(`invoice.${section}.title`)} – ${t('invoice.title')}`);
  return (
    <section className="stack" aria-labelledby={`invoice-${section}`}>
      <Heading level={2} data-size="sm" id={`invoice-${section}`}>
        {t(`invoice.${section}.heading`)}
      </Heading>
      <Paragraph>{t(`invoice.${section}.text`)}</Paragraph>
      <NotAvailableNotice headingLevel={3} />
    </section>
  );
}

export const InvoiceOverviewRoute = () => <InvoiceSubPage section="overview" />;
export const InvoiceTrialSettlementRoute = () => <InvoiceSubPage section="trialSettlement" />;
export const InvoiceEconomyRoute = () => <InvoiceSubPage section="economy" />;
