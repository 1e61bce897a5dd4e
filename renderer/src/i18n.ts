/**
 * UI strings: Vietnamese first, English second, through i18next. Every
 * visible string goes through t(); the English table has the Vietnamese
 * table's shape (checked by the type), so no string is left untranslated.
 * Engine messages (diagnostics, errors) arrive already translated.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.js';
import { vi } from './locales/vi.js';

export const uiStrings = { vi: { translation: vi }, en: { translation: en } };

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: navigator.language.startsWith('en') ? 'en' : 'vi',
  fallbackLng: 'vi',
  resources: uiStrings,
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export function setUiLanguage(locale: 'vi' | 'en'): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}
