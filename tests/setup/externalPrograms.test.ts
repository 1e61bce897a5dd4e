/**
 * Every program a test (or a script the tests start) runs must be installed by
 * scripts/install-debian-packages.sh: CI runs on machines where something
 * installed by hand can hide a missing install step. This file lists them,
 * fails with their names when one is missing, and scans the test sources so a
 * new call that runs a program by name without an entry here fails where it is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** program → the Debian package that installs it. */
export const EXTERNAL_PROGRAMS: Record<string, string> = {
  chromium: 'chromium',
  'espeak-ng': 'espeak-ng',
  ffmpeg: 'ffmpeg',
  pdfinfo: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdfimages: 'poppler-utils',
  qpdf: 'qpdf',
  msgfmt: 'gettext',
  sox: 'sox',
  soxi: 'sox',
  unzip: 'unzip',
  tar: 'tar',
  bzip2: 'bzip2',
  python3: 'python3',
  ps: 'procps',
  sh: 'dash',
  chmod: 'coreutils',
  mkfifo: 'coreutils',
  setpriv: 'util-linux',
  mount: 'mount',
  umount: 'mount',
  mariadbd: 'mariadb-server',
  'mariadb-install-db': 'mariadb-server',
  mariadb: 'mariadb-client',
  php: 'php-cli',
  'redis-server': 'redis-server',
  ffprobe: 'ffmpeg',
  epubcheck: 'epubcheck',
  // epubcheck is a jar: the tests run it with java, named here rather than left to epubcheck's dependencies.
  java: 'default-jre-headless',
  gs: 'ghostscript',
};

/** Files, not programs, that tests rely on. */
const EXTERNAL_FILES: Record<string, string> = {
  '/usr/share/wordpress/wp-settings.php': 'wordpress',
};

function onPath(program: string): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/sbin', '/usr/bin']);
  return dirs.some((dir) => {
    const candidate = path.join(dir, program);
    return existsSync(candidate) && statSync(candidate).isFile();
  });
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Program names passed literally to a process-starting call in the tests and test scripts. */
function programsNamedIn(files: string[]): Map<string, string> {
  const calls = /\b(?:execFileSync|execFile|spawnSync|spawn|run|findBinary)\(\s*'([A-Za-z0-9_.-]+)'/g;
  const found = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(calls)) {
      found.set(match[1]!, path.relative(ROOT, file));
    }
  }
  return found;
}

describe('external programs the tests need', () => {
  it('are all installed (names the missing ones)', () => {
    const missing = Object.entries(EXTERNAL_PROGRAMS).filter(([program]) => !onPath(program)).map(([p, pkg]) => `${p} (Debian package ${pkg})`);
    const missingFiles = Object.entries(EXTERNAL_FILES).filter(([file]) => !existsSync(file)).map(([f, pkg]) => `${f} (Debian package ${pkg})`);
    expect([...missing, ...missingFiles], 'run scripts/install-debian-packages.sh').toEqual([]);
  });

  it('are all installed by scripts/install-debian-packages.sh', () => {
    const script = readFileSync(path.join(ROOT, 'scripts', 'install-debian-packages.sh'), 'utf8');
    const listed = /^PACKAGES=\(([^)]*)\)/m.exec(script)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    const needed = new Set([...Object.values(EXTERNAL_PROGRAMS), ...Object.values(EXTERNAL_FILES)]);
    // dash (/bin/sh) is Essential in Debian and the script itself runs in a shell.
    needed.delete('dash');
    expect([...needed].filter((pkg) => !listed.includes(pkg))).toEqual([]);
  });

  it('include every program the test sources run by name', () => {
    const named = programsNamedIn([...sources(path.join(ROOT, 'tests')), ...sources(path.join(ROOT, 'scripts'))]);
    const unlisted = [...named].filter(([program]) => !(program in EXTERNAL_PROGRAMS)).map(([p, file]) => `${p} (in ${file})`);
    expect(unlisted, 'add them to EXTERNAL_PROGRAMS and to the install script').toEqual([]);
  });

  it('are the real programs, not stand-ins', () => {
    // A stand-in (a shell script that exits 0) would hide a missing package; each must answer its version.
    for (const [program, args] of [['espeak-ng', ['--version']], ['qpdf', ['--version']], ['pdfinfo', ['-v']], ['sox', ['--version']]] as const) {
      const result = spawnSync(program, [...args], { encoding: 'utf8' });
      expect(`${result.stdout}${result.stderr}`, program).toMatch(/\d+\.\d+/);
    }
  });
});
