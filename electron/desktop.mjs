#!/usr/bin/env node
/**
 * `npm start`: the desktop app. Electron is not an npm dependency of the
 * project, because its install script downloads a 100 MB binary and would make
 * `npm ci` fail on machines that reach only the npm registry. It is installed
 * here, on first start, at the version whose types the shell is checked
 * against (electron/types/); a failure to fetch it is explained in Vietnamese
 * and English, and nothing else in the studio depends on it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_VERSION = '41.7.1';
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));

function locale() {
  const wanted = (process.env.LUAT_STUDIO_LOCALE ?? '').toLowerCase();
  return wanted.startsWith('en') ? 'en' : 'vi';
}

/** Messages come from the engine's catalogue, so the launcher says what the CLI would. */
function say(key, params = {}) {
  const catalogue = JSON.parse(readFileSync(path.join(root, 'engine', 'i18n', 'locales', `${locale()}.json`), 'utf8'));
  let text = key.split('.').reduce((node, part) => node?.[part], catalogue) ?? key;
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{{${name}}}`, String(value));
  return text;
}

/** The path of the installed Electron binary, or null when it is missing or another version. */
function installedElectron() {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
    if (pkg.version !== ELECTRON_VERSION) return null;
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...options });
  return result.status === 0;
}

function main() {
  let electron = installedElectron();
  if (!electron) {
    process.stdout.write(`${say('desktop.installing', { version: ELECTRON_VERSION })}\n`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const env = { ...process.env };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const ok = run(npm, ['install', '--no-save', '--no-audit', '--no-fund', `electron@${ELECTRON_VERSION}`], { env });
    electron = ok ? installedElectron() : null;
    if (!electron) {
      process.stderr.write(`${say('desktop.installFailed', { version: ELECTRON_VERSION })}\n`);
      return 1;
    }
  }
  process.stdout.write(`${say('desktop.building')}\n`);
  if (!run(process.execPath, [path.join(root, 'scripts', 'build-ui.mjs')])) return 1;
  if (!run(process.execPath, [path.join(root, 'scripts', 'build-dist.mjs')])) return 1;
  return run(electron, ['.']) ? 0 : 1;
}

process.exitCode = main();
