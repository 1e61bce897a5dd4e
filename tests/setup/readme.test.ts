/**
 * The README is what a new user types. Its "Start here" block is run by
 * .ci/run (which reads it from README.md); this file checks that block's
 * shape, runs `npx luat-studio serve` from it, and runs every command of "The
 * command line" in order, in a fresh folder, as a user would.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTinyVoice } from '../helpers/tinyVoiceModel.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The lines of the first ```sh block after `heading`, without comments. */
function commandsUnder(heading: string): string[] {
  const section = README.slice(README.indexOf(heading));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

/** A README line as it runs from another folder: `npx luat-studio` is this checkout's bin, sample paths are the repository's. */
function asRunHere(command: string): string {
  return command
    .replaceAll('npx luat-studio', `"${process.execPath}" "${path.join(ROOT, 'bin', 'luat-studio.js')}"`)
    .replace(/(^|\s)media\//g, `$1${ROOT}/media/`);
}

describe('README', () => {
  it('Start here is exactly: the Debian script, npm ci && npm run demo, npm test, then serve', () => {
    expect(commandsUnder('## Start here')).toEqual([
      'bash scripts/install-debian-packages.sh',
      'npm ci && npm run demo',
      'npm test',
      'npx luat-studio serve',
    ]);
    // CI runs that block as written, not a copy of it.
    expect(readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/## Start here/);
  });

  it('`npx luat-studio serve` answers with the studio page', async () => {
    const library = mkdtempSync(path.join(os.tmpdir(), 'luat-readme-lib-'));
    const [command, ...args] = ['node', path.join(ROOT, 'bin', 'luat-studio.js'), 'serve'];
    const child = spawn(command === 'node' ? process.execPath : command!, args, {
      cwd: os.tmpdir(), env: { ...process.env, LUAT_STUDIO_LIBRARY: library }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<div id="root">/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('every command of "The command line" works, in order, from a fresh folder', async () => {
    const commands = commandsUnder('## The command line');
    expect(commands.length).toBeGreaterThan(8);
    const folder = mkdtempSync(path.join(os.tmpdir(), 'luat-readme-'));
    const env = { ...process.env, LUAT_STUDIO_LIBRARY: path.join(folder, '.library') };
    // The voice the README adds is a real sherpa-onnx archive; nothing can be downloaded here, so it holds the tests' tiny model.
    const voice = path.join(folder, 'staging', 'vits-piper-vi_VN-vais1000-medium');
    await writeTinyVoice(voice);
    execFileSync('tar', ['-cjf', path.join(folder, 'vits-piper-vi_VN-vais1000-medium.tar.bz2'), '-C', path.dirname(voice), path.basename(voice)]);
    for (const command of commands) {
      const run = spawnSync('sh', ['-c', asRunHere(command)], { cwd: folder, env, encoding: 'utf8', timeout: 200_000 });
      expect(run.status, `${command}\n${run.stderr}`).toBe(0);
      expect(run.stderr, command).not.toMatch(/unexpected|không mong muốn|at .*\.ts:\d+/i);
    }
    expect(existsSync(path.join(folder, 'out', 'manifest.json'))).toBe(true);
    expect(existsSync(path.join(folder, 'ket-hon-dung-tuoi.blt.xlf'))).toBe(true);
    expect(existsSync(path.join(folder, 'ban-dich', 'ket-hon-dung-tuoi.hnj.po'))).toBe(true);
    expect(readdirSync(path.join(folder, 'packages')).some((f) => f.endsWith('.zip'))).toBe(true);
    expect(readdirSync(path.join(folder, 'report')).map((f) => path.extname(f)).sort()).toEqual(['.csv', '.pdf', '.xlsx']);
    // `voices remove` took away what `voices add` stored.
    expect(readdirSync(path.join(folder, '.library', 'voices')).filter((f) => !f.startsWith('.'))).toEqual([]);
  });
});
