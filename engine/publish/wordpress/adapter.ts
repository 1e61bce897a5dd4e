/**
 * The provincial portal: a WordPress site, through its REST API.
 *
 * One job makes one post in one language: the outputs and the brief's own
 * pictures (placed where the brief shows them, with their alt text and a
 * caption in the post's language) are uploaded to the media library, then the post is created with the Material's text and
 * links to them, in categories named after the audience and with tags for
 * the legal documents, and finally the media are attached to the post.
 *
 * Exactly once, across crashes. Every remote object is created under a name
 * derived from the job's idempotency key (media file names, the post's slug)
 * and recorded in the job's state as soon as WordPress acknowledges it.
 * Before each create the adapter checkpoints its intent; a resumed job that
 * finds an intent without a result (the process died after sending, before
 * recording the answer) first looks the object up by that name and adopts
 * it. So a job never leaves two posts, nor two copies of a file, however it
 * is interrupted. WordPress has no resumable uploads: a file whose upload was
 * cut off is sent again from its start (PHP discards an incomplete body).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { imageBlocks } from '../../brief/images.js';
import { slugify } from '../../model/ids.js';
import type { ImageBlock, Material } from '../../model/material.js';
import { StudioError } from '../../errors.js';
import type { ChannelAdapter, ChannelPreset, ChannelState, PublishContext, PublishRequest, PublishResult } from '../channel.js';
import { publishLabels } from '../labels.js';
import { extensionOfPath } from '../preflight.js';
import { mediaTypeOf } from '../../http/mediaTypes.js';
import { fileBody } from '../upload.js';
import { WordPressClient } from './client.js';
import { postExcerpt, postHtml, type UploadedImages, type UploadedMedia } from './content.js';

export const WORDPRESS_PRESET: ChannelPreset = {
  channel: 'wordpress',
  // One video per situation and one infographic image: landscape suits a portal page.
  aspects: ['16:9', '4:5', '1:1', '9:16'],
  // What WordPress accepts by default (get_allowed_mime_types); .srt is not among them, .vtt is.
  extensions: ['pdf', 'png', 'jpg', 'jpeg', 'webp', 'mp4', 'webm', 'mp3', 'm4a', 'm4b', 'vtt', 'pptx'],
};

const MediaRecord = z.object({ id: z.number().int(), url: z.string() });
export const WordPressState = z.object({
  terms: z.object({ categories: z.array(z.number().int()), tags: z.array(z.number().int()) }).optional(),
  /** Output path (or `picture:<src>` for a picture of the brief) → the attachment made from it. */
  media: z.record(z.string(), MediaRecord).default({}),
  /** Output path whose upload was started but not acknowledged. */
  pendingMedia: z.string().optional(),
  post: z.object({ id: z.number().int(), link: z.string() }).optional(),
  pendingPost: z.boolean().optional(),
  /** Output paths whose attachment now belongs to the post. */
  attached: z.array(z.string()).default([]),
});
export type WordPressState = z.infer<typeof WordPressState>;

export interface WordPressOptions {
  /** 'publish' (default) puts the post online; 'draft' or 'pending' leaves it for the portal's editors. */
  status?: 'publish' | 'draft' | 'pending' | 'private';
}

/** The name a file gets on the portal: readable, ASCII, and unique to this job. */
export function mediaStem(request: PublishRequest, file: { output: { format: string; variant: string; language: string } }): string {
  const base = slugify(`${request.material.id}-${file.output.format}-${file.output.variant}-${file.output.language}`).slice(0, 90);
  return `${base}-${request.idempotencyKey.slice(0, 12)}`;
}

/** The name a picture of the brief gets on the portal, like an output's (mediaStem). */
function pictureStem(request: PublishRequest, src: string): string {
  const base = slugify(`${request.material.id}-hinh-${src.replace(/\.[^./]*$/, '')}-${request.language}`).slice(0, 90);
  return `${base}-${request.idempotencyKey.slice(0, 12)}`;
}

export function postSlug(request: PublishRequest): string {
  return `${slugify(`${request.material.id}-${request.language}`).slice(0, 90)}-${request.idempotencyKey.slice(0, 12)}`;
}

function asArray(json: unknown): Record<string, unknown>[] {
  return Array.isArray(json) ? (json as Record<string, unknown>[]) : [];
}

function idOf(value: unknown): number {
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id !== 'number') throw new StudioError('publish.wordpress.notWordPress', { site: '' });
  return id;
}

async function ensureTerm(client: WordPressClient, taxonomy: 'categories' | 'tags', slug: string, name: string): Promise<number> {
  const found = asArray((await client.request('GET', `/wp/v2/${taxonomy}`, { query: { slug, context: 'edit' } })).json);
  if (found[0]) return idOf(found[0]);
  const created = await client.request('POST', `/wp/v2/${taxonomy}`, { json: { name, slug }, expect: [200, 201, 400] });
  if (created.status !== 400) return idOf(created.json);
  // The same name exists under another slug (made by hand on the portal): use it.
  const data = (created.json as { code?: string; data?: { term_id?: number } }) ?? {};
  if (data.code === 'term_exists' && typeof data.data?.term_id === 'number') return data.data.term_id;
  throw new StudioError('publish.rejected', { channel: 'wordpress', status: 400, detail: String(data.code ?? '') });
}

function termsFor(material: Material, language: string): { categories: { slug: string; name: string }[]; tags: { slug: string; name: string }[] } {
  const labels = publishLabels(material.sourceLanguage);
  const categories = material.audience.map((tag) => ({ slug: slugify(tag), name: labels.audience(tag) }));
  const tags = material.legalBasis.map((d) => ({ slug: slugify(d.ref), name: d.ref }));
  // Law titles in the portal's language only: a tag cloud in five languages helps no one.
  if (language === material.sourceLanguage) tags.push(...material.legalBasis.map((d) => ({ slug: slugify(d.title.text), name: d.title.text })));
  return { categories, tags };
}

export function createWordPressAdapter(options: WordPressOptions = {}): ChannelAdapter {
  const status = options.status ?? 'publish';
  return {
    id: 'wordpress',
    preset: WORDPRESS_PRESET,
    credentialNames: ['user', 'applicationPassword'],
    preflight: () => [],
    async publish(request: PublishRequest, ctx: PublishContext): Promise<PublishResult> {
      const user = ctx.credentials['user'];
      const applicationPassword = ctx.credentials['applicationPassword'];
      if (!user) throw new StudioError('publish.secretMissing', { channel: 'wordpress', credential: 'user', env: 'LUAT_STUDIO_SECRET_WORDPRESS_USER' });
      if (!applicationPassword) {
        throw new StudioError('publish.secretMissing', { channel: 'wordpress', credential: 'applicationPassword', env: 'LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD' });
      }
      if (!ctx.endpoint) throw new StudioError('publish.settingMissing', { channel: 'wordpress', setting: 'LUAT_STUDIO_WORDPRESS_URL' });
      const client = new WordPressClient(ctx.endpoint, { user, applicationPassword }, ctx.signal);
      const state: WordPressState = WordPressState.parse(ctx.state);
      const save = () => ctx.checkpoint(structuredClone(state) as ChannelState);
      const { material } = request;

      if (!state.terms) {
        const wanted = termsFor(material, request.language);
        const categories: number[] = [];
        for (const t of wanted.categories) categories.push(await ensureTerm(client, 'categories', t.slug, t.name));
        const tags: number[] = [];
        for (const t of wanted.tags) tags.push(await ensureTerm(client, 'tags', t.slug, t.name));
        state.terms = { categories, tags };
        await save();
      }

      const uploads = [...request.files.map((f) => ({
        key: f.output.path, absolutePath: f.absolutePath, bytes: f.output.bytes, stem: mediaStem(request, f),
      })), ...(await pictureUploads(request))];
      const totalBytes = uploads.reduce((n, u) => n + u.bytes, 0);
      let doneBytes = uploads.filter((u) => state.media[u.key]).reduce((n, u) => n + u.bytes, 0);
      ctx.progress(doneBytes, totalBytes);
      for (const upload of uploads) {
        const { key, stem } = upload;
        if (state.media[key]) continue;
        if (state.pendingMedia === key) {
          const found = asArray((await client.request('GET', '/wp/v2/media', { query: { slug: stem, context: 'edit' } })).json)[0];
          if (found) {
            state.media[key] = { id: idOf(found), url: String(found['source_url'] ?? '') };
            delete state.pendingMedia;
            await save();
            doneBytes += upload.bytes;
            ctx.progress(doneBytes, totalBytes);
            continue;
          }
        }
        state.pendingMedia = key;
        await save();
        const ext = extensionOfPath(upload.absolutePath);
        const base = doneBytes;
        const uploaded = await client.request('POST', '/wp/v2/media', {
          headers: {
            'content-type': mediaTypeOf(upload.absolutePath),
            'content-disposition': `attachment; filename="${stem}.${ext}"`,
            'content-length': String(upload.bytes),
          },
          body: fileBody(upload.absolutePath, {
            signal: ctx.signal,
            onBytes: (sent) => ctx.progress(base + sent, totalBytes),
            ...(ctx.uploadBytesPerSecond ? { bytesPerSecond: ctx.uploadBytesPerSecond } : {}),
          }),
        });
        const json = uploaded.json as Record<string, unknown>;
        state.media[key] = { id: idOf(json), url: String(json['source_url'] ?? '') };
        delete state.pendingMedia;
        await save();
        doneBytes += upload.bytes;
        ctx.progress(doneBytes, totalBytes);
      }

      const media: UploadedMedia[] = request.files.map((f) => ({ output: f.output, url: state.media[f.output.path]!.url }));
      if (!state.post) {
        const slug = postSlug(request);
        if (state.pendingPost) {
          const found = asArray((await client.request('GET', '/wp/v2/posts', { query: { slug, status: 'any', context: 'edit' } })).json)[0];
          if (found) state.post = { id: idOf(found), link: String(found['link'] ?? '') };
        }
        if (!state.post) {
          state.pendingPost = true;
          await save();
          const featured = featuredMedia(request, state);
          const created = await client.request('POST', '/wp/v2/posts', {
            json: {
              title: material.title.text,
              content: postHtml(material, request.language, media, uploadedPictures(request, state)),
              excerpt: postExcerpt(material),
              status,
              slug,
              categories: state.terms.categories,
              tags: state.terms.tags,
              ...(featured ? { featured_media: featured } : {}),
            },
          });
          const json = created.json as Record<string, unknown>;
          state.post = { id: idOf(json), link: String(json['link'] ?? '') };
        }
        delete state.pendingPost;
        await save();
      }

      for (const file of request.files) {
        const key = file.output.path;
        if (state.attached.includes(key)) continue;
        await client.request('POST', `/wp/v2/media/${state.media[key]!.id}`, {
          // A picture's alternative text is the build's description of it (key messages, figures, citation), else the title.
          json: { post: state.post.id, ...(mediaTypeOf(key).startsWith('image/') ? { alt_text: file.output.altText ?? material.title.text } : {}) },
        });
        state.attached.push(key);
        await save();
      }
      for (const picture of briefPictures(request)) {
        const key = pictureKey(picture.src);
        if (state.attached.includes(key) || !state.media[key]) continue;
        // The brief's words for the picture, in the post's language: its alternative text and its caption.
        await client.request('POST', `/wp/v2/media/${state.media[key].id}`, {
          json: { post: state.post.id, alt_text: picture.unit.text, caption: picture.unit.text },
        });
        state.attached.push(key);
        await save();
      }

      const remoteIds: Record<string, string> = { post: String(state.post.id) };
      for (const [key, m] of Object.entries(state.media)) remoteIds[`media:${key}`] = String(m.id);
      return { url: state.post.link, remoteIds };
    },
  };
}

/**
 * The brief's pictures share the job's media record under `picture:<src>`
 * (an output's path never starts so), so they are uploaded once, adopted
 * after a crash and attached exactly as the outputs are.
 */
function pictureKey(src: string): string {
  return `picture:${src}`;
}

/** Each picture of the brief once (the same file may be shown twice), of a type the portal accepts (not SVG). */
function briefPictures(request: PublishRequest): ImageBlock[] {
  if (!request.picturesDir) return [];
  const seen = new Set<string>();
  return imageBlocks(request.material).filter((b) => {
    if (seen.has(b.src) || !WORDPRESS_PRESET.extensions.includes(extensionOfPath(b.src))) return false;
    seen.add(b.src);
    return true;
  });
}

async function pictureUploads(request: PublishRequest): Promise<{ key: string; absolutePath: string; bytes: number; stem: string }[]> {
  const out = [];
  for (const picture of briefPictures(request)) {
    const absolutePath = path.join(request.picturesDir!, ...picture.src.split('/'));
    const bytes = await stat(absolutePath).then((s) => s.size).catch((cause: unknown) => {
      throw new StudioError('print.imageMissing', { src: picture.src, dir: request.picturesDir! }, { cause });
    });
    out.push({ key: pictureKey(picture.src), absolutePath, bytes, stem: pictureStem(request, picture.src) });
  }
  return out;
}

function uploadedPictures(request: PublishRequest, state: WordPressState): UploadedImages {
  const urls = new Map<string, string>();
  for (const picture of briefPictures(request)) {
    const record = state.media[pictureKey(picture.src)];
    if (record) urls.set(picture.src, record.url);
  }
  return urls;
}

/** The video's poster, else the first image: what the portal shows in lists. */
function featuredMedia(request: PublishRequest, state: WordPressState): number | null {
  const images = request.files.filter((f) => mediaTypeOf(f.output.path).startsWith('image/'));
  const poster = images.find((f) => f.output.variant.endsWith('.poster')) ?? images[0];
  return poster ? state.media[poster.output.path]?.id ?? null : null;
}

