import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import enProfile from './en.profile.json';
import nb from './nb.json';
import nbProfile from './nb.profile.json';

/** Norwegian bokmål first and by default; English second. */
export const languages = ['nb', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'kundeweb.language';

// Min profil and Abonnement (issue 6) keep their texts in files of their own, merged at the top level.
export const resources = {
  nb: { translation: { ...nb, ...nbProfile } },
  en: { translation: { ...en, ...enProfile } },
} as const;

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

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'nb',
  supportedLngs: languages,
  // The texts are bundled, so there is nothing to wait for.
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  returnNull: false,
});
applyLanguage(i18n.language);

export { i18n };
