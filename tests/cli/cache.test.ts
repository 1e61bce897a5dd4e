/**
 * `luat-studio cache` and `luat-studio cache clear`, run as users run them:
 * sizes in Vietnamese by default, a cache named wrong refused with the list
 * of the right names, and a clear that frees what it says.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'luat-cli-cache-'));
  env = { LUAT_STUDIO_CACHE: path.join(dir, 'cache'), LUAT_STUDIO_LIBRARY: path.join(dir, 'library') };
  const picture = path.join(dir, 'cache', 'video-pictures', 'shipped-x', 'browser-y', 'k.jpeg');
  await mkdir(path.dirname(picture), { recursive: true });
  await writeFile(picture, Buffer.alloc(3 * 1024 * 1024));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('luat-studio cache', () => {
  it('lists each kept cache with its size, in Vietnamese', () => {
    const r = runCli(['cache'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('video-pictures\tHình, phụ đề và đoạn video đã dựng: 3 MB (1 tệp)');
    expect(r.stdout).toMatch(/^speech\t.*: 0 B \(0 tệp\)$/m);
    expect(r.stdout).toContain(`Tổng cộng 3 MB. Thư mục bộ nhớ đệm: ${path.join(dir, 'cache')}`);
  });

  it('refuses a name it does not know, and clears nothing', () => {
    const r = runCli(['cache', 'clear', '--only', 'pictures'], env);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Không có loại bộ nhớ đệm "pictures". Các loại có: video-pictures, video-bundles, speech.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'cache', 'video-pictures', 'shipped-x', 'browser-y', 'k.jpeg'))).toBe(true);
  });

  it('clears what it is asked to and says what it freed', () => {
    const r = runCli(['--locale', 'en', 'cache', 'clear', '--only', 'video-pictures'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Cleared: 3 MB freed.');
    expect(r.stdout).toContain('video-pictures\tPictures, captions and video chunks already made: 0 B (0 files)');
    expect(existsSync(path.join(dir, 'cache', 'video-pictures'))).toBe(false);
  });
});
