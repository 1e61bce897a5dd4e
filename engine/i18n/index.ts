/**
 * Translations of everything the engine says to people: diagnostics, errors,
 * CLI messages. Vietnamese first, English second. The UI has its own strings
 * (renderer/) but shows engine diagnostics through these same files.
 */
import i18next, { type TFunction } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import vi from './locales/vi.json' with { type: 'json' };
import type { Diagnostic } from '../brief/diagnostics.js';
import { languageInfo } from '../model/languages.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const instances = new Map<Locale, TFunction>();

export function translator(locale: Locale = 'vi'): TFunction {
  let t = instances.get(locale);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: 'vi',
      initAsync: false,
      resources: { vi: { translation: vi }, en: { translation: en } },
      interpolation: { escapeValue: false },
      returnNull: false,
      // i18next otherwise prints an advertisement to stdout, which would corrupt --json output.
      showSupportNotice: false,
    });
    t = instance.t.bind(instance) as TFunction;
    instances.set(locale, t);
  }
  return t;
}

/** LUAT_STUDIO_LOCALE, else the system language when it is English, else Vietnamese. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const explicit = env['LUAT_STUDIO_LOCALE'];
  if (explicit === 'en' || explicit === 'vi') return explicit;
  return 'vi';
}

export function diagnosticMessage(d: Diagnostic, t: TFunction): string {
  return t(`diag.${d.code}`, { ...d.params, defaultValue: d.code });
}

/** `path:line:col: error: message`, the compiler convention editors and CI understand. */
export function formatDiagnostic(d: Diagnostic, file: string, t: TFunction): string {
  const where = d.line !== undefined ? `${file}:${d.line}:${d.col ?? 1}` : file;
  return `${where}: ${d.severity}: ${diagnosticMessage(d, t)}`;
}

/** A language's name in the user's language ("Thái (Tây Bắc)" / "Tai Dam"), or its code when unknown. */
export function languageName(code: string, t: TFunction): string {
  const info = languageInfo(code);
  if (!info) return code;
  return t('localeName') === 'en' ? info.nameEn : info.nameVi;
}
