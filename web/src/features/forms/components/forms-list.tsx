import { Alert, Card, Heading, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { formPath } from '../../../app/paths';
import { ArrowRightIcon } from '../../../components/ui/icons';
import { currentLanguage } from '../../../i18n';
import { useForms } from '../api/forms-api';

/** The forms the customer can send, each a link to its own page; the list comes from the server's definitions. */
export function FormsList({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const forms = useForms(customerId);
  return (
    <section className="stack" aria-labelledby="skjemaer-liste">
      <Heading level={2} data-size="sm" id="skjemaer-liste">
        {t('skjema.list.heading')}
      </Heading>
      {forms.isPending && <Skeleton variant="rectangle" height="8rem" />}
      {forms.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('skjema.list.loadError')}</Paragraph>
        </Alert>
      )}
      {forms.data && (
        <ul className="shortcut-grid form-grid">
          {forms.data.forms.map((form) => (
            <li key={form.id}>
              <Card asChild className="shortcut" data-color="accent">
                <RouterLink to={formPath(form.id)}>
                  <Heading level={3} data-size="xs" className="shortcut__heading">
                    {form.title[language]}
                    <ArrowRightIcon />
                  </Heading>
                  <Paragraph data-size="sm">{form.description[language]}</Paragraph>
                </RouterLink>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
