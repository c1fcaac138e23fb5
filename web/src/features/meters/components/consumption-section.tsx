import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { NotAvailableNotice } from '../../../components/ui/not-available-notice';

export function ConsumptionSection() {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="meter-consumption">
      <Heading level={2} data-size="sm" id="meter-consumption">
        {t('meter.consumption.heading')}
      </Heading>
      <Paragraph>{t('meter.consumption.text')}</Paragraph>
      <NotAvailableNotice headingLevel={3} />
    </section>
  );
}
