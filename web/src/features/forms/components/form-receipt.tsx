import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatDateTime, formatKwh } from '../../../lib/format';
import type { FormReceipt } from '../api/form-types';

/** The receipt after a form is sent: the reference number first, what was sent, readings registered, what happens next. */
export function FormReceiptView({ receipt, onNew }: { receipt: FormReceipt; onNew: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <FocusedAlert data-color="success" className="form-receipt">
      <Heading level={2} data-size="xs">
        {t('skjema.receipt.heading', { title: receipt.title[language] })}
      </Heading>
      <div className="form-receipt__body">
        <Paragraph>{t('skjema.receipt.text')}</Paragraph>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('skjema.receipt.reference')}</dt>
            <dd className="facts__number">{receipt.reference}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('skjema.receipt.submittedAt')}</dt>
            <dd>{formatDateTime(receipt.submittedAt, language)}</dd>
          </div>
          {receipt.summary.map((line) => (
            <div className="facts__row" key={line.field}>
              <dt>{line.label[language]}</dt>
              <dd className="form-receipt__value">{line.value[language]}</dd>
            </div>
          ))}
        </dl>
        {receipt.readings.length > 0 && (
          <div>
            <Heading level={3} data-size="2xs">
              {t('skjema.receipt.readingsHeading')}
            </Heading>
            <ul className="form-receipt__list">
              {receipt.readings.map((reading) => (
                <li key={reading.reference}>
                  {t('skjema.receipt.reading', {
                    meterNumber: reading.meterNumber,
                    date: formatDate(reading.readOn),
                    energy: formatKwh(reading.energyKwh),
                    reference: reading.reference,
                  })}
                </li>
              ))}
            </ul>
          </div>
        )}
        {receipt.notes.length > 0 && (
          <div>
            <Heading level={3} data-size="2xs">
              {t('skjema.receipt.notesHeading')}
            </Heading>
            <ul className="form-receipt__list">
              {receipt.notes.map((note) => (
                <li key={note.nb}>{note[language]}</li>
              ))}
            </ul>
          </div>
        )}
        {receipt.confirmationSentTo && <Paragraph>{t('skjema.receipt.confirmation', { email: receipt.confirmationSentTo })}</Paragraph>}
        <div className="button-row">
          <Button asChild variant="primary">
            <RouterLink to={`${paths.profileForms}#innsendte-skjemaer`}>{t('skjema.receipt.toList')}</RouterLink>
          </Button>
          <Button variant="secondary" onClick={onNew}>
            {t('skjema.receipt.new')}
          </Button>
        </div>
      </div>
    </FocusedAlert>
  );
}
