import { Alert, Button, Card, Heading, Paragraph, Skeleton, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { currentLanguage } from '../../../i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { useAddCustomer, useLeaveCustomer, useMyCustomers } from '../api/relations-api';
import type { MyCustomer } from '../api/profile-types';
import { requestError } from '../lib/request-errors';
import { useFieldForm } from './use-field-form';

type Notice = { key: number; color: 'success' | 'danger' | 'info'; text: string };

const CUSTOMER_NUMBER = /^\d{5,10}$/;
const PIN = /^\d{4,8}$/;

/**
 * The account's own customer relations: every customer it can reach, with role and since when; leaving one (not as
 * its last administrator), and adding one with customer number and PIN (the PIN from the letter, used once).
 */
export function MyCustomers() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const customers = useMyCustomers();
  const leave = useLeaveCustomer();
  const add = useAddCustomer();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const form = useFieldForm('brukere-kunde', { customerNumber: '', pin: '' }, (values) => {
    const errors: Partial<Record<'customerNumber' | 'pin', string>> = {};
    const number = values.customerNumber.trim();
    const pin = values.pin.trim();
    if (!number) errors.customerNumber = 'brukere.customers.errors.customerNumberRequired';
    else if (!CUSTOMER_NUMBER.test(number)) errors.customerNumber = 'brukere.customers.errors.customerNumberFormat';
    if (!pin) errors.pin = 'brukere.customers.errors.pinRequired';
    else if (!PIN.test(pin)) errors.pin = 'brukere.customers.errors.pinFormat';
    return errors;
  });
  const say = (color: Notice['color'], text: string) => setNotice((current) => ({ key: (current?.key ?? 0) + 1, color, text }));

  function leaveCustomer(customer: MyCustomer) {
    leave.mutate(customer.id, {
      onSuccess: () => {
        setConfirming(null);
        say('info', t('brukere.customers.left', { name: customer.name }));
      },
      onError: (error) => {
        setConfirming(null);
        say('danger', requestError(error, t, i18n.resolvedLanguage));
      },
    });
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (add.isPending || !form.submit()) return;
    add.mutate(
      { customerNumber: form.values.customerNumber.trim(), pin: form.values.pin.trim() },
      {
        onSuccess: (customer) => {
          form.reset();
          say('success', t('brukere.customers.added', { name: customer.name, customerNumber: customer.customerNumber }));
        },
        onError: (error) => {
          if (isApiError(error) && (error.status === 400 || error.status === 409)) {
            form.setServerError('pin', serverMessage(i18n.resolvedLanguage, error.message, t('brukere.customers.errors.refused')));
          } else say('danger', requestError(error, t, i18n.resolvedLanguage));
        },
      },
    );
  }

  return (
    <section className="stack" aria-labelledby="brukere-kunder">
      <Heading level={2} data-size="sm" id="brukere-kunder">
        {t('brukere.customers.heading')}
      </Heading>
      <Paragraph className="lead">{t('brukere.customers.intro')}</Paragraph>
      {notice && (
        <FocusedAlert key={notice.key} data-color={notice.color} className="narrow">
          <Paragraph>{notice.text}</Paragraph>
        </FocusedAlert>
      )}
      {customers.isPending && <Skeleton variant="rectangle" height="6rem" />}
      {customers.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('minProfil.loadError')}</Paragraph>
        </Alert>
      )}
      {customers.data && (
        <ul className="person-list">
          {customers.data.customers.map((customer) => (
            <li key={customer.id}>
              <Card className="card-stack person">
                <div className="person__top">
                  <Heading level={3} data-size="2xs" className="person__name">
                    {customer.name}
                  </Heading>
                  <Tag data-color={customer.role === 'admin' ? 'info' : 'neutral'} data-size="sm">
                    {t(`brukere.roles.${customer.role}`)}
                  </Tag>
                  {customer.isCurrent && (
                    <Tag data-color="success" data-size="sm">
                      {t('brukere.customers.current')}
                    </Tag>
                  )}
                </div>
                <dl className="facts">
                  <div className="facts__row">
                    <dt>{t('brukere.customers.customerNumber')}</dt>
                    <dd className="facts__number">{customer.customerNumber}</dd>
                  </div>
                  <div className="facts__row">
                    <dt>{t('brukere.customers.since')}</dt>
                    <dd>{formatDateTime(customer.since, language)}</dd>
                  </div>
                </dl>
                {!customer.canLeave && <Paragraph data-size="sm" className="muted">{t('brukere.customers.lastAdmin')}</Paragraph>}
                {customer.canLeave && confirming !== customer.id && (
                  <div>
                    <Button variant="secondary" data-size="sm" onClick={() => setConfirming(customer.id)}>
                      {t('brukere.customers.leave')}
                      <span className="ds-sr-only"> {customer.name}</span>
                    </Button>
                  </div>
                )}
                {customer.canLeave && confirming === customer.id && (
                  <FocusedAlert data-color="warning" data-size="sm">
                    <Heading level={4} data-size="2xs">
                      {t('brukere.customers.confirmHeading')}
                    </Heading>
                    <Paragraph data-size="sm">{t('brukere.customers.confirmText', { name: customer.name })}</Paragraph>
                    <div className="button-row">
                      <Button data-color="danger" data-size="sm" onClick={() => leaveCustomer(customer)} loading={leave.isPending} aria-disabled={leave.isPending || undefined}>
                        {t('brukere.customers.confirmLeave')}
                      </Button>
                      <Button variant="tertiary" data-size="sm" onClick={() => setConfirming(null)}>
                        {t('minProfil.cancel')}
                      </Button>
                    </div>
                  </FocusedAlert>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}

      <form className="panel narrow customer-add" noValidate onSubmit={onAdd} aria-busy={add.isPending || undefined} aria-labelledby="brukere-legg-til-kunde">
        <Heading level={3} data-size="xs" id="brukere-legg-til-kunde">
          {t('brukere.customers.addHeading')}
        </Heading>
        <Paragraph>{t('brukere.customers.addIntro')}</Paragraph>
        <FormErrorSummary heading={t('minProfil.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
        <div className="customer-add__fields">
          <Textfield label={t('brukere.customers.customerNumber')} {...form.textfield('customerNumber')} inputMode="numeric" autoComplete="off" spellCheck={false} />
          <Textfield label={t('brukere.customers.pin')} {...form.textfield('pin')} inputMode="numeric" autoComplete="off" spellCheck={false} />
        </div>
        <Button type="submit" loading={add.isPending} aria-disabled={add.isPending || undefined}>
          {t('brukere.customers.add')}
        </Button>
      </form>
    </section>
  );
}
