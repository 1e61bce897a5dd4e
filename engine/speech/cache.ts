/**
 * Synthesised lines on disk, keyed by (engine, text, language, voice). The
 * audiobook and the video ask for the same lines, and a re-build after a
 * one-word edit re-synthesises only that line. A cached file is a plain WAV;
 * deleting one (or the whole folder) only costs a re-synthesis.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../fs/durable.js';
import type { SpeechRequest, VoiceSpec } from './speechEngine.js';

export class SpeechCache {
  constructor(readonly dir: string) {}

  /** Where the WAV for `request` spoken by `engineKey` (engine id plus anything that changes its sound) lives. */
  pathFor(engineKey: string, request: SpeechRequest): string {
    const key = createHash('sha256')
      .update(JSON.stringify([engineKey, request.language, normalVoice(request.voice), request.text.normalize('NFC')]))
      .digest('hex');
    return path.join(this.dir, key.slice(0, 2), `${key}.wav`);
  }

  has(file: string): boolean {
    return existsSync(file);
  }

  /** Writes via a temp name, so a crash never leaves a truncated WAV under the final name. */
  async put(file: string, bytes: Uint8Array): Promise<void> {
    await writeFileDurably(file, bytes);
  }
}

/** Voice fields in a fixed order with defaults dropped, so equal voices hash equally. */
function normalVoice(v: VoiceSpec): Array<string | number | null> {
  return [v.accent ?? null, v.gender ?? null, v.pitch ?? null, v.rate ? v.rate : null];
}
