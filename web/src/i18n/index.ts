import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import nb from './nb.json';
import nbProfile from './nb.profile.json';

/** Norwegian bokmål first and by default; English second. */
export const languages = ['nb', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'kundeweb.language';

// Min profil and Abonnement (issue 6) keep their texts in files of their own, merged at the top level.
// Only the Norwegian texts are in the first download; the English ones (~15 KB gzip) are fetched when chosen.
export const resources = {
  nb: { translation: { ...nb, ...nbProfile } },
} as const;

/**
 * Fetches the texts of a language that is not bundled (English) the first time i18next switches to it — also when
 * i18n.changeLanguage is called directly, as tests do. Norwegian is bundled and never asked for.
 */
const lazyTexts: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, {});
    Promise.all([import('./en.json'), import('./en.profile.json')]).then(
      ([main, profile]) => callback(null, { ...main.default, ...profile.default }),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'nb';
  } catch {
    // Storage can be blocked (private mode, strict settings); the default language is then used.
    return 'nb';
  }
}

function applyLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = isLanguage(language) ? language : 'nb';
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'nb';
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered when storage is blocked; the choice still holds for this visit.
  }
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(lazyTexts).use(initReactI18next).init({
  resources,
  // the bundled Norwegian texts above, and the backend for the rest
  partialBundledLanguages: true,
  // English, when remembered, is switched to once its texts are loaded (see switchToRememberedLanguage)
  lng: 'nb',
  fallbackLng: 'nb',
  supportedLngs: languages,
  // The Norwegian texts are bundled, so there is nothing to wait for.
  initAsync: false,
  interpolation: { escapeValue: false },
  // The defaults, said out loud: i18next then takes every key as a path at once instead of testing each key, on each
  // t() call, for whether it might be a sentence (a few milliseconds of every first render; issue 7).
  keySeparator: '.',
  nsSeparator: ':',
  react: { useSuspense: false },
  returnNull: false,
});
applyLanguage(i18n.language);

let remembered: Language | undefined;

/**
 * The language remembered in this browser. Read when boot.tsx asks, in a step of its own, not when this module loads:
 * a page's first read of localStorage can take milliseconds (issue 7: long tasks on a phone).
 */
export function rememberedLanguage(): Language {
  return (remembered ??= storedLanguage());
}

/** Switches to the remembered language; resolves when its texts are in place (at once for Norwegian). */
export function switchToRememberedLanguage(): Promise<void> {
  const language = rememberedLanguage();
  if (language === 'nb') return Promise.resolve();
  return changeLanguage(language).catch(() => {
    // The English texts could not be fetched (offline?): the page stays Norwegian.
  });
}

export { i18n };
