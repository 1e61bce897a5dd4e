/**
 * Voices: what can be recorded for a language, storing a take (cleaned by
 * the audio pipeline), and the clips a build speaks instead of synthesising.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { prepareRecording } from '../media/recording.js';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import type { VoiceClipSource } from '../speech/speechEngine.js';
import type { VoiceTarget } from '../api/contract.js';
import { requireMaterial, type Studio } from './studio.js';
import { currentClipSource, voiceTargets } from './voiceTargets.js';

export async function listVoiceTargets(studio: Studio, projectId: string, language: string): Promise<VoiceTarget[]> {
  const { material } = await requireMaterial(studio, projectId);
  const [records, clips] = await Promise.all([studio.library.listTranslations(projectId), studio.library.listVoiceClips(projectId, language)]);
  return voiceTargets(material, language, records, clips);
}

/** Stores a recorded take for one line or chapter, after denoise, trim and loudness. */
export async function recordVoiceTake(
  studio: Studio, projectId: string, take: { language: string; target: string; audio: Uint8Array; extension: string },
): Promise<VoiceTarget> {
  const { material } = await requireMaterial(studio, projectId);
  const { language, target } = take;
  const records = await studio.library.listTranslations(projectId);
  const before = voiceTargets(material, language, records, []).find((t) => t.target === target);
  if (!before) throw new StudioError('api.unknownUnit', { unitId: target });
  const work = await mkdtemp(path.join(tmpdir(), 'luat-voice-'));
  try {
    const input = path.join(work, `take.${take.extension}`);
    const output = path.join(work, 'clip.wav');
    await writeFile(input, take.audio);
    const prepared = await prepareRecording(input, output);
    await studio.library.putVoiceClip(projectId, {
      target, language, durationSec: prepared.durationSec, sourceText: before.text, createdAt: new Date().toISOString(), extension: 'wav',
    }, output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const clips = await studio.library.listVoiceClips(projectId, language);
  return voiceTargets(material, language, records, clips).find((t) => t.target === target)!;
}

/** The recorded clips a build of this project speaks (only takes of the current words). */
export async function voiceClipsFor(studio: Studio, material: Material, translations: TranslationRecord[]): Promise<VoiceClipSource> {
  return currentClipSource(material, translations, await studio.library.listVoiceClips(material.id), studio.library.projectDir(material.id));
}
