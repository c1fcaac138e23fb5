import { Alert, Card, Heading, Link, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { formPath } from '../../../app/paths';
import { useProfile } from '../api/profile-api';
import type { Address, Profile } from '../api/profile-types';
import { formatPhone, splitMasked } from '../lib/contact';
import { EmailChange } from './email-change';
import { MobileChange } from './mobile-change';
import { MyDataDownload } from './my-data-download';
import { useRefreshSessionOnForbidden } from './use-refresh-session';

const formatAddress = (address: Address) => `${address.street}, ${address.postalCode} ${address.city}`;

function RegisterFacts({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { customer } = profile;
  const masked = splitMasked(customer.nationalId);
  return (
    <dl className="facts">
      <div className="facts__row">
        <dt>{t('personalia.name')}</dt>
        <dd>{customer.name}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('personalia.customerNumber')}</dt>
        <dd className="facts__number">{customer.customerNumber}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('personalia.customerType')}</dt>
        <dd>{t(`personalia.customerTypes.${customer.type}`)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t(`personalia.nationalId.${customer.nationalIdKind}`)}</dt>
        <dd>
          {masked.hidden > 0 ? (
            <>
              <span aria-hidden="true">{customer.nationalId}</span>
              <span className="ds-sr-only">{t('personalia.nationalId.maskedSr', { shown: masked.shown.split('').join(' ') })}</span>
              <span className="facts__detail"> {t('personalia.nationalId.maskedNote')}</span>
            </>
          ) : (
            customer.nationalId
          )}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t('personalia.postalAddress')}</dt>
        <dd>{formatAddress(customer.postalAddress)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('personalia.billingAddress')}</dt>
        <dd>
          {customer.billingAddress ? formatAddress(customer.billingAddress) : t('personalia.sameAsPostal')}
          <span className="facts__action">
            <Link asChild data-size="sm">
              <RouterLink to={formPath('fakturaadresse')}>{t('personalia.changeBillingAddress')}</RouterLink>
            </Link>
          </span>
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t('personalia.invoiceDelivery')}</dt>
        <dd>
          {t(`personalia.invoiceDeliveries.${customer.invoiceDelivery}`)}
          <span className="facts__action">
            <Link asChild data-size="sm">
              <RouterLink to={formPath('fakturametode')}>{t('personalia.changeInvoiceDelivery')}</RouterLink>
            </Link>
          </span>
        </dd>
      </div>
    </dl>
  );
}

/**
 * «Personalia»: what the customer register holds, the e-mail address and mobile number the customer may change
 * (administrators; confirmed by a link or an SMS code), and «Last ned mine data».
 */
export function PersonaliaSection({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const profile = useProfile(customerId);
  useRefreshSessionOnForbidden(profile.error);

  return (
    <div className="stack stack--large">
      <section className="stack" aria-labelledby="personalia-register">
        <Heading level={2} data-size="sm" id="personalia-register">
          {t('personalia.registerHeading')}
        </Heading>
        <Paragraph className="lead">{t('personalia.intro')}</Paragraph>
        {profile.isPending && <Skeleton variant="rectangle" height="14rem" />}
        {profile.isError && (
          <Alert data-color="danger">
            <Paragraph>{t('minProfil.loadError')}</Paragraph>
          </Alert>
        )}
        {profile.data && (
          <Card className="narrow card-stack">
            <RegisterFacts profile={profile.data} />
          </Card>
        )}
      </section>

      {profile.data && (
        <section className="stack" aria-labelledby="personalia-contact">
          <Heading level={2} data-size="sm" id="personalia-contact">
            {t('personalia.contactHeading')}
          </Heading>
          <Paragraph className="lead">{t(profile.data.canEdit ? 'personalia.contactIntro' : 'personalia.contactIntroReadOnly')}</Paragraph>
          <div className="contact-cards">
            <Card className="card-stack contact-card">
              <Heading level={3} data-size="xs">
                {t('personalia.email.heading')}
              </Heading>
              <Paragraph className="contact-card__value">{profile.data.customer.email ?? t('personalia.notRegistered')}</Paragraph>
              <EmailChange customerId={customerId} profile={profile.data} />
            </Card>
            <Card className="card-stack contact-card">
              <Heading level={3} data-size="xs">
                {t('personalia.mobile.heading')}
              </Heading>
              <Paragraph className="contact-card__value">
                {profile.data.customer.mobile ? formatPhone(profile.data.customer.mobile) : t('personalia.notRegistered')}
              </Paragraph>
              <MobileChange customerId={customerId} profile={profile.data} />
            </Card>
          </div>
        </section>
      )}

      <MyDataDownload />
    </div>
  );
}
