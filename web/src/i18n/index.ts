/**
 * i18next with English, Brazilian Portuguese and Spanish bundled (small: no loading step). The
 * language is the one chosen in the header (remembered), else the browser's, else English.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';
import { ptBR } from './pt-BR';

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'pt-BR', label: 'Português (Brasil)' },
  { value: 'es', label: 'Español' },
] as const;
const STORAGE_KEY = 'schola.language';

export function initialLanguage(): string {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  const wanted = [stored, ...(typeof navigator === 'undefined' ? [] : navigator.languages)].filter(Boolean) as string[];
  for (const tag of wanted) {
    const exact = LANGUAGES.find((l) => l.value.toLowerCase() === tag.toLowerCase());
    if (exact) return exact.value;
    const base = tag.split('-')[0]!.toLowerCase();
    const byBase = LANGUAGES.find((l) => l.value.split('-')[0] === base);
    if (byBase) return byBase.value;
  }
  return 'en';
}

export function setLanguage(language: string): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'pt-BR': { translation: ptBR }, es: { translation: es } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
if (typeof document !== 'undefined') document.documentElement.setAttribute('lang', i18n.language);

export default i18n;
