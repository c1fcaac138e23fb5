import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus } from '../api/invoice-types';
import { statusColor } from '../lib/invoice-format';

/** The invoice's status as a tag: the word says it, the colour only repeats it. */
export function StatusTag({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={statusColor(status)} data-size="sm" className="invoice-status">
      {t(`invoice.status.${status}`)}
    </Tag>
  );
}
