import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { OutputEntry } from '../model/records.js';

/** Size and sha256 of a written output, plus what the format knows about it. */
export async function describeOutput(
  outDir: string,
  absolutePath: string,
  entry: Omit<OutputEntry, 'path' | 'bytes' | 'sha256'>,
): Promise<OutputEntry> {
  const [info, sha256] = await Promise.all([stat(absolutePath), sha256File(absolutePath)]);
  return {
    ...entry,
    path: path.relative(outDir, absolutePath).split(path.sep).join('/'),
    bytes: info.size,
    sha256,
  };
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
