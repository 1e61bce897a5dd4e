/**
 * Test fixtures for the social adapters: the sample brief's Material, small
 * generated files posing as build outputs (the servers check sizes and the
 * protocol, not media content), and a PublishContext that keeps every
 * checkpoint the way the queue would.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importBriefFile } from '../../../engine/brief/import.js';
import type { ChannelState, PublishContext, PublishFile, PublishRequest } from '../../../engine/publish/channel.js';
import type { Material } from '../../../engine/model/material.js';
import type { OutputEntry } from '../../../engine/model/records.js';
import { SAMPLE_BRIEF } from '../../helpers/briefs.js';

let material: Material | null = null;

export async function sampleMaterial(): Promise<Material> {
  if (!material) {
    const result = await importBriefFile(SAMPLE_BRIEF);
    if (!result.material) throw new Error('the sample brief did not import');
    material = result.material;
  }
  return material;
}

export interface Workspace {
  dir: string;
  cleanup(): Promise<void>;
}

export async function workspace(): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'luat-channels-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface FakeOutput {
  format?: string;
  language?: string;
  variant: string;
  /** Path relative to the build folder. */
  path: string;
  bytes: number;
  durationSec?: number;
  width?: number;
  height?: number;
  /** The picture's description, as the build writes it in the manifest. */
  altText?: string;
  /** File content; random bytes of `bytes` length when absent. */
  content?: Buffer;
}

export async function fakeOutput(ws: Workspace, o: FakeOutput): Promise<PublishFile> {
  const content = o.content ?? randomBytes(o.bytes);
  const absolutePath = path.join(ws.dir, 'out', ...o.path.split('/'));
  await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(absolutePath), { recursive: true }));
  await writeFile(absolutePath, content);
  const output: OutputEntry = {
    format: o.format ?? 'video',
    language: o.language ?? 'vi',
    variant: o.variant,
    path: o.path,
    bytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    ...(o.durationSec !== undefined ? { durationSec: o.durationSec } : {}),
    ...(o.width !== undefined ? { width: o.width } : {}),
    ...(o.height !== undefined ? { height: o.height } : {}),
    ...(o.altText !== undefined ? { altText: o.altText } : {}),
  };
  return { output, absolutePath };
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A 16:9 / 9:16 / 1:1 MP4 stand-in of `bytes` random bytes. */
export function video(ws: Workspace, aspect: '16:9' | '9:16' | '1:1', bytes: number, durationSec = 95, language = 'vi') {
  const dims = { '16:9': [1920, 1080], '9:16': [1080, 1920], '1:1': [1080, 1080] }[aspect];
  const slug = aspect.replace(':', 'x');
  return fakeOutput(ws, {
    variant: slug,
    language,
    path: `video/${language}/ket-hon-dung-tuoi-tinh-huong-${slug}.mp4`,
    bytes,
    durationSec,
    width: dims[0]!,
    height: dims[1]!,
  });
}

export async function request(files: PublishFile[], caption = 'Kết hôn đúng tuổi: nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.', language = 'vi'): Promise<PublishRequest> {
  return { material: await sampleMaterial(), language, files, caption, idempotencyKey: 'job-0001-abcdef' };
}

export interface TestContext {
  ctx: PublishContext;
  checkpoints: ChannelState[];
  /** The last checkpointed state (what the queue would hand to the next attempt). */
  saved(): ChannelState;
  progress: Array<[number, number]>;
  abort(): void;
}

export function context(endpoint: string, credentials: Record<string, string>, state: ChannelState = {}): TestContext {
  const checkpoints: ChannelState[] = [];
  const progress: Array<[number, number]> = [];
  const controller = new AbortController();
  const ctx: PublishContext = {
    state,
    credentials,
    endpoint,
    signal: controller.signal,
    checkpoint: async (s) => {
      // Stored as JSON, as the queue stores it: a state that does not survive this is a bug.
      checkpoints.push(JSON.parse(JSON.stringify(s)) as ChannelState);
    },
    progress: (done, total) => progress.push([done, total]),
  };
  return {
    ctx,
    checkpoints,
    saved: () => checkpoints.at(-1) ?? state,
    progress,
    abort: () => controller.abort(new DOMException('cancelled by the test', 'AbortError')),
  };
}
