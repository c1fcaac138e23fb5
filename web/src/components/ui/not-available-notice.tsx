import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** Says plainly that a part of the portal is not built yet, instead of showing made-up content. */
export function NotAvailableNotice({ headingLevel = 2 }: { headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  return (
    <Alert data-color="info" className="not-available">
      <Heading level={headingLevel} data-size="xs">
        {t('notAvailable.heading')}
      </Heading>
      <Paragraph>{t('notAvailable.text')}</Paragraph>
    </Alert>
  );
}
