/**
 * Project settings the print formats read: the brand kit (settings.brand)
 * and the template style per format (settings.styles). Missing values get a
 * dignified civic default: deep red and gold, the classic look.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../errors.js';
import type { BuildContext } from '../../build/format.js';
import { editionDateOf } from '../../build/settings.js';
import type { Material } from '../../model/material.js';
import { imageBlocks, loadBriefImages } from '../../brief/images.js';
import { BOOKLET_STYLES } from '../../../templates/print/booklet/bookletCss.js';
import { LEAFLET_STYLES } from '../../../templates/print/leaflet/leafletCss.js';
import { INFOGRAPHIC_STYLES } from '../../../templates/print/infographic/infographicCss.js';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #8B1A1A');

export const DEFAULT_PRIMARY = '#8E1B1B';
export const DEFAULT_ACCENT = '#C99A2E';

export const BrandKit = z.object({
  /** Name printed on mastheads, e.g. "UBND TỈNH SƠN LA · SỞ TƯ PHÁP". */
  issuerName: z.string().trim().min(1).optional(),
  /** PNG, JPEG or SVG; relative paths are relative to the project folder. */
  logoPath: z.string().min(1).optional(),
  primaryColor: hexColor.default(DEFAULT_PRIMARY),
  accentColor: hexColor.default(DEFAULT_ACCENT),
});
export type BrandKit = z.infer<typeof BrandKit>;

export const StyleChoices = z.object({
  booklet: z.enum(BOOKLET_STYLES).default('classic'),
  leaflet: z.enum(LEAFLET_STYLES).default('classic'),
  infographic: z.enum(INFOGRAPHIC_STYLES).default('classic'),
});
export type StyleChoices = z.infer<typeof StyleChoices>;

export const PrintSettings = z.object({
  brand: BrandKit.default({ primaryColor: DEFAULT_PRIMARY, accentColor: DEFAULT_ACCENT }),
  styles: StyleChoices.default({ booklet: 'classic', leaflet: 'classic', infographic: 'classic' }),
  /** Edition date printed on back covers (YYYY-MM-DD); today when absent. */
  editionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** The booklet's optional sections. comicPages: the situation as comic pages before the back cover (docs/comic.md). */
  booklet: z.object({ comicPages: z.boolean().default(false) }).default({ comicPages: false }),
  /** Also write a CMYK PDF/X-3 beside each print PDF (`…-print-cmyk.pdf`, by Ghostscript); off by default. */
  cmykPdfX: z.boolean().default(false),
});
export type PrintSettings = z.infer<typeof PrintSettings>;

export interface ResolvedPrintSettings {
  brand: { name: string | null; logoSrc: string | null; primaryColor: string; accentColor: string };
  styles: StyleChoices;
  editionDate: string;
  booklet: { comicPages: boolean };
  cmykPdfX: boolean;
}

/** Validates the print part of the project settings and loads the logo. */
export async function resolvePrintSettings(settings: Record<string, unknown>, projectDir: string | null): Promise<ResolvedPrintSettings> {
  const parsed = PrintSettings.safeParse({ brand: settings['brand'], styles: settings['styles'], editionDate: settings['editionDate'], booklet: settings['booklet'], cmykPdfX: settings['cmykPdfX'] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StudioError('print.badSettings', { key: issue?.path.join('.') ?? '', problem: issue?.message ?? '' });
  }
  const { brand, styles, editionDate, booklet, cmykPdfX } = parsed.data;
  return {
    brand: {
      name: brand.issuerName ?? null,
      logoSrc: brand.logoPath ? await logoDataUrl(brand.logoPath, projectDir) : null,
      primaryColor: brand.primaryColor,
      accentColor: brand.accentColor,
    },
    styles,
    editionDate: editionDateOf({ editionDate }),
    booklet,
    cmykPdfX,
  };
}

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml' };

async function logoDataUrl(logoPath: string, projectDir: string | null): Promise<string> {
  const file = path.isAbsolute(logoPath) || !projectDir ? path.resolve(logoPath) : path.join(projectDir, logoPath);
  const type = LOGO_TYPES[path.extname(file).toLowerCase()];
  if (!type) throw new StudioError('print.logoType', { path: file });
  try {
    return `data:${type};base64,${(await readFile(file)).toString('base64')}`;
  } catch (cause) {
    throw new StudioError('print.logoUnreadable', { path: file }, { cause });
  }
}

/** The pictures a print edition shows, as data: URLs, read from the brief's folder (or the project's in the library). */
export async function printImages(ctx: Partial<Pick<BuildContext, 'briefDir' | 'projectDir'>>, material: Material): Promise<Record<string, string>> {
  if (imageBlocks(material).length === 0) return {};
  const dir = ctx.briefDir ?? ctx.projectDir;
  if (!dir) throw new StudioError('print.imageMissing', { src: imageBlocks(material)[0]!.src, dir: '—' });
  try {
    return await loadBriefImages(material, dir);
  } catch (cause) {
    const src = imageBlocks(material).find((b) => !existsSync(path.join(dir, ...b.src.split('/'))))?.src ?? imageBlocks(material)[0]!.src;
    throw new StudioError('print.imageMissing', { src, dir }, { cause });
  }
}
