/**
 * Message templates in Norwegian bokmål and English, signed with the company's name and contact details.
 * Plain text is the source; the HTML part is the same text, escaped, with links made clickable.
 */
import { formsTemplates, type FormsTemplateData } from './templates-forms.js';
import { profileTemplates, type ProfileTemplateData } from './templates-profile.js';
import { relationsTemplates, type RelationsTemplateData } from './templates-relations.js';

export type Locale = 'nb' | 'en';

export interface CompanyContact {
  name: string;
  phone: string;
  email: string;
}

export type TemplateData = CoreTemplateData | ProfileTemplateData | RelationsTemplateData | FormsTemplateData;

type CoreTemplateData =
  | { template: 'email_verification'; link: string; validHours: number }
  | { template: 'registration_existing_account'; customerNumber: string; linked: boolean; loginUrl: string }
  | { template: 'password_reset'; link: string; validMinutes: number }
  | { template: 'password_changed'; resetUrl: string }
  | {
      template: 'customer_credentials';
      customers: Array<{ customerNumber: string; name: string; pin: string; hasUser: boolean }>;
      registerUrl: string;
      loginUrl: string;
      resetUrl: string;
    };

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

type Renderer<T> = (data: T, company: CompanyContact) => { subject: string; lines: string[] };
/** A renderer per template of a union of template data. */
export type TemplateRenderers<D extends { template: string }> = { [K in D['template']]: Renderer<Extract<D, { template: K }>> };
type ByTemplate = TemplateRenderers<CoreTemplateData>;

const nb: ByTemplate = {
  email_verification: (d, c) => ({
    subject: `Bekreft e-postadressen din – ${c.name}`,
    lines: [
      'Hei!',
      '',
      'Du har opprettet en brukerkonto på Min side. Bekreft e-postadressen din ved å åpne lenken under:',
      d.link,
      '',
      `Lenken virker i ${d.validHours} timer. Har du ikke opprettet en bruker, kan du se bort fra denne e-posten.`,
    ],
  }),
  registration_existing_account: (d, c) => ({
    subject: `Registrering på Min side – ${c.name}`,
    lines: [
      'Hei!',
      '',
      d.linked
        ? `Kundenummer ${d.customerNumber} er nå knyttet til brukerkontoen din. Du finner det under «Bytt kunde» når du logger inn.`
        : `Noen forsøkte å registrere en ny bruker med denne e-postadressen, som allerede har en brukerkonto. Var det deg, logg inn med passordet ditt (eller bruk «Glemt passord?») og prøv igjen.`,
      d.loginUrl,
      '',
      'Var det ikke deg, kan du se bort fra denne e-posten.',
    ],
  }),
  password_reset: (d, c) => ({
    subject: `Nytt passord til Min side – ${c.name}`,
    lines: [
      'Hei!',
      '',
      'Vi har fått en forespørsel om nytt passord til brukerkontoen din. Velg et nytt passord her:',
      d.link,
      '',
      `Lenken virker i ${d.validMinutes === 60 ? 'én time' : `${d.validMinutes} minutter`} og kan brukes én gang. Har du ikke bedt om nytt passord, kan du se bort fra denne e-posten – passordet ditt er ikke endret.`,
    ],
  }),
  password_changed: (d, c) => ({
    subject: `Passordet ditt er endret – ${c.name}`,
    lines: [
      'Hei!',
      '',
      'Passordet til brukerkontoen din på Min side er nå endret, og du er logget ut alle andre steder.',
      `Var det ikke deg, velg nytt passord med en gang: ${d.resetUrl}`,
    ],
  }),
  customer_credentials: (d, c) => ({
    subject: `Kundenummer og PIN – ${c.name}`,
    lines: [
      'Hei!',
      '',
      'Her er kundenummer og ny PIN-kode for å registrere en bruker på Min side:',
      ...d.customers.map((x) => `Kundenummer ${x.customerNumber} (${x.name}): PIN ${x.pin}`),
      '',
      `Registrer deg her: ${d.registerUrl}`,
      'Eventuelle tidligere PIN-koder virker ikke lenger.',
      ...(d.customers.some((x) => x.hasUser)
        ? ['', `Det finnes allerede en bruker for ${d.customers.filter((x) => x.hasUser).map((x) => x.customerNumber).join(', ')}. Har du den, logg inn på ${d.loginUrl} – eller velg nytt passord på ${d.resetUrl}.`]
        : []),
    ],
  }),
};

const en: ByTemplate = {
  email_verification: (d, c) => ({
    subject: `Confirm your e-mail address – ${c.name}`,
    lines: [
      'Hello,',
      '',
      'You have created a user account on Min side. Confirm your e-mail address by opening this link:',
      d.link,
      '',
      `The link works for ${d.validHours} hours. If you did not create an account, you can ignore this e-mail.`,
    ],
  }),
  registration_existing_account: (d, c) => ({
    subject: `Registration on Min side – ${c.name}`,
    lines: [
      'Hello,',
      '',
      d.linked
        ? `Customer number ${d.customerNumber} is now linked to your user account. Choose it under "Switch customer" after logging in.`
        : 'Someone tried to register a new user with this e-mail address, which already has an account. If it was you, log in with your password (or use "Forgot password?") and try again.',
      d.loginUrl,
      '',
      'If it was not you, you can ignore this e-mail.',
    ],
  }),
  password_reset: (d, c) => ({
    subject: `New password for Min side – ${c.name}`,
    lines: [
      'Hello,',
      '',
      'We received a request for a new password for your user account. Choose a new password here:',
      d.link,
      '',
      `The link works for ${d.validMinutes === 60 ? 'one hour' : `${d.validMinutes} minutes`} and only once. If you did not ask for a new password, ignore this e-mail – your password has not changed.`,
    ],
  }),
  password_changed: (d, c) => ({
    subject: `Your password has been changed – ${c.name}`,
    lines: [
      'Hello,',
      '',
      'The password of your Min side account has been changed, and you have been logged out everywhere else.',
      `If this was not you, choose a new password at once: ${d.resetUrl}`,
    ],
  }),
  customer_credentials: (d, c) => ({
    subject: `Customer number and PIN – ${c.name}`,
    lines: [
      'Hello,',
      '',
      'Here are your customer number and a new PIN for registering a user on Min side:',
      ...d.customers.map((x) => `Customer number ${x.customerNumber} (${x.name}): PIN ${x.pin}`),
      '',
      `Register here: ${d.registerUrl}`,
      'Any earlier PIN no longer works.',
      ...(d.customers.some((x) => x.hasUser)
        ? ['', `A user already exists for ${d.customers.filter((x) => x.hasUser).map((x) => x.customerNumber).join(', ')}. If it is yours, log in at ${d.loginUrl} – or choose a new password at ${d.resetUrl}.`]
        : []),
    ],
  }),
};

function signature(locale: Locale, company: CompanyContact): string[] {
  return locale === 'nb'
    ? ['', 'Vennlig hilsen', company.name, `Kundeservice: ${company.phone} · ${company.email}`]
    : ['', 'Kind regards', company.name, `Customer service: ${company.phone} · ${company.email}`];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const renderers = {
  nb: { ...nb, ...profileTemplates.nb, ...relationsTemplates.nb, ...formsTemplates.nb },
  en: { ...en, ...profileTemplates.en, ...relationsTemplates.en, ...formsTemplates.en },
} satisfies Record<Locale, TemplateRenderers<TemplateData>>;

export function renderMessage(data: TemplateData, locale: Locale, company: CompanyContact): RenderedMessage {
  const renderer = renderers[locale][data.template] as Renderer<TemplateData>;
  const { subject, lines } = renderer(data, company);
  const all = [...lines, ...signature(locale, company)];
  const text = all.join('\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">${all
    .map((line) => (line === '' ? '<br>' : `<p style="margin:0">${escapeHtml(line).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`))
    .join('')}</body></html>`;
  return { subject, text, html };
}

/** SMS: the text only, no HTML, the company's name first so the recipient knows who writes. */
export function renderSms(data: TemplateData, locale: Locale, company: CompanyContact): string {
  if (data.template === 'customer_credentials') {
    const list = data.customers.map((x) => `${locale === 'nb' ? 'Kundenr' : 'Customer no.'} ${x.customerNumber}: PIN ${x.pin}`).join('\n');
    return locale === 'nb'
      ? `${company.name}: ${list}\nRegistrer deg på ${data.registerUrl}\nTidligere PIN virker ikke lenger.`
      : `${company.name}: ${list}\nRegister at ${data.registerUrl}\nAny earlier PIN no longer works.`;
  }
  return renderMessage(data, locale, company).text;
}
