/**
 * The shape of `library.json`, validated every time a library is opened so a
 * hand-edited or damaged file gives a clear error instead of odd behaviour.
 *
 * Bump LIBRARY_SCHEMA_VERSION (and add a migration) whenever this changes in
 * a way an older studio could not read.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Material } from '../model/material.js';
import { ProjectRecord, PronunciationRecord, RenderRecord, TranslationRecord, VoiceClipRecord } from '../model/records.js';

export const LIBRARY_SCHEMA_VERSION = 1;

const isoTime = z.string().datetime({ offset: true });

export const StoredMaterial = z.object({
  projectId: z.string().min(1),
  material: Material,
  /** sha256 of JSON.stringify(material); renders record which material they read. */
  materialHash: z.string().regex(/^[0-9a-f]{64}$/),
  updatedAt: isoTime,
});
export type StoredMaterial = z.infer<typeof StoredMaterial>;

export const StoredTranslation = TranslationRecord.extend({
  projectId: z.string().min(1),
  /**
   * Slot of the unit this translation was attached to, or null if it never
   * matched a unit. Lets a re-import find the unit that replaced an edited one.
   */
  slot: z.string().nullable(),
});
export type StoredTranslation = z.infer<typeof StoredTranslation>;

export const StoredVoiceClip = VoiceClipRecord.extend({ projectId: z.string().min(1) });
export type StoredVoiceClip = z.infer<typeof StoredVoiceClip>;

export const StoredRender = RenderRecord.extend({ projectId: z.string().min(1) });
export type StoredRender = z.infer<typeof StoredRender>;

/** A pronunciation entry of one project, or of the whole library when projectId is null. */
export const StoredPronunciation = PronunciationRecord.extend({ projectId: z.string().min(1).nullable() });
export type StoredPronunciation = z.infer<typeof StoredPronunciation>;

export const LibraryData = z.object({
  schemaVersion: z.literal(LIBRARY_SCHEMA_VERSION),
  projects: z.array(ProjectRecord),
  materials: z.array(StoredMaterial),
  translations: z.array(StoredTranslation),
  voiceClips: z.array(StoredVoiceClip),
  renders: z.array(StoredRender),
  /** Added after version 1 without a bump: older files simply have none. */
  pronunciations: z.array(StoredPronunciation).default([]),
  /**
   * The label memory: one translation per language and label (unitId `label:<id>`,
   * engine/translations/labels.ts), shared by every project. Added without a bump.
   */
  labelMemory: z.array(TranslationRecord).default([]),
});
export type LibraryData = z.infer<typeof LibraryData>;

export function emptyLibraryData(): LibraryData {
  return { schemaVersion: LIBRARY_SCHEMA_VERSION, projects: [], materials: [], translations: [], voiceClips: [], renders: [], pronunciations: [], labelMemory: [] };
}

export function materialHash(material: Material): string {
  return createHash('sha256').update(JSON.stringify(material), 'utf8').digest('hex');
}
