import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';
import { useCompany } from '../api/get-company';

/**
 * "Vi tok i bruk systemet sommeren 2017. Det ligger derfor ikke noe historikk før dette."
 * The year comes from the company's systemStartDate; "sommeren" is only said when the date is in June–August.
 */
export function SystemStartNote() {
  const { t } = useTranslation();
  const company = useCompany();
  const start = company.data?.systemStartDate;
  if (!start) return null;

  const [year, month] = start.split('-').map(Number);
  const inSummer = month !== undefined && month >= 6 && month <= 8;
  const text = inSummer ? t('history.summer', { year }) : t('history.date', { date: formatDate(start) });
  return (
    <Paragraph data-size="sm" className="note">
      {text}
    </Paragraph>
  );
}
