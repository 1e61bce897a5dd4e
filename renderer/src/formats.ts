/**
 * Formats as the engine describes them (app.info → engine/build/registry.ts):
 * the UI has no list of its own, so a new format appears here with no change.
 */
import { matchVariant } from '../../engine/build/format.js';
import type { FormatInfo } from '../../engine/api/contract.js';

type Localized = FormatInfo['label'];

export function inLocale(words: Localized, language: string): string {
  return language.startsWith('en') ? words.en : words.vi;
}

export function formatName(formats: readonly FormatInfo[] | undefined, name: string, language: string): string {
  const info = formats?.find((f) => f.name === name);
  return info ? inLocale(info.label, language) : name;
}

export function variantName(formats: readonly FormatInfo[] | undefined, format: string, variant: string, language: string): string {
  const found = matchVariant(formats?.find((f) => f.name === format)?.variants ?? [], variant);
  return found ? inLocale(found.label, language) : variant;
}
