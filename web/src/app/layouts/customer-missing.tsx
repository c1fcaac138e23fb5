import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { CompanyContact } from '../../features/company/components/company-contact';
import type { Session } from '../../features/session/api/session-types';
import { useSwitchCustomer } from '../../features/session/api/switch-customer';

/** Shown when no customer is chosen: a choice when the user has customers, otherwise whom to contact. */
export function CustomerMissing({ session }: { session: Session }) {
  const { t } = useTranslation();
  const switchCustomer = useSwitchCustomer();

  if (session.customers.length === 0) {
    return (
      <div className="stack narrow">
        <PageHeading documentTitle={t('session.noCustomer.title')}>{t('session.noCustomer.heading')}</PageHeading>
        <Paragraph>{t('session.noCustomer.text')}</Paragraph>
        <CompanyContact />
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <PageHeading documentTitle={t('session.chooseCustomer.title')}>{t('session.chooseCustomer.heading')}</PageHeading>
      <Paragraph>{t('session.chooseCustomer.text')}</Paragraph>
      <ul className="choice-list">
        {session.customers.map((customer) => (
          <li key={customer.id}>
            <Button
              variant="secondary"
              loading={switchCustomer.isPending && switchCustomer.variables === customer.id}
              onClick={() => switchCustomer.mutate(customer.id)}
            >
              {t('session.customerOption', { name: customer.name, customerNumber: customer.customerNumber })}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
