import { Button, Fieldset, Heading, Link, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { serverMessage } from '../../../lib/server-message';
import { useForgotCustomerNumber, type CredentialsChannel } from '../api/forgot-customer-number';
import { requestErrorMessage } from './account-errors';
import { validateCredentialsRequest } from './account-validation';
import { useAccountForm } from './use-account-form';

const channels: ReadonlyArray<{
  value: CredentialsChannel;
  label: 'forgotCustomerNumber.channelEmail' | 'forgotCustomerNumber.channelSms';
}> = [
  { value: 'email', label: 'forgotCustomerNumber.channelEmail' },
  { value: 'sms', label: 'forgotCustomerNumber.channelSms' },
];

/**
 * «Glemt Kundenummer/PIN»: E-post, Mobilnummer, Kundenummer (valgfritt) and how to get the answer. Only the chosen
 * channel's field has to be filled in. The answer is always the same neutral message.
 */
export function ForgotCustomerNumberForm() {
  const { t, i18n } = useTranslation();
  const request = useForgotCustomerNumber();
  const form = useAccountForm(
    'forgot-customer-number',
    { email: '', mobile: '', customerNumber: '', channel: 'email' },
    validateCredentialsRequest,
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending || !form.submit()) return;
    const { email, mobile, customerNumber, channel } = form.values;
    request.mutate({
      channel: channel as CredentialsChannel,
      email: email.trim(),
      mobile: mobile.trim(),
      customerNumber: customerNumber.trim(),
    });
  }

  if (request.isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Heading level={2} data-size="xs">
          {t('forgotCustomerNumber.sentHeading')}
        </Heading>
        <Paragraph>{serverMessage(i18n.resolvedLanguage, request.data.message, t('forgotCustomerNumber.sent'))}</Paragraph>
        <Paragraph>{t('forgotCustomerNumber.newPinNote')}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={paths.register}>{t('forgotCustomerNumber.toRegister')}</RouterLink>
          </Link>
        </Paragraph>
      </FocusedAlert>
    );
  }

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-busy={request.isPending || undefined}>
      {request.isError && (
        <FocusedAlert key={form.attempt} data-color="danger">
          <Heading level={2} data-size="2xs">
            {t('account.errors.heading')}
          </Heading>
          <Paragraph>{requestErrorMessage(request.error, t)}</Paragraph>
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('account.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
      <Textfield
        label={t('forgotCustomerNumber.email')}
        {...form.textfield('email')}
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
      />
      <Textfield label={t('forgotCustomerNumber.mobile')} {...form.textfield('mobile')} type="tel" inputMode="tel" autoComplete="tel" />
      <Textfield
        label={t('forgotCustomerNumber.customerNumber')}
        {...form.textfield('customerNumber')}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
      />
      <Fieldset>
        <Fieldset.Legend>{t('forgotCustomerNumber.channelLegend')}</Fieldset.Legend>
        {channels.map((channel, index) => (
          <Radio
            key={channel.value}
            // The first choice carries the group's id, so a link in the error summary could lead here.
            id={index === 0 ? form.fieldId('channel') : undefined}
            name="channel"
            value={channel.value}
            label={t(channel.label)}
            checked={form.values.channel === channel.value}
            onChange={() => form.setValue('channel', channel.value)}
          />
        ))}
      </Fieldset>
      <Button type="submit" className="account-form__submit" loading={request.isPending} aria-disabled={request.isPending || undefined}>
        {t('forgotCustomerNumber.submit')}
      </Button>
    </form>
  );
}
