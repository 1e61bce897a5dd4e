/**
 * Engine words the UI shows in the user's language: progress labels such as
 * "booklet · vi · 16:9" become "Sổ tay · Tiếng Việt · 16:9", using the format
 * descriptors' own vi/en labels and the engine's language list (app.info).
 */
import type { FormatInfo } from '../../../engine/api/contract.js';
import { formatName, variantName } from '../formats.js';

type Languages = { code: string; nameVi: string; nameEn: string }[] | undefined;

/** A language's name alone (no code), or the code when the engine does not know it. */
export function languageOnly(code: string, languages: Languages, locale: string): string {
  const info = languages?.find((l) => l.code === code);
  if (!info) return code;
  return locale.startsWith('en') ? info.nameEn : info.nameVi;
}

export function localizeJobLabel(label: string, formats: readonly FormatInfo[] | undefined, languages: Languages, locale: string): string {
  const parts = label.split(/( · |, )/);
  let format: string | null = null;
  return parts.map((part) => {
    if (part === ' · ' || part === ', ') return part;
    const known = formats?.find((f) => f.name === part);
    if (known) {
      format = part;
      return formatName(formats, part, locale);
    }
    if (languages?.some((l) => l.code === part)) return languageOnly(part, languages, locale);
    if (format) {
      const variant = variantName(formats, format, part, locale);
      if (variant !== part) return variant;
    }
    const anyFormat = formats?.find((f) => variantName(formats, f.name, part, locale) !== part);
    return anyFormat ? variantName(formats, anyFormat.name, part, locale) : part;
  }).join('');
}
