import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { NotAvailableNotice } from '../../components/ui/not-available-notice';
import { PageHeading } from '../../components/ui/page-heading';

const boxes = ['personalia', 'accounts', 'forms'] as const;

/** /min-profil – the three boxes the guide describes; their content comes in a later version. */
export function ProfileRoute() {
  const { t } = useTranslation();
  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading>{t('profile.heading')}</PageHeading>
        <Paragraph className="lead">{t('profile.intro')}</Paragraph>
        <NotAvailableNotice />
      </div>
      <ul className="box-grid">
        {boxes.map((box) => (
          <li key={box}>
            <Card className="box">
              <Heading level={2} data-size="xs">
                {t(`profile.${box}.heading`)}
              </Heading>
              <Paragraph data-size="sm">{t(`profile.${box}.text`)}</Paragraph>
              <Tag data-color="neutral" data-size="sm" className="box__tag">
                {t('notAvailable.tag')}
              </Tag>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
