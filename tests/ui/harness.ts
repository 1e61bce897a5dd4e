/**
 * What the UI tests stand on: the built UI (rebuilt when renderer/ or the
 * templates changed), `luat-studio serve --port 0` in a child process with
 * its own temporary library, and Debian's Chromium driven by playwright-core
 * (never a downloaded browser).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { launchChromium as launchStudioChromium } from '../../engine/render/chromium.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHOTS = path.join(ROOT, 'test-results', 'ui');
const UI_INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');
/** Everything the UI bundle is built from. */
const UI_SOURCES = ['renderer', 'templates/video', 'templates/shared', 'engine/api/contract.ts', 'vite.config.ts'];

function newestMtime(entry: string): number {
  const info = statSync(entry, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Runs `vite build` when dist/renderer is missing or older than its sources. */
export function ensureUiBuilt(): void {
  const built = statSync(UI_INDEX, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...UI_SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (built > sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

export interface Served {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  library: string;
  /** From spawn to the URL line on stdout. */
  startMs: number;
  spawnedAt: number;
  stop(): Promise<void>;
}

/** `luat-studio serve` as users run it. */
function serveArgs(): string[] {
  return [path.join(ROOT, 'bin', 'luat-studio.js'), 'serve', '--port', '0'];
}

/** `env`: more variables for the serve process (e.g. the WordPress a publish test posts to). */
export async function startServe(env: Record<string, string> = {}): Promise<Served> {
  const library = mkdtempSync(path.join(os.tmpdir(), 'luat-ui-'));
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, serveArgs(), {
    cwd: ROOT,
    env: { ...process.env, LUAT_STUDIO_LIBRARY: library, LUAT_STUDIO_LOCALE: 'vi', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  const startMs = performance.now() - spawnedAt;
  const parsed = new URL(url);
  return {
    child, url, origin: parsed.origin, token: parsed.searchParams.get('token')!, library, startMs, spawnedAt,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(library, { recursive: true, force: true });
    },
  };
}

/** A spoken Vietnamese sentence (espeak-ng), played by Chromium's fake microphone. */
function microphoneWav(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'luat-mic-')), 'mic.wav');
  execFileSync('espeak-ng', ['-v', 'vi', '-w', file, 'Chào bác! Cháu nghe tin nhà mình sắp làm đám cưới cho Páo.']);
  return file;
}

export async function launchChromium(): Promise<Browser> {
  return launchStudioChromium({
    extraArgs: [
      // A fake microphone, so the Voice screen can record without hardware.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphoneWav()}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export function shotPath(name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, `${name}.png`);
}
