import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/ui/loading';
import { useDevOutbox } from '../api/get-outbox';
import { OutboxMessageCard } from './outbox-message-card';

/** The messages, newest first, refreshed every two seconds and on «Oppdater». */
export function OutboxList() {
  const { t } = useTranslation();
  const outbox = useDevOutbox();
  const [announcement, setAnnouncement] = useState('');

  if (outbox.isPending) return <Loading label={t('devOutbox.loading')} />;
  if (outbox.data === null) {
    return (
      <Alert data-color="info">
        <Paragraph>{t('devOutbox.off')}</Paragraph>
      </Alert>
    );
  }

  const refresh = () => {
    setAnnouncement('');
    void outbox.refetch().then((result) => setAnnouncement(result.isError ? t('devOutbox.loadError') : t('devOutbox.refreshed')));
  };

  return (
    <div className="stack">
      <div className="outbox-toolbar">
        <Paragraph data-size="sm" className="muted">
          {t('devOutbox.polling')}
        </Paragraph>
        <Button variant="secondary" data-size="sm" onClick={refresh}>
          {t('devOutbox.refresh')}
        </Button>
        <span className="ds-sr-only" role="status">
          {announcement}
        </span>
      </div>
      {outbox.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('devOutbox.loadError')}</Paragraph>
        </Alert>
      )}
      {outbox.data?.length === 0 && <Paragraph>{t('devOutbox.empty')}</Paragraph>}
      {outbox.data && outbox.data.length > 0 && (
        <ul className="outbox-list" aria-label={t('devOutbox.listLabel')}>
          {outbox.data.map((message) => (
            <li key={message.id}>
              <OutboxMessageCard message={message} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
