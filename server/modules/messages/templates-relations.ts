import type { TemplateRenderers } from './templates.js';

/**
 * The relations part's messages (issue 6: «Brukerkontoer og kunderelasjoner»), in Norwegian bokmål and English.
 * templates.ts joins them with the others.
 */
export type RelationsTemplateData =
  | {
      template: 'customer_invitation';
      /** the inviting administrator's name, or their e-mail when no name is registered */
      inviter: string;
      customerName: string;
      customerNumber: string;
      role: 'admin' | 'user';
      link: string;
      validDays: number;
      /** last day the link works, YYYY-MM-DD in Europe/Oslo */
      expiresOn: string;
    }
  | { template: 'customer_access_removed'; customerName: string; customerNumber: string; loginUrl: string }
  | { template: 'customer_linked_by_pin'; customerName: string; customerNumber: string; loginUrl: string };

const norwegianDate = (isoDate: string) => {
  const [year, month, day] = isoDate.split('-');
  return `${Number(day)}.${month}.${year}`;
};

const nb: TemplateRenderers<RelationsTemplateData> = {
  customer_invitation: (d, c) => ({
    subject: `Invitasjon til Min side – ${c.name}`,
    lines: [
      'Hei!',
      '',
      `${d.inviter} har invitert deg til Min side for ${d.customerName} (kundenummer ${d.customerNumber}) hos ${c.name}, ` +
        (d.role === 'admin' ? 'som administrator: du kan se alt og legge til og fjerne brukere.' : 'som bruker: du kan se kundeforholdet.'),
      '',
      'Godta invitasjonen her. Har du allerede en bruker med denne e-postadressen, logger du inn; ellers lager du en bruker med et passord:',
      d.link,
      '',
      `Lenken virker i ${d.validDays} dager (til og med ${norwegianDate(d.expiresOn)}), én gang, og bare for denne e-postadressen.`,
      'Kjenner du ikke til dette, kan du se bort fra e-posten.',
    ],
  }),
  customer_access_removed: (d, c) => ({
    subject: `Tilgangen din er fjernet – ${c.name}`,
    lines: [
      'Hei!',
      '',
      `Brukerkontoen din har ikke lenger tilgang til Min side for ${d.customerName} (kundenummer ${d.customerNumber}).`,
      `Eventuelle andre kundeforhold på brukerkontoen din er som før: ${d.loginUrl}`,
      '',
      'Mener du at dette er feil, ta kontakt med en administrator for kunden eller med kundeservice.',
    ],
  }),
  customer_linked_by_pin: (d, c) => ({
    subject: `Nytt kundeforhold på brukerkontoen din – ${c.name}`,
    lines: [
      'Hei!',
      '',
      `${d.customerName} (kundenummer ${d.customerNumber}) er nå knyttet til brukerkontoen din med kundenummer og PIN. Du finner kunden under «Bytt kunde»: ${d.loginUrl}`,
      '',
      'Var det ikke deg, bytt passord med en gang og ta kontakt med kundeservice.',
    ],
  }),
};

const en: TemplateRenderers<RelationsTemplateData> = {
  customer_invitation: (d, c) => ({
    subject: `Invitation to Min side – ${c.name}`,
    lines: [
      'Hello,',
      '',
      `${d.inviter} has invited you to Min side for ${d.customerName} (customer number ${d.customerNumber}) at ${c.name}, ` +
        (d.role === 'admin' ? 'as an administrator: you can see everything and add and remove users.' : 'as a user: you can see the customer account.'),
      '',
      'Accept the invitation here. If you already have a user with this e-mail address, log in; otherwise create a user with a password:',
      d.link,
      '',
      `The link works for ${d.validDays} days (until ${d.expiresOn} inclusive), once, and only for this e-mail address.`,
      'If you do not know about this, you can ignore this e-mail.',
    ],
  }),
  customer_access_removed: (d, c) => ({
    subject: `Your access has been removed – ${c.name}`,
    lines: [
      'Hello,',
      '',
      `Your user account no longer has access to Min side for ${d.customerName} (customer number ${d.customerNumber}).`,
      `Any other customer accounts on your user are unchanged: ${d.loginUrl}`,
      '',
      'If you think this is a mistake, contact an administrator of the customer or customer service.',
    ],
  }),
  customer_linked_by_pin: (d, c) => ({
    subject: `New customer account on your user – ${c.name}`,
    lines: [
      'Hello,',
      '',
      `${d.customerName} (customer number ${d.customerNumber}) is now linked to your user account with customer number and PIN. Choose it under "Switch customer": ${d.loginUrl}`,
      '',
      'If this was not you, change your password at once and contact customer service.',
    ],
  }),
};

export const relationsTemplates: { nb: TemplateRenderers<RelationsTemplateData>; en: TemplateRenderers<RelationsTemplateData> } = { nb, en };
