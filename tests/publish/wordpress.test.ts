/**
 * Publishing to a real WordPress (Debian's packages, started by the test on
 * 127.0.0.1): the post and its media, categories and tags, exactly once
 * across re-runs, crashes at the worst moments and a SIGKILL mid-upload.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { approve } from '../../engine/publish/approval.js';
import { AUDIT_FILE, auditLogFor } from '../../engine/publish/auditLog.js';
import type { ChannelState, PublishContext, PublishRequest } from '../../engine/publish/channel.js';
import { selectFiles } from '../../engine/publish/preflight.js';
import { publishBuild } from '../../engine/publish/publish.js';
import { QUEUE_FILE } from '../../engine/publish/queue.js';
import { EnvSecretStore } from '../../engine/publish/secrets.js';
import { createWordPressAdapter, mediaStem, postSlug, WORDPRESS_PRESET } from '../../engine/publish/wordpress/adapter.js';
import { openLibrary } from '../../engine/store/library.js';
import type { Library } from '../../engine/store/library.js';
import { ROOT, SAMPLE_BRIEF } from '../helpers/briefs.js';
import { FEED_ALT_TEXT, libraryWithSample, makeBuild, sampleMaterial, solidPng, tempDir } from './fixtures.js';
import { useWordPress, wordPressEnv, wpGet } from './wordpress.js';

const wordpress = useWordPress();
const approver = { by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc Sở Tư pháp' };

let open: Library | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function approvedBuild(buildOptions: Parameters<typeof makeBuild>[2] = {}) {
  const lib = await libraryWithSample();
  open = lib.library;
  const outDir = await tempDir('build');
  const manifest = await makeBuild(outDir, lib.material, buildOptions);
  await approve(auditLogFor(lib.dir), { material: lib.material, manifest, outDir, translations: [], approver });
  return { ...lib, outDir, manifest };
}

const PICTURE_ALT = 'Sơ đồ bốn bước đăng ký kết hôn tại Ủy ban nhân dân xã';
const PICTURE_SRC = 'anh/so-do.png';

/** The sample brief with a picture after the fee paragraph, saved in a library with the picture beside it, built and approved. */
async function approvedBuildWithPicture() {
  const libraryDir = await tempDir('lib');
  const library = await openLibrary(libraryDir, { command: 'publish tests' });
  open = library;
  const text = (await readFile(SAMPLE_BRIEF, 'utf8')).replace('được miễn lệ phí.\n', `được miễn lệ phí.\n\n![${PICTURE_ALT}](${PICTURE_SRC})\n`);
  const { material } = await sampleMaterial(text);
  await library.saveBrief({ material, briefText: text, origin: null });
  const picture = solidPng(600, 300, [30, 120, 60]);
  const file = path.join(library.projectDir(material.id), ...PICTURE_SRC.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, picture);
  const outDir = await tempDir('build');
  const manifest = await makeBuild(outDir, material, { videoAspects: ['16:9'], audiobook: false });
  await approve(auditLogFor(libraryDir), { material, manifest, outDir, translations: [], approver });
  return { library, material, outDir, manifest, picture };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('the WordPress portal', () => {
  it('posts the material with its outputs, categories from the audience and tags from the legal basis', async () => {
    const wp = wordpress();
    const { library, material, outDir } = await approvedBuild();
    const env = wordPressEnv(wp);
    const { jobs } = await publishBuild({ library, material, outDir, channels: ['wordpress'], secrets: new EnvSecretStore(env), env });
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect(job.status).toBe('done');
    const postId = Number(job.result!.remoteIds['post']);

    const post = await wpGet(wp, `/wp/v2/posts/${postId}`);
    expect(post.status).toBe('publish');
    expect(post.title.raw).toBe(material.title.text);
    expect(post.link).toBe(job.result!.url);
    const html: string = post.content.raw;
    expect(html).toContain('<li><strong>Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.</strong></li>');
    expect(html).toContain('Căn cứ: Điều 8, Luật Hôn nhân và gia đình (52/2014/QH13)');
    expect(html).toContain('Luật Hộ tịch — Số hiệu 60/2014/QH13 (Điều 11, Điều 17, Điều 18); Hiệu lực từ 01/01/2016');
    expect(html).toMatch(/<video controls preload="metadata" src="[^"]+-video-16x9-vi-[0-9a-f]{12}\.mp4" poster="[^"]+\.png"/);
    expect(html).toMatch(/<track kind="subtitles" srclang="vi" src="[^"]+\.vtt" default>/);
    expect(html).toMatch(/<audio controls preload="metadata" src="[^"]+\.mp3">/);
    expect(html).toContain('Sổ tay (bản in)</a> — PDF');

    const categories = await wpGet(wp, '/wp/v2/categories', { include: post.categories.join(',') });
    expect(categories.map((c: { name: string }) => c.name).sort()).toEqual(['Học sinh', 'Người dân tộc thiểu số', 'Thanh niên']);
    const tags = await wpGet(wp, '/wp/v2/tags', { include: post.tags.join(',') });
    expect(tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['52/2014/QH13', '60/2014/QH13', '100/2015/QH13', 'Luật Hộ tịch']));

    // Every chosen file is in the media library once, attached to the post, byte for byte.
    const media = await wpGet(wp, '/wp/v2/media', { parent: postId });
    expect(media).toHaveLength(job.files.length);
    expect(post.featured_media).toBe(Number(job.result!.remoteIds['media:video/vi/ket-hon-dung-tuoi-tinh-huong-16x9-poster.png']));
    // A picture carries the build's description of it as its alternative text.
    const feed = job.files.find((f) => f.format === 'infographic' && f.variant === 'feed')!;
    const feedMedia = media.find((m: { id: number }) => m.id === Number(job.result!.remoteIds[`media:${feed.path}`]));
    expect(feedMedia.alt_text).toBe(FEED_ALT_TEXT);
    for (const file of job.files.filter((f) => f.format === 'booklet')) {
      const remote = media.find((m: { id: number }) => m.id === Number(job.result!.remoteIds[`media:${file.path}`]));
      const bytes = Buffer.from(await (await fetch(remote.source_url)).arrayBuffer());
      expect(sha256(bytes)).toBe(file.sha256);
    }

    // Publishing the same approved build again creates nothing.
    const again = await publishBuild({ library, material, outDir, channels: ['wordpress'], secrets: new EnvSecretStore(env), env });
    expect(again.jobs).toEqual([]);
    expect(again.alreadyPublished.map((j) => j.result?.url)).toEqual([post.link]);
    const sameSlug = await wpGet(wp, '/wp/v2/posts', { slug: post.slug, status: 'any' });
    expect(sameSlug).toHaveLength(1);
  });

  it('adopts what WordPress made when the process died before recording it: one post, no duplicate media', async () => {
    const wp = wordpress();
    const { material, outDir, manifest } = await approvedBuild({ videoAspects: ['16:9'] });
    const request: PublishRequest = {
      material, language: 'vi', files: selectFiles(manifest, outDir, 'vi', WORDPRESS_PRESET).files,
      caption: '', idempotencyKey: createHash('sha256').update(`crash-${Date.now()}`).digest('hex'),
    };
    const adapter = createWordPressAdapter();
    let saved: ChannelState = {};
    // Dies in the checkpoint that would have recorded what the server just acknowledged.
    const attempt = (dieWhen: (next: ChannelState) => boolean) => {
      const ctx: PublishContext = {
        state: structuredClone(saved), endpoint: wp.url, signal: new AbortController().signal, progress: () => {},
        credentials: { user: wp.user, applicationPassword: wp.applicationPassword },
        checkpoint: async (next) => {
          if (dieWhen(next)) throw new Error('simulated crash');
          saved = structuredClone(next);
        },
      };
      return adapter.publish(request, ctx);
    };
    const mediaCount = (s: ChannelState) => Object.keys((s['media'] ?? {}) as object).length;
    await expect(attempt((next) => mediaCount(next) === 2)).rejects.toThrow('simulated crash');
    expect(saved['pendingMedia']).toBe(request.files[1]!.output.path);
    await expect(attempt((next) => next['post'] !== undefined)).rejects.toThrow('simulated crash');
    expect(saved['pendingPost']).toBe(true);
    const result = await attempt(() => false);

    const posts = await wpGet(wp, '/wp/v2/posts', { slug: postSlug(request), status: 'any' });
    expect(posts.map((p: { id: number }) => String(p.id))).toEqual([result.remoteIds['post']]);
    for (const file of request.files) {
      const copies = await wpGet(wp, '/wp/v2/media', { search: mediaStem(request, file) });
      expect(copies, file.output.path).toHaveLength(1);
      expect(copies[0].post).toBe(Number(result.remoteIds['post']));
    }
  });

  it("puts the brief's pictures in the post where the brief shows them, with alt text and caption, uploaded once across a crash", async () => {
    const wp = wordpress();
    const { library, material, outDir, picture } = await approvedBuildWithPicture();
    const env = wordPressEnv(wp);
    const key = `picture:${PICTURE_SRC}`;
    // The first run dies in the checkpoint that would record the picture WordPress just took; the second adopts it.
    let crashed = false;
    const createAdapter = async () => {
      const inner = createWordPressAdapter();
      return {
        ...inner,
        publish: (request: PublishRequest, ctx: PublishContext) => inner.publish(request, {
          ...ctx,
          checkpoint: async (next) => {
            if (!crashed && (next['media'] as Record<string, unknown>)[key]) {
              crashed = true;
              throw new Error('simulated crash');
            }
            await ctx.checkpoint(next);
          },
        }),
      };
    };
    const publish = () => publishBuild({ library, material, outDir, channels: ['wordpress'], secrets: new EnvSecretStore(env), env, createAdapter });
    expect((await publish()).jobs[0]).toMatchObject({ status: 'failed', state: { pendingMedia: key } });
    const { jobs } = await publish();
    expect(jobs[0]).toMatchObject({ status: 'done' });
    const ids = jobs[0]!.result!.remoteIds;
    const copies = await wpGet(wp, '/wp/v2/media', { search: `hinh-anh-so-do-vi-${jobs[0]!.idempotencyKey.slice(0, 12)}` });
    expect(copies.map((m: { id: number }) => String(m.id))).toEqual([ids[`media:${key}`]]);
    const media = copies[0];
    expect(media).toMatchObject({ post: Number(ids['post']), alt_text: PICTURE_ALT, caption: { raw: PICTURE_ALT }, mime_type: 'image/png' });
    expect(sha256(Buffer.from(await (await fetch(media.source_url)).arrayBuffer()))).toBe(sha256(picture));

    const html: string = (await wpGet(wp, `/wp/v2/posts/${ids['post']}`)).content.raw;
    const figure = `<figure class="wp-block-image luat-brief-image"><img src="${media.source_url}" alt="${PICTURE_ALT}"><figcaption>${PICTURE_ALT}</figcaption></figure>`;
    expect(html).toContain(figure);
    // In its place: after the paragraph it follows in the brief (same section), before the table that follows it.
    const at = html.indexOf(figure);
    expect(html.lastIndexOf('được miễn lệ phí.</p>', at)).toBeGreaterThan(html.lastIndexOf('<h2>', at));
    expect(html.indexOf('<figure class="wp-block-table', at)).toBeGreaterThan(at);
  });

  it('says the password was refused, without repeating it', async () => {
    const wp = wordpress();
    const { library, material, outDir } = await approvedBuild();
    const wrong = 'abcd efgh ijkl mnop qrst uvwx';
    const env = { ...wordPressEnv(wp), LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD: wrong };
    const { jobs } = await publishBuild({ library, material, outDir, channels: ['wordpress'], secrets: new EnvSecretStore(env), env });
    expect(jobs[0]).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'publish.wordpress.unauthorized', params: { status: 401 } } });
    const files = await Promise.all([AUDIT_FILE, QUEUE_FILE].map((f) => readFile(path.join(library.dir, f), 'utf8')));
    for (const text of files) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(wrong.replace(/ /g, ''));
    }
  });
});

describe('killing `luat-studio publish` mid-upload', () => {
  it('resumes after a restart: the post exists exactly once, with every file once', async () => {
    const wp = wordpress();
    const { library, material, outDir, dir } = await approvedBuild({ videoBytes: 6_000_000, videoAspects: ['16:9'] });
    await library.close();
    open = null;
    const env = { ...process.env, ...wordPressEnv(wp), LUAT_STUDIO_LOCALE: 'en' };
    const cli = (extra: Record<string, string>) => spawn(process.execPath, [
      '--import', 'tsx', path.join(ROOT, 'tests/publish/cli-entry.ts'),
      '--library', dir, 'publish', SAMPLE_BRIEF, '--out', outDir, '--to', 'wordpress',
    ], { cwd: ROOT, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = (child: ReturnType<typeof cli>) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { text += d.toString(); });
      return { text: () => text, exit: new Promise<number | string | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal))) };
    };

    // 2 MB/s: the 6 MB video takes about 3 s, the rest a fraction of one.
    const first = cli({ LUAT_STUDIO_UPLOAD_BYTES_PER_SECOND: '2000000' });
    const firstOut = output(first);
    const queueFile = path.join(dir, QUEUE_FILE);
    const video = 'video/vi/ket-hon-dung-tuoi-tinh-huong-16x9.mp4';
    let state: Record<string, unknown> = {};
    for (let i = 0; i < 600 && state['pendingMedia'] !== video; i++) {
      await sleep(50);
      const text = await readFile(queueFile, 'utf8').catch(() => '');
      try {
        state = (JSON.parse(text) as { jobs: { state: Record<string, unknown> }[] }).jobs[0]?.state ?? {};
      } catch {
        // read between the writer's rename and our read: try again
      }
    }
    expect(state['pendingMedia'], firstOut.text()).toBe(video);
    await sleep(600);
    first.kill('SIGKILL');
    expect(await firstOut.exit).toBe('SIGKILL');

    const key = (JSON.parse(await readFile(queueFile, 'utf8')) as { jobs: { idempotencyKey: string }[] }).jobs[0]!.idempotencyKey.slice(0, 12);
    const ours = async () => (await wpGet(wp, '/wp/v2/media', { search: key })) as { id: number; post: number; source_url: string }[];
    const beforeRestart = await ours();
    // Killed inside the video's upload: the files before it are there, the video is not.
    expect(beforeRestart.map((m) => path.basename(m.source_url)).some((n) => n.endsWith('.mp4'))).toBe(false);
    expect(beforeRestart.length).toBe(Object.keys(state['media'] as object).length);

    const second = cli({});
    const secondOut = output(second);
    expect(await secondOut.exit, secondOut.text()).toBe(0);
    const url = /https?:\/\/\S+/.exec(secondOut.text())?.[0];
    expect(url).toBeTruthy();

    const posts = await wpGet(wp, '/wp/v2/posts', { search: material.title.text, status: 'any' });
    const mine = posts.filter((p: { slug: string }) => p.slug.endsWith(key));
    expect(mine).toHaveLength(1);
    expect(mine[0].link).toBe(url);
    const media = await ours();
    const jobFiles = (JSON.parse(await readFile(queueFile, 'utf8')) as { jobs: { files: unknown[] }[] }).jobs[0]!.files;
    expect(media).toHaveLength(jobFiles.length);
    expect(media.every((m) => m.post === mine[0].id)).toBe(true);

    // The application password is nowhere but in the environment.
    for (const text of [firstOut.text(), secondOut.text(), ...(await Promise.all([QUEUE_FILE, AUDIT_FILE, 'library.json'].map((f) => readFile(path.join(dir, f), 'utf8'))))]) {
      expect(text).not.toContain(wp.applicationPassword);
    }
    const audit = await auditLogFor(dir).read();
    expect(audit.entries.flatMap((e) => (e.type === 'publish' ? [e.event] : []))).toEqual(['queued', 'attempt', 'attempt', 'succeeded']);
  });
});

