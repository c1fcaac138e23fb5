import type { TemplateRenderers } from './templates.js';

/**
 * The profile part's messages (issue 6, «Personalia»), in Norwegian bokmål and English. templates.ts joins them with
 * the others. See docs/decisions/014-profile-changes.md.
 */
export type ProfileTemplateData =
  /** To the NEW address: the single-use link that applies the change. */
  | { template: 'profile_email_confirm'; link: string; validHours: number; customerNumber: string }
  /** To the OLD address: a change was requested (the new address partly masked), and whom to call if it was not them. */
  | { template: 'profile_email_change_notice'; customerNumber: string; newEmailMasked: string; validHours: number }
  /** By SMS to the NEW number: the one-time code. Short, the code first. */
  | { template: 'profile_mobile_code'; code: string; validMinutes: number };

type Renderers = TemplateRenderers<ProfileTemplateData>;

const nb: Renderers = {
  profile_email_confirm: (d, c) => ({
    subject: `Bekreft ny e-postadresse – ${c.name}`,
    lines: [
      'Hei!',
      '',
      `Det er bedt om å bruke denne e-postadressen for kundenummer ${d.customerNumber} hos ${c.name}. Bekreft ved å åpne lenken under:`,
      d.link,
      '',
      `Lenken virker i ${d.validHours} timer og kan brukes én gang. Har du ikke bedt om dette, kan du se bort fra e-posten – ingenting blir endret.`,
    ],
  }),
  profile_email_change_notice: (d, c) => ({
    subject: `Endring av e-postadresse – ${c.name}`,
    lines: [
      'Hei!',
      '',
      `Det er bedt om å endre e-postadressen for kundenummer ${d.customerNumber} fra denne adressen til ${d.newEmailMasked}.`,
      `Endringen skjer først når den nye adressen er bekreftet med lenken vi har sendt dit (innen ${d.validHours} timer).`,
      '',
      `Var det ikke deg eller noen du kjenner, kontakt kundeservice på ${c.phone} eller ${c.email}.`,
    ],
  }),
  profile_mobile_code: (d, c) => ({
    subject: `Kode for nytt mobilnummer – ${c.name}`,
    lines: [
      `${c.name}: Koden for å bekrefte nytt mobilnummer på Min side er ${d.code}. Den virker i ${d.validMinutes} minutter.`,
      'Har du ikke bedt om den, kan du se bort fra meldingen.',
    ],
  }),
};

const en: Renderers = {
  profile_email_confirm: (d, c) => ({
    subject: `Confirm your new e-mail address – ${c.name}`,
    lines: [
      'Hello,',
      '',
      `Someone asked to use this e-mail address for customer number ${d.customerNumber} at ${c.name}. Confirm by opening this link:`,
      d.link,
      '',
      `The link works for ${d.validHours} hours and only once. If you did not ask for this, ignore this e-mail – nothing will change.`,
    ],
  }),
  profile_email_change_notice: (d, c) => ({
    subject: `Change of e-mail address – ${c.name}`,
    lines: [
      'Hello,',
      '',
      `Someone asked to change the e-mail address of customer number ${d.customerNumber} from this address to ${d.newEmailMasked}.`,
      `The change happens only when the new address has been confirmed with the link we sent there (within ${d.validHours} hours).`,
      '',
      `If it was not you or someone you know, contact customer service at ${c.phone} or ${c.email}.`,
    ],
  }),
  profile_mobile_code: (d, c) => ({
    subject: `Code for your new mobile number – ${c.name}`,
    lines: [
      `${c.name}: Your code to confirm a new mobile number on Min side is ${d.code}. It works for ${d.validMinutes} minutes.`,
      'If you did not ask for it, ignore this message.',
    ],
  }),
};

export const profileTemplates: { nb: Renderers; en: Renderers } = { nb, en };
