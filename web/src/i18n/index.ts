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

const initialLanguage = storedLanguage();
void i18n.use(lazyTexts).use(initReactI18next).init({
  resources,
  // the bundled Norwegian texts above, and the backend for the rest
  partialBundledLanguages: true,
  // English, when remembered, is switched to once its texts are loaded (see i18nReady)
  lng: 'nb',
  fallbackLng: 'nb',
  supportedLngs: languages,
  // The Norwegian texts are bundled, so there is nothing to wait for.
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  returnNull: false,
});
applyLanguage(i18n.language);

/** Resolves when the remembered language's texts are in place; main.tsx renders after it (at once for Norwegian). */
export const i18nReady: Promise<void> =
  initialLanguage === 'nb'
    ? Promise.resolve()
    : changeLanguage(initialLanguage).catch(() => {
        // The English texts could not be fetched (offline?): the page stays Norwegian.
      });

export { i18n };
