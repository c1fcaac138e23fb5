import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { CustomerOverview } from '../api/get-overview';
import { MeterFacts } from './meter-facts';

/** The customer's delivery points (anlegg) with their meters and the latest reading of each. */
export function DeliveryPointList({ overview, headingLevel = 3 }: { overview: CustomerOverview; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  if (overview.deliveryPoints.length === 0) return <Paragraph>{t('customer.noDeliveryPoints')}</Paragraph>;

  const meterHeadingLevel = (headingLevel + 1) as 3 | 4;
  return (
    <ul className="card-list">
      {overview.deliveryPoints.map((point) => (
        <li key={point.id}>
          <Card className="delivery-point">
            <Card.Block className="card-block-stack">
              <Heading level={headingLevel} data-size="xs">
                {t('customer.address', point.address)}
              </Heading>
              <Paragraph data-size="sm" className="muted">
                {t('customer.deliveryPoint', { pointNumber: point.pointNumber })}
              </Paragraph>
            </Card.Block>
            {point.meters.length === 0 ? (
              <Card.Block>
                <Paragraph data-size="sm">{t('customer.noMeters')}</Paragraph>
              </Card.Block>
            ) : (
              point.meters.map((meter) => (
                <Card.Block key={meter.id} className="card-block-stack">
                  <Heading level={meterHeadingLevel} data-size="2xs" className="meter-heading">
                    {t('customer.meterHeading', { meterNumber: meter.meterNumber })}
                    {meter.removedOn && (
                      <Tag data-color="neutral" data-size="sm">
                        {t('customer.removed')}
                      </Tag>
                    )}
                  </Heading>
                  <MeterFacts meter={meter} showMeterNumber={false} />
                </Card.Block>
              ))
            )}
          </Card>
        </li>
      ))}
    </ul>
  );
}
