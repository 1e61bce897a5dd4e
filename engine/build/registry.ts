/**
 * The formats: one registerFormat line each, at the end of this file. A
 * format's descriptor is read at once (by the UI, publishing, the portal
 * package and the report); its building code is imported only when a build
 * runs it, so publishing or listing formats never loads Chromium or Remotion.
 */
import { matchVariant, type FormatDescriptor, type FormatVariant, type Localized, type OutputFormat, type PublishRole } from './format.js';
import { audiobookDescriptor } from '../formats/audiobook/descriptor.js';
import { bookletDescriptor, infographicDescriptor, leafletDescriptor } from '../formats/print/descriptors.js';
import { videoDescriptor } from '../formats/video/descriptor.js';
import { quizDescriptor } from '../formats/quiz/descriptor.js';
import { epubDescriptor } from '../formats/epub/descriptor.js';
import { lectureDescriptor } from '../formats/lecture/descriptor.js';
import { comicDescriptor } from '../formats/comic/descriptor.js';

interface Registered {
  descriptor: FormatDescriptor;
  format: OutputFormat;
}

const registered = new Map<string, Registered>();

/** Every registered format's name, in registration order (kept current by registerFormat). */
export const ALL_FORMAT_NAMES: string[] = [];

/** Makes a format known to builds, the UI, publishing and reports. `load` gives the code that builds it. */
export function registerFormat(descriptor: FormatDescriptor, load: () => Promise<OutputFormat>): void {
  if (registered.has(descriptor.name)) throw new Error(`format ${descriptor.name} is registered twice`);
  let loading: Promise<OutputFormat> | undefined;
  const format: OutputFormat = {
    name: descriptor.name,
    ...(descriptor.startsFirst ? { startsFirst: true } : {}),
    build: async (ctx) => (await (loading ??= load())).build(ctx),
    warmUp: (ctx) => {
      (loading ??= load()).then((loaded) => loaded.warmUp?.(ctx)).catch(() => {});
    },
    measureFit: async (ctx) => {
      const loaded = await (loading ??= load());
      return loaded.measureFit ? loaded.measureFit(ctx) : [];
    },
  };
  registered.set(descriptor.name, { descriptor, format });
  ALL_FORMAT_NAMES.push(descriptor.name);
}

/** The formats a build of every format makes: all but those built only on request. */
export function availableFormats(): OutputFormat[] {
  return [...registered.values()].filter((r) => !r.descriptor.onRequest).map((r) => r.format);
}

export function findFormat(name: string): OutputFormat | undefined {
  return registered.get(name)?.format;
}

export function formatDescriptors(): FormatDescriptor[] {
  return [...registered.values()].map((r) => r.descriptor);
}

export function findFormatDescriptor(name: string): FormatDescriptor | undefined {
  return registered.get(name)?.descriptor;
}

/** The variant a manifest entry's `variant` is an edition of (see FormatVariant.id). */
export function findVariant(format: string, variant: string): FormatVariant | undefined {
  return matchVariant(registered.get(format)?.descriptor.variants ?? [], variant);
}

type Locale = keyof Localized;

/** The format's name for people; the bare name for a format no longer registered (old manifests). */
export function formatLabel(format: string, locale: Locale): string {
  return registered.get(format)?.descriptor.label[locale] ?? format;
}

export function variantLabel(format: string, variant: string, locale: Locale): string {
  return findVariant(format, variant)?.label[locale] ?? variant.slice(variant.lastIndexOf(':') + 1);
}

/** What a built file is for when published; undefined for a format or variant not registered. */
export function publishRoleOf(entry: { format: string; variant: string }): PublishRole | undefined {
  return findVariant(entry.format, entry.variant)?.role;
}

/** The file is the share version of a video (FormatVariant.share): for channels that ask for it. */
export function isShareVersion(entry: { format: string; variant: string }): boolean {
  return findVariant(entry.format, entry.variant)?.share === true;
}

/** Formats having at least one file of these roles (for messages that say what a channel takes). */
export function formatsWithRoles(roles: readonly PublishRole[]): string[] {
  return formatDescriptors().filter((d) => d.variants.some((v) => roles.includes(v.role))).map((d) => d.name);
}

registerFormat(bookletDescriptor, async () => (await import('../formats/print/index.js')).bookletFormat);
registerFormat(leafletDescriptor, async () => (await import('../formats/print/index.js')).leafletFormat);
registerFormat(infographicDescriptor, async () => (await import('../formats/print/index.js')).infographicFormat);
registerFormat(videoDescriptor, async () => (await import('../formats/video/index.js')).videoFormat);
registerFormat(audiobookDescriptor, async () => (await import('../formats/audiobook/index.js')).audiobookFormat);
registerFormat(quizDescriptor, async () => (await import('../formats/quiz/index.js')).quizFormat);
registerFormat(epubDescriptor, async () => (await import('../formats/epub/index.js')).epubFormat);
registerFormat(lectureDescriptor, async () => (await import('../formats/lecture/index.js')).lectureFormat);
registerFormat(comicDescriptor, async () => (await import('../formats/comic/index.js')).comicFormat);
