/**
 * "Hear the machine voice" for one line: the line (or chapter) spoken by the
 * engine a build would use when nothing was recorded, written into the
 * project's preview folder so the UI can play it from /files/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { copyFileDurably } from '../fs/durable.js';
import { voicesDirOf } from '../speech/neural/voiceLibrary.js';
import { holdBuildLease } from '../build/buildLease.js';
import { projectSpeechCacheDir } from '../build/speech.js';
import { speechRegistryFromSettings } from '../speech/registry.js';
import { listVoiceTargets } from './voices.js';
import { previewDirFor, requireMaterial, type Studio } from './studio.js';

/** Writes the machine reading of `target` in `language`; returns its path relative to the preview folder. */
export async function machineVoiceLine(studio: Studio, projectId: string, language: string, target: string): Promise<string> {
  const { project } = await requireMaterial(studio, projectId);
  const line = (await listVoiceTargets(studio, projectId, language)).find((t) => t.target === target);
  if (!line) throw new StudioError('api.unknownUnit', { unitId: target });
  const settings: Record<string, unknown> = { ...project.settings, speechEngine: studio.app.speechEngine, voicesDir: voicesDirOf(studio.library.dir) };
  const registry = speechRegistryFromSettings(settings, { cacheDir: projectSpeechCacheDir(studio.library.projectDir(projectId)) });
  const relative = path.posix.join('machine-voice', language, `${target.replace(/[^A-Za-z0-9._-]/g, '_')}.wav`);
  const file = path.join(previewDirFor(studio, projectId), ...relative.split('/'));
  // The line is spoken into the project's speech cache and copied from there: not cleared meanwhile (caches.ts).
  const releaseLease = await holdBuildLease();
  try {
    const [spoken] = await registry.speak([{ target: null, text: line.text, language, voice: {} }]);
    await mkdir(path.dirname(file), { recursive: true });
    await copyFileDurably(spoken!.wavPath, file);
  } finally {
    await releaseLease();
  }
  return relative;
}
