/**
 * The portal package: a ZIP with manifest.json and the files, for portals
 * and for the national shared store of legal-education material that have no
 * API, and for a social channel whose app the platform has not approved yet
 * (a ready-to-upload package for that channel, caption included).
 *
 * The manifest's schema is PortalPackageManifest below, documented for
 * receivers in docs/portal-package.md. The ZIP is written to a temp name and
 * renamed into place once complete and fsynced, so a half-written package is
 * never left under the final name.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { PUBLISH_ROLES } from '../build/format.js';
import { publishRoleOf } from '../build/registry.js';
import type { Material } from '../model/material.js';
import { writeStreamDurably } from '../fs/durable.js';
import { mediaTypeOf } from '../http/mediaTypes.js';
import { StudioError } from '../errors.js';
import type { ChannelAdapter, ChannelPreset, PublishFile, PublishRequest, PublishResult } from './channel.js';
import { extensionOfPath } from './preflight.js';
import { postExcerpt } from './wordpress/content.js';
import { portalFeed, portalFeedCsv } from './portalFeed.js';

export const PORTAL_PACKAGE_SCHEMA = 'luat-studio/portal-package';
export const PORTAL_PACKAGE_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const PackageFile = z.object({
  /** Path inside the ZIP, forward slashes: files/<language>/<name>. */
  path: z.string().min(1),
  format: z.string().min(1),
  variant: z.string(),
  /**
   * What the file is for, from its format's descriptor: 'video', 'post-image',
   * 'audio', 'attachment', 'subtitle' or 'thumbnail'; absent for a format this
   * version does not know.
   */
  role: z.enum(PUBLISH_ROLES).optional(),
  language: z.string().min(2),
  /** IANA media type, e.g. application/pdf, video/mp4. */
  mediaType: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256,
  pages: z.number().int().positive().optional(),
  durationSec: z.number().nonnegative().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type PackageFile = z.infer<typeof PackageFile>;

export const PortalPackageManifest = z.object({
  schema: z.literal(PORTAL_PACKAGE_SCHEMA),
  schemaVersion: z.literal(PORTAL_PACKAGE_VERSION),
  generator: z.string(),
  createdAt: z.string().datetime({ offset: true }),
  /** The material's id (the brief's `id`); stable across editions. */
  id: z.string().min(1),
  /** In the package's main language (languages[0]). */
  title: z.string().min(1),
  subtitle: z.string().nullable(),
  summary: z.string(),
  sourceLanguage: z.string().min(2),
  languages: z.array(z.object({ code: z.string().min(2), title: z.string(), summary: z.string() })).min(1),
  audience: z.array(z.string()),
  legalBasis: z.array(z.object({
    ref: z.string().min(1),
    title: z.string(),
    articles: z.array(z.string()),
    effective: isoDate,
  })).min(1),
  issuer: z.string(),
  hotline: z.string().nullable(),
  portalUrl: z.string().nullable(),
  approval: z.object({
    by: z.string(),
    role: z.string(),
    at: z.string().datetime({ offset: true }),
    materialHash: sha256,
    outputsHash: sha256,
  }),
  /** Set in a package made for one social channel: where it goes and the text to post with it. */
  channel: z.object({ id: z.string(), caption: z.string() }).nullable(),
  files: z.array(PackageFile).min(1),
  /** The data feed's records (docs/portal-feed.md): paths inside the ZIP and how many records. */
  feed: z.object({ json: z.string(), csv: z.string(), records: z.number().int().nonnegative(), linhVuc: z.array(z.string()) }).optional(),
});
export type PortalPackageManifest = z.infer<typeof PortalPackageManifest>;

export interface PackageApproval {
  by: string;
  role: string;
  at: string;
  materialHash: string;
  outputsHash: string;
}

/** What a portal package carries (their types come from engine/http/mediaTypes.ts). */
const PORTAL_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'webp', 'mp4', 'webm', 'mp3', 'm4a', 'm4b', 'vtt', 'srt', 'json', 'wav', 'html', 'h5p', 'xml', 'epub', 'pptx'];
/** Already compressed: storing them saves time and loses nothing. */
const STORED = new Set(['mp4', 'webm', 'mp3', 'm4a', 'm4b', 'png', 'jpg', 'jpeg', 'webp', 'pdf', 'h5p', 'epub', 'pptx']);
/** Where the data feed goes inside the ZIP. */
export const FEED_JSON_PATH = 'feed/records.json';
export const FEED_CSV_PATH = 'feed/records.csv';

export interface PackageEdition {
  language: string;
  /** The Material in that language. */
  material: Material;
}

export interface WritePackageRequest {
  /** One or more language editions; the first is the package's main language. */
  editions: PackageEdition[];
  files: PublishFile[];
  approval: PackageApproval;
  /** Final path of the ZIP. */
  outFile: string;
  /** For a social channel's package. */
  channel?: { id: string; caption: string };
  now?: Date;
}

function summaryOf(material: Material): string {
  const messages = material.sections.flatMap((s) => (s.kind === 'keyMessages' ? s.messages.map((m) => m.text) : []));
  return [postExcerpt(material), ...messages.filter((m) => m !== postExcerpt(material))].join(' ').slice(0, 2000);
}

function zipPathOf(file: PublishFile, taken: Set<string>): string {
  const name = path.basename(file.output.path).replace(/[^A-Za-z0-9._-]+/g, '_');
  let candidate = `files/${file.output.language}/${name}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `files/${file.output.language}/${n}-${name}`;
  taken.add(candidate);
  return candidate;
}

function roleOf(file: PublishFile): { role?: (typeof PUBLISH_ROLES)[number] } {
  const role = publishRoleOf(file.output);
  return role ? { role } : {};
}

export function packageManifest(request: WritePackageRequest, zipPaths: string[], feedRecords?: number): PortalPackageManifest {
  const main = request.editions[0]!.material;
  return PortalPackageManifest.parse({
    schema: PORTAL_PACKAGE_SCHEMA,
    schemaVersion: PORTAL_PACKAGE_VERSION,
    generator: 'Luật Studio',
    createdAt: (request.now ?? new Date()).toISOString(),
    id: main.id,
    title: main.title.text,
    subtitle: main.subtitle?.text ?? null,
    summary: summaryOf(main),
    sourceLanguage: main.sourceLanguage,
    languages: request.editions.map((e) => ({ code: e.language, title: e.material.title.text, summary: summaryOf(e.material) })),
    audience: main.audience,
    legalBasis: main.legalBasis.map((d) => ({ ref: d.ref, title: d.title.text, articles: d.articles, effective: d.effective })),
    issuer: main.issuer.text,
    hotline: main.hotline?.text ?? null,
    portalUrl: main.portalUrl,
    approval: request.approval,
    channel: request.channel ?? null,
    files: request.files.map((f, i) => ({
      path: zipPaths[i]!,
      format: f.output.format,
      variant: f.output.variant,
      ...roleOf(f),
      language: f.output.language,
      mediaType: mediaTypeOf(f.output.path),
      bytes: f.output.bytes,
      sha256: f.output.sha256,
      ...(f.output.pages !== undefined ? { pages: f.output.pages } : {}),
      ...(f.output.durationSec !== undefined ? { durationSec: f.output.durationSec } : {}),
      ...(f.output.width !== undefined ? { width: f.output.width, height: f.output.height } : {}),
    })),
    ...(feedRecords !== undefined ? { feed: { json: FEED_JSON_PATH, csv: FEED_CSV_PATH, records: feedRecords, linhVuc: main.subjects ?? [] } } : {}),
  });
}

/** Writes the ZIP (manifest.json first, then the files) and returns its manifest. */
export async function writePortalPackage(request: WritePackageRequest): Promise<PortalPackageManifest> {
  const taken = new Set<string>();
  const zipPaths = request.files.map((f) => zipPathOf(f, taken));
  const feed = portalFeed(request.editions, request.now);
  const manifest = packageManifest(request, zipPaths, feed.records.length);
  const mtime = request.now ?? new Date();
  // Imported when a package is written: commands that only import the app layer should not load it.
  const { default: yazl } = await import('yazl');
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), 'manifest.json', { mtime });
  zip.addBuffer(Buffer.from(`${JSON.stringify(feed, null, 2)}\n`, 'utf8'), FEED_JSON_PATH, { mtime });
  zip.addBuffer(Buffer.from(portalFeedCsv(feed), 'utf8'), FEED_CSV_PATH, { mtime });
  if (request.channel) zip.addBuffer(Buffer.from(`${request.channel.caption}\n`, 'utf8'), 'caption.txt', { mtime });
  request.files.forEach((f, i) => zip.addFile(f.absolutePath, zipPaths[i]!, { mtime, compress: !STORED.has(extensionOfPath(f.output.path)) }));
  zip.end();

  await writeStreamDurably(request.outFile, zip.outputStream);
  return manifest;
}

export const PORTAL_PACKAGE_PRESET: ChannelPreset = {
  channel: 'portal-package',
  extensions: PORTAL_EXTENSIONS,
};

function requireApprovalOf(request: PublishRequest): PackageApproval {
  // The queue always sets it; a package without its approval would be worthless to a receiver.
  if (!request.approval) throw new StudioError('publish.notApproved', { title: request.material.title.text, projectId: request.material.id });
  return request.approval;
}

/** File name of a job's package: readable and unique to the job. */
export function packageFileName(request: PublishRequest, channel = 'portal'): string {
  return `${request.material.id}-${request.language}-${channel}-${request.idempotencyKey.slice(0, 12)}.zip`;
}

/**
 * The 'portal-package' channel: writes the package into the folder given as
 * the endpoint. Rewriting it after a crash gives the same package, so it
 * needs no state of its own.
 */
export function createPortalPackageAdapter(): ChannelAdapter {
  return {
    id: 'portal-package',
    preset: PORTAL_PACKAGE_PRESET,
    credentialNames: [],
    preflight: () => [],
    async publish(request, ctx): Promise<PublishResult> {
      const dir = ctx.endpoint || ctx.packageDir;
      if (!dir) throw new StudioError('publish.settingMissing', { channel: 'portal-package', setting: '--package-dir' });
      const outFile = path.resolve(dir, packageFileName(request));
      await writePortalPackage({
        editions: [{ language: request.language, material: request.material }],
        files: request.files,
        approval: requireApprovalOf(request),
        outFile,
      });
      return { url: pathToFileURL(outFile).href, remoteIds: { package: path.basename(outFile) }, packagePath: outFile };
    },
  };
}
