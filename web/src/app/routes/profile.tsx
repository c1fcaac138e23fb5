import { Alert, Button, Card, Heading, Link, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Outlet, Link as RouterLink, useLocation, useParams } from 'react-router';
import { ArrowRightIcon } from '../../components/ui/icons';
import { PageHeading, useDocumentTitle } from '../../components/ui/page-heading';
import { SubNav } from '../../components/ui/sub-nav';
import { useForms } from '../../features/forms/api/forms-api';
import { FormsList } from '../../features/forms/components/forms-list';
import { GenericForm } from '../../features/forms/components/generic-form';
import { SubmissionsList } from '../../features/forms/components/submissions-list';
import '../../features/forms/forms.css';
import { PersonaliaSection } from '../../features/profile/components/personalia-section';
import { useRefreshSessionOnForbidden } from '../../features/profile/components/use-refresh-session';
import { UsersSection } from '../../features/profile/components/users-section';
import '../../features/profile/profile.css';
import { useRequiredSession } from '../../features/session/api/get-session';
import { currentLanguage } from '../../i18n';
import { paths } from '../paths';

const boxes = [
  { key: 'personalia', to: paths.profilePersonalia },
  { key: 'brukere', to: paths.profileUsers },
  { key: 'skjemaer', to: paths.profileForms },
] as const;

/**
 * /min-profil and its sub-pages. The guide's three boxes – Personalia, Brukerkontoer og kunderelasjoner, Skjemaer –
 * are the start page; each has its own address, with the choices as a sub-menu on the sub-pages.
 */
export function ProfileLayoutRoute() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const onStart = pathname.replace(/\/+$/, '') === paths.profile;
  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading documentTitle={onStart ? t('minProfil.title') : undefined}>{t('minProfil.heading')}</PageHeading>
        <Paragraph className="lead">{t('minProfil.intro')}</Paragraph>
      </div>
      <div className="stack">
        {!onStart && <SubNav label={t('minProfil.subNavLabel')} items={boxes.map((box) => ({ to: box.to, label: t(`minProfil.boxes.${box.key}.heading`) }))} />}
        <Outlet />
      </div>
    </div>
  );
}

/** /min-profil – the three boxes, as the guide describes them. */
export function ProfileStartRoute() {
  const { t } = useTranslation();
  return (
    <ul className="box-grid profile-boxes">
      {boxes.map((box) => (
        <li key={box.key}>
          <Card asChild className="shortcut profile-box" data-color="accent">
            <RouterLink to={box.to}>
              <Heading level={2} data-size="xs" className="shortcut__heading">
                {t(`minProfil.boxes.${box.key}.heading`)}
                <ArrowRightIcon />
              </Heading>
              <Paragraph data-size="sm">{t(`minProfil.boxes.${box.key}.text`)}</Paragraph>
            </RouterLink>
          </Card>
        </li>
      ))}
    </ul>
  );
}

function useSubPageTitle(page: string) {
  const { t } = useTranslation();
  // The h1 stays "Min profil"; the tab title tells which sub-page is open.
  useDocumentTitle(`${page} – ${t('minProfil.title')}`);
}

export function ProfilePersonaliaRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  useSubPageTitle(t('minProfil.boxes.personalia.heading'));
  return <PersonaliaSection customerId={customer.id} />;
}

export function ProfileUsersRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  useSubPageTitle(t('minProfil.boxes.brukere.heading'));
  return <UsersSection customerId={customer.id} />;
}

export function ProfileFormsRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  useSubPageTitle(t('minProfil.boxes.skjemaer.heading'));
  return (
    <div className="stack stack--large">
      <FormsList customerId={customer.id} />
      <SubmissionsList customerId={customer.id} />
    </div>
  );
}

/** /min-profil/skjemaer/:formId – any form, drawn from its definition. */
export function ProfileFormRoute() {
  const { t } = useTranslation();
  const { formId } = useParams();
  const { customer } = useRequiredSession();
  const forms = useForms(customer.id);
  useRefreshSessionOnForbidden(forms.error);
  const definition = forms.data?.forms.find((form) => form.id === formId);
  useSubPageTitle(definition ? definition.title[currentLanguage()] : t('minProfil.boxes.skjemaer.heading'));

  return (
    <div className="stack">
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={paths.profileForms}>{t('skjema.backToList')}</RouterLink>
        </Link>
      </Paragraph>
      {forms.isPending && <Skeleton variant="rectangle" height="20rem" />}
      {forms.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('skjema.list.loadError')}</Paragraph>
        </Alert>
      )}
      {forms.data && !definition && (
        <Alert data-color="warning">
          <Heading level={2} data-size="xs">
            {t('skjema.notFound.heading')}
          </Heading>
          <Paragraph>{t('skjema.notFound.text')}</Paragraph>
          <Button asChild variant="secondary">
            <RouterLink to={paths.profileForms}>{t('skjema.backToList')}</RouterLink>
          </Button>
        </Alert>
      )}
      {definition && <GenericForm key={definition.id} customerId={customer.id} definition={definition} />}
    </div>
  );
}
