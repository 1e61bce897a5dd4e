import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutputEntry } from '../../../engine/model/records.js';
import { aspectOf, chooseVariant } from '../../../engine/publish/channels/variants.js';
import { FACEBOOK_PRESET, TIKTOK_PRESET, YOUTUBE_PRESET, YOUTUBE_SHORTS_PRESET, ZALO_PRESET } from '../../../engine/publish/channels/presets.js';
import { redact } from '../../../engine/publish/channels/redact.js';
import { CHANNEL_MESSAGES } from '../../../engine/publish/channels/messages.js';
import { writeReadyPackage } from '../../../engine/publish/channels/readyPackage.js';
import { createAdapter, channelSettings } from '../../../engine/publish/registry.js';
import { context, request, video, workspace, type Workspace } from './helpers.js';

const entry = (o: Partial<OutputEntry> & Pick<OutputEntry, 'format' | 'variant' | 'path'>): OutputEntry => ({
  language: 'vi',
  bytes: 1000,
  sha256: '0'.repeat(64),
  ...o,
});

/** What a video + infographic build writes for one language (see engine/formats). */
const MANIFEST: OutputEntry[] = [
  entry({ format: 'video', variant: '16x9', path: 'video/vi/m-s1-16x9.mp4', width: 1920, height: 1080, durationSec: 95 }),
  entry({ format: 'video', variant: '16x9.srt', path: 'video/vi/m-s1-16x9.srt', durationSec: 95 }),
  entry({ format: 'video', variant: '16x9.poster', path: 'video/vi/m-s1-16x9-poster.png', width: 1920, height: 1080 }),
  entry({ format: 'video', variant: '9x16', path: 'video/vi/m-s1-9x16.mp4', width: 1080, height: 1920, durationSec: 95 }),
  entry({ format: 'video', variant: '1x1', path: 'video/vi/m-s1-1x1.mp4', width: 1080, height: 1080, durationSec: 95 }),
  entry({ format: 'video', variant: '1x1.poster', path: 'video/vi/m-s1-1x1-poster.png', width: 1080, height: 1080 }),
  entry({ format: 'infographic', variant: 'feed', path: 'infographic/vi/m-infographic-feed.png', width: 1080, height: 1350 }),
  entry({ format: 'infographic', variant: 'square', path: 'infographic/vi/m-infographic-square.png', width: 1080, height: 1080 }),
  entry({ format: 'infographic', variant: 'poster', path: 'infographic/vi/m-infographic-poster.pdf', width: 794, height: 1123 }),
  entry({ format: 'booklet', variant: 'screen', path: 'booklet/vi/m-booklet-screen.pdf' }),
];

const chosen = (choice: ReturnType<typeof chooseVariant>) => ('entry' in choice ? choice.entry.path : choice.problem.code);

describe('variant choice', () => {
  it('reads aspect ratios from pixel sizes and from variant names', () => {
    expect(aspectOf({ width: 1920, height: 1080, variant: '' })).toBe('16:9');
    expect(aspectOf({ width: 720, height: 1280, variant: '' })).toBe('9:16');
    expect(aspectOf({ width: 1080, height: 1350, variant: 'feed' })).toBe('4:5');
    expect(aspectOf({ variant: 'sit-2:9x16' })).toBe('9:16');
    expect(aspectOf({ variant: '16x9.srt' })).toBe('16:9');
    expect(aspectOf({ width: 1000, height: 700, variant: '' })).toBe('10:7');
    expect(aspectOf({ variant: 'screen' })).toBeNull();
  });

  it("gives each channel the variant it shows best", () => {
    expect(chosen(chooseVariant(TIKTOK_PRESET, MANIFEST, 'vi'))).toBe('video/vi/m-s1-9x16.mp4');
    expect(chosen(chooseVariant(YOUTUBE_SHORTS_PRESET, MANIFEST, 'vi'))).toBe('video/vi/m-s1-9x16.mp4');
    expect(chosen(chooseVariant(YOUTUBE_PRESET, MANIFEST, 'vi'))).toBe('video/vi/m-s1-16x9.mp4');
    expect(chosen(chooseVariant(FACEBOOK_PRESET, MANIFEST, 'vi'))).toBe('video/vi/m-s1-1x1.mp4');
    expect(chosen(chooseVariant(FACEBOOK_PRESET, MANIFEST, 'vi', 'image'))).toBe('infographic/vi/m-infographic-feed.png');
    expect(chosen(chooseVariant(ZALO_PRESET, MANIFEST, 'vi'))).toBe('video/vi/m-s1-16x9.mp4');
  });

  it('never posts a video poster as a photo, and says what is missing', () => {
    const noInfographic = MANIFEST.filter((o) => o.format !== 'infographic');
    expect(chosen(chooseVariant(FACEBOOK_PRESET, noInfographic.filter((o) => !o.path.endsWith('.mp4')), 'vi', 'image'))).toBe('noSuitableOutput');
    expect(chooseVariant(TIKTOK_PRESET, MANIFEST, 'en')).toEqual({
      problem: { code: 'noSuitableOutput', params: { channel: 'tiktok', language: 'en', formats: 'video, lecture', extensions: '.mp4, .webm, .mov' } },
    });
    const onlyWide = MANIFEST.filter((o) => o.variant === '16x9');
    expect(chooseVariant(TIKTOK_PRESET, onlyWide, 'vi')).toEqual({
      problem: { code: 'wrongAspect', params: { channel: 'tiktok', language: 'vi', found: '16:9', wanted: '9:16' } },
    });
  });
});

describe('redaction', () => {
  it('masks given secrets and anything shaped like a credential', () => {
    const text = 'failed https://x/y?access_token=EAAB123&upload_token=zz9 with Authorization: Bearer ya29.abc-DEF and {"access_token":"q1w2e3"} token SECRETVALUE';
    const out = redact(text, ['SECRETVALUE']);
    for (const s of ['EAAB123', 'zz9', 'ya29.abc-DEF', 'q1w2e3', 'SECRETVALUE']) expect(out).not.toContain(s);
    expect(out).toContain('access_token=[redacted]');
    expect(out).toContain('Bearer [redacted]');
  });
});

describe('messages', () => {
  const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../engine/publish/channels');

  async function sources(dir: string): Promise<string> {
    let text = '';
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) text += await sources(p);
      else if (e.name.endsWith('.ts') && e.name !== 'messages.ts') text += await readFile(p, 'utf8');
    }
    return text;
  }

  it('has a Vietnamese and an English text, with the same placeholders, for every code the adapters use', async () => {
    const text = await sources(sourceDir);
    const diagCodes = new Set([...text.matchAll(/code: '([a-zA-Z]+)'/g)].map((m) => m[1]!));
    const errorCodes = new Set([...text.matchAll(/'publish\.([a-zA-Z]+)'/g)].map((m) => m[1]!));
    expect(diagCodes.size).toBeGreaterThan(10);
    expect(errorCodes.size).toBeGreaterThan(5);
    for (const lang of ['vi', 'en'] as const) {
      const diag = CHANNEL_MESSAGES[lang].diag.publish as unknown as Record<string, string>;
      const error = CHANNEL_MESSAGES[lang].error.publish as unknown as Record<string, string>;
      for (const c of diagCodes) expect(diag[c], `${lang} diag.publish.${c}`).toBeTruthy();
      for (const c of errorCodes) expect(error[c], `${lang} error.publish.${c}`).toBeTruthy();
    }
    const placeholders = (s: unknown): unknown => (typeof s === 'string' ? [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort() : JSON.stringify(s, (_k, v) => (typeof v === 'string' ? placeholders(v) : v)));
    for (const group of ['diag', 'error'] as const) {
      const vi = CHANNEL_MESSAGES.vi[group].publish as unknown as Record<string, string>;
      const en = CHANNEL_MESSAGES.en[group].publish as unknown as Record<string, string>;
      expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(vi)) expect(placeholders(vi[k]), k).toEqual(placeholders(en[k]));
    }
  });
});

describe('ready-to-upload package', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await workspace();
  });
  afterEach(async () => ws.cleanup());

  it('is written once per job and leaves no partial folder behind', async () => {
    const file = await video(ws, '9:16', 50_000);
    const req = await request([file]);
    const packageDir = path.join(ws.dir, 'packages');
    const first = await writeReadyPackage({ channel: 'tiktok', request: req, files: [file], packageDir, reason: 'manual' });
    const second = await writeReadyPackage({ channel: 'tiktok', request: req, files: [file], packageDir, reason: 'manual' });
    expect(second).toEqual(first);
    expect((await readdir(packageDir)).sort()).toEqual([path.basename(first.dir), path.basename(first.zip)].sort());
    expect(await readFile(path.join(first.dir, 'HUONG-DAN.txt'), 'utf8')).toContain('chế độ đăng thủ công');
  });

  it('is what the publish registry builds from a channel\'s settings (environment overlay included)', async () => {
    const env = { LUAT_STUDIO_FACEBOOK_PAGE_ID: '1755847768034402', LUAT_STUDIO_FACEBOOK_APP_ID: '584544743160774', LUAT_STUDIO_FACEBOOK_APP_APPROVED: 'false' };
    const packageDir = path.join(ws.dir, 'queue-packages');
    const fb = await createAdapter('facebook', channelSettings('facebook', {}, env), packageDir);
    expect(fb.credentialNames).toEqual(['pageAccessToken', 'userAccessToken']);
    expect(fb.defaultEndpoint).toBe('https://graph.facebook.com');
    const req = await request([await video(ws, '1:1', 20_000)]);
    expect(fb.preflight(req)).toEqual([]);
    const result = await fb.publish(req, context('', {}).ctx);
    expect(path.dirname(result.packagePath!)).toBe(packageDir);
    for (const channel of ['youtube', 'tiktok', 'zalo'] as const) {
      const adapter = await createAdapter(channel, {}, packageDir);
      expect(adapter.id).toBe(channel);
      expect(adapter.credentialNames).toEqual(['accessToken']);
      expect(adapter.defaultEndpoint).toMatch(/^https:\/\//);
    }
  });
});
