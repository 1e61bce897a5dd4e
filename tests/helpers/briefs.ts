import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_BRIEF = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');
export const sampleText = () => readFileSync(SAMPLE_BRIEF, 'utf8');

/** 1-based line of the first line containing `marker`. */
export function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(marker));
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  return index + 1;
}

/** Replaces one exact piece of the sample, failing loudly if it is not there. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`not in brief: ${from}`);
  return text.replace(from, to);
}

/** A fresh temp folder for a test file's briefs (and other inputs), and a writer that returns each file's path. */
export function tempFiles(prefix: string): { dir: string; write: (name: string, content: string | Uint8Array) => string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `luat-${prefix}-`));
  return {
    dir,
    write: (name, content) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
  };
}
