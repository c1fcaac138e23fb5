import 'i18next';
import type nb from './nb.json';
import type nbProfile from './nb.profile.json';

// Typed keys: `t('login.heading')` is checked against the Norwegian texts at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nb & typeof nbProfile };
  }
}
