/**
 * Anything unexpected goes to a crash log for support; the user is told, in
 * their language, which file to send. Never a stack trace on screen. Tokens
 * known to this process are masked before the log is written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redact } from './redact.js';
import { baseTempDir } from './runTemp.js';

/** Writes the log and returns its path, or null if even that failed. */
export function writeCrashLog(error: unknown, context: string): string | null {
  try {
    // Not the run's own temp folder (./runTemp.ts): that one is removed when the process ends.
    const dir = path.join(baseTempDir(), 'luat-studio-crash');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `crash-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
    const detail = error instanceof Error
      ? withSourceLines(`${error.stack ?? error.message}\n${error.cause ? `cause: ${String((error.cause as Error).stack ?? error.cause)}` : ''}`)
      : String(error);
    writeFileSync(file, redact(`Luật Studio ${context}\nnode ${process.version} ${process.platform}-${process.arch}\n\n${detail}\n`));
    return file;
  } catch {
    return null;
  }
}

/**
 * A stack's lines in a compiled bundle (dist/…/*.js, its .map beside it)
 * named by their TypeScript file and line instead, for support to read. Done
 * here, for the one stack a log holds, rather than by Node's source-map
 * support for the whole process: with that on, every stack Node formats went
 * through the maps, and Playwright reads one for each call it makes to the
 * browser (a cold video build's main thread: 0.84 s formatting stacks with the
 * maps, 0.33 s without; 2026-12-07).
 */
export function withSourceLines(stack: string): string {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (file: string): SourceMap | null => {
    if (!maps.has(file)) {
      let map: SourceMap | null = null;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
      } catch {
        // No map beside it (a dependency, or sources run through tsx): the line stays as it is.
      }
      maps.set(file, map);
    }
    return maps.get(file) ?? null;
  };
  return stack.replace(/((?:file:\/\/)?\/[^\s()]+\.m?js):(\d+):(\d+)/g, (whole, location: string, line: string, column: string) => {
    const file = location.startsWith('file://') ? fileURLToPath(location) : location;
    const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return whole;
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
