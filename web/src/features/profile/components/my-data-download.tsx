import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { MY_DATA_PATH } from '../api/profile-api';

/**
 * «Last ned mine data» (GDPR art. 15 and 20): a plain download link – the server sends the file as an attachment,
 * so it works without script and the browser shows its own download.
 */
export function MyDataDownload() {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="personalia-my-data">
      <Heading level={2} data-size="sm" id="personalia-my-data">
        {t('personalia.myData.heading')}
      </Heading>
      <Card className="narrow card-stack">
        <Paragraph>{t('personalia.myData.text')}</Paragraph>
        <Paragraph data-size="sm" className="muted">
          {t('personalia.myData.note')}
        </Paragraph>
        <Paragraph>
          <Link href={MY_DATA_PATH} download className="download-link">
            {t('personalia.myData.link')}
          </Link>
        </Paragraph>
      </Card>
    </section>
  );
}
