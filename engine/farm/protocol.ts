/**
 * What travels through the queue, validated on both ends: a worker on another
 * PC may run another version of the studio, and a job it cannot read must fail
 * with a reason, not render something else.
 */
import { z } from 'zod';
import { Material } from '../model/material.js';
import { OutputEntry, TranslationRecord } from '../model/records.js';

// 2: units may be a video's range of frames (an older worker would render the whole video).
export const FARM_PROTOCOL = 2;

export const UnitJob = z.object({
  protocol: z.literal(FARM_PROTOCOL),
  buildId: z.string().regex(/^[A-Za-z0-9-]+$/),
  unit: z.object({
    key: z.string().regex(/^[A-Za-z0-9_-]+$/), format: z.string(), language: z.string(), aspect: z.string().optional(),
    /** A long video's output frames [from, to). */
    frames: z.object({ from: z.number().int().min(0), to: z.number().int().positive() }).optional(),
  }),
  locale: z.enum(['vi', 'en']),
  material: Material,
  translations: z.array(TranslationRecord),
  /** The studio's resolved settings that mean the same on every PC (no program paths, no folders of the studio's PC). */
  settings: z.record(z.string(), z.unknown()),
  /** Recorded clips, copied to the shared folder: relative to it. */
  clips: z.array(z.object({ target: z.string(), language: z.string(), path: z.string() })),
});
export type UnitJob = z.infer<typeof UnitJob>;

export const UnitResult = z.object({
  outputs: z.array(OutputEntry),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), line: z.number().optional(), col: z.number().optional() })),
  /** host:pid of the worker that rendered it. */
  worker: z.string(),
});
export type UnitResult = z.infer<typeof UnitResult>;

/** Where a build's files live in the shared folder, the same relative path on every PC. */
export const buildFolder = (buildId: string) => `builds/${buildId}`;
export const unitFolder = (buildId: string, unitKey: string) => `${buildFolder(buildId)}/units/${unitKey}`;
