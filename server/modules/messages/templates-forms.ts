import type { TemplateRenderers } from './templates.js';

/**
 * The forms part's messages (issue 6), in Norwegian bokmål and English. Add a member to the union and a renderer
 * to both objects; templates.ts joins them with the others.
 *
 * The form's lines (label: value), readings and notes arrive already in the message's language (forms.service.ts
 * renders them from the form's definition); these templates frame them.
 */
interface SubmittedForm {
  reference: string;
  formTitle: string;
  /** local time, e.g. 27.11.2026 kl. 14:05 */
  submittedAt: string;
  lines: Array<{ label: string; value: string }>;
  /** readings registered by the form, one line each */
  readings: string[];
  notes: string[];
}

export type FormsTemplateData =
  /** to the user who sent the form: the receipt */
  | ({ template: 'form_receipt'; listUrl: string } & SubmittedForm)
  /** to the company's customer-service address: the submission to process */
  | ({ template: 'form_customer_service'; formId: string; customerNumber: string; customerName: string; userEmail: string | null; userName: string | null } & SubmittedForm);

const valueLines = (lines: SubmittedForm['lines']) => lines.map((line) => `${line.label}: ${line.value}`);

export const formsTemplates: { nb: TemplateRenderers<FormsTemplateData>; en: TemplateRenderers<FormsTemplateData> } = {
  nb: {
    form_receipt: (d, c) => ({
      subject: `Vi har mottatt skjemaet ditt: ${d.formTitle} (${d.reference}) – ${c.name}`,
      lines: [
        'Hei!',
        '',
        `Takk! Vi har mottatt skjemaet «${d.formTitle}» ${d.submittedAt}.`,
        `Referansenummer: ${d.reference}. Oppgi det hvis du kontakter oss om saken.`,
        '',
        ...valueLines(d.lines),
        ...(d.readings.length > 0 ? ['', 'Registrerte målerstander:', ...d.readings] : []),
        ...(d.notes.length > 0 ? ['', ...d.notes] : []),
        '',
        `Du kan følge saken under Min profil → Skjemaer: ${d.listUrl}`,
        'Har du ikke sendt dette skjemaet, ta kontakt med oss.',
      ],
    }),
    form_customer_service: (d) => ({
      subject: `Skjema: ${d.formTitle} – ${d.reference} – kunde ${d.customerNumber}`,
      lines: [
        `Nytt skjema fra Min side: ${d.formTitle} (${d.formId})`,
        `Referansenummer: ${d.reference}`,
        `Mottatt: ${d.submittedAt}`,
        `Kunde: ${d.customerNumber} ${d.customerName}`,
        `Sendt av: ${[d.userName, d.userEmail].filter(Boolean).join(', ') || 'ukjent bruker'}`,
        '',
        ...valueLines(d.lines),
        ...(d.readings.length > 0 ? ['', 'Målerstander registrert som kundeavlesning:', ...d.readings] : []),
        ...(d.notes.length > 0 ? ['', 'Kunden fikk beskjed om:', ...d.notes] : []),
        '',
        'Sett status «under behandling» og «behandlet» når saken er tatt hånd om.',
      ],
    }),
  },
  en: {
    form_receipt: (d, c) => ({
      subject: `We have received your form: ${d.formTitle} (${d.reference}) – ${c.name}`,
      lines: [
        'Hello,',
        '',
        `Thank you! We received the form "${d.formTitle}" on ${d.submittedAt}.`,
        `Reference number: ${d.reference}. Please quote it if you contact us about this.`,
        '',
        ...valueLines(d.lines),
        ...(d.readings.length > 0 ? ['', 'Meter readings registered:', ...d.readings] : []),
        ...(d.notes.length > 0 ? ['', ...d.notes] : []),
        '',
        `You can follow it under My profile → Forms: ${d.listUrl}`,
        'If you did not send this form, please contact us.',
      ],
    }),
    form_customer_service: (d) => ({
      subject: `Form: ${d.formTitle} – ${d.reference} – customer ${d.customerNumber}`,
      lines: [
        `New form from Min side: ${d.formTitle} (${d.formId})`,
        `Reference number: ${d.reference}`,
        `Received: ${d.submittedAt}`,
        `Customer: ${d.customerNumber} ${d.customerName}`,
        `Sent by: ${[d.userName, d.userEmail].filter(Boolean).join(', ') || 'unknown user'}`,
        '',
        ...valueLines(d.lines),
        ...(d.readings.length > 0 ? ['', 'Meter readings registered as customer readings:', ...d.readings] : []),
        ...(d.notes.length > 0 ? ['', 'The customer was told:', ...d.notes] : []),
        '',
        'Set the status to "under behandling" and "behandlet" once it has been handled.',
      ],
    }),
  },
};
