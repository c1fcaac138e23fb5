/** Every address in the portal. Links and routes use these, never a written-out string. */
export const paths = {
  home: '/',
  login: '/logg-inn',
  register: '/registrer',
  // The addresses in e-mails: the server builds them from PUBLIC_URL with these paths.
  verifyEmail: '/bekreft-epost',
  forgotPassword: '/glemt-passord',
  resetPassword: '/nytt-passord',
  forgotCustomerNumber: '/glemt-kundenummer',
  changePassword: '/endre-passord',
  profile: '/min-profil',
  profilePersonalia: '/min-profil/personalia',
  profileUsers: '/min-profil/brukere',
  profileForms: '/min-profil/skjemaer',
  /** One form of «Skjemaer»: /min-profil/skjemaer/flyttemelding (see formPath). */
  profileForm: '/min-profil/skjemaer/:formId',
  /** The link in the e-mail to a new address for the customer (server: EMAIL_CONFIRM_PATH). */
  confirmEmailChange: '/min-profil/bekreft-epost',
  /** The link in an invitation e-mail (server: relations.service invitationLink). */
  invitation: '/invitasjon',
  meter: '/maler',
  meterReadings: '/maler/avlesning',
  meterConsumption: '/maler/forbruk',
  invoice: '/faktura',
  invoiceOverview: '/faktura/oversikt',
  /** One invoice or credit note: /faktura/oversikt/123 (see invoiceDetailPath). */
  invoiceDetail: '/faktura/oversikt/:invoiceId',
  invoiceTrialSettlement: '/faktura/proveavregning',
  invoiceEconomy: '/faktura/okonomioversikt',
  subscription: '/abonnement',
  /** Development only: the e-mails and SMS that would have been sent. */
  devOutbox: '/utvikler/utboks',
} as const;

/** The address of one invoice's page. */
export const invoiceDetailPath = (invoiceId: number): string => paths.invoiceDetail.replace(':invoiceId', String(invoiceId));

/** The address of one form's page. */
export const formPath = (formId: string): string => paths.profileForm.replace(':formId', encodeURIComponent(formId));

export type AppPath = (typeof paths)[keyof typeof paths];

/** Where to go after log-in: the page the user asked for, if it is a page in this portal. */
export const RETURN_TO_PARAM = 'neste';

export function loginPathWithReturnTo(returnTo: string): string {
  if (!returnTo || returnTo === paths.home || returnTo.startsWith(paths.login)) return paths.login;
  return `${paths.login}?${new URLSearchParams({ [RETURN_TO_PARAM]: returnTo }).toString()}`;
}

/** Only same-site paths are followed, so a crafted link cannot send the user elsewhere after log-in. */
export function safeReturnTo(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return paths.home;
  if (value.startsWith(paths.login)) return paths.home;
  return value;
}
