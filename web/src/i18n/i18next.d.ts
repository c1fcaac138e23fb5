import 'i18next';
import type { resources } from './index';

// Typed keys: `t('login.heading')` is checked against the Norwegian texts at compile time (nb.json and
// nb.profile.json merged, as index.ts merges them).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: (typeof resources)['nb']['translation'] };
  }
}
