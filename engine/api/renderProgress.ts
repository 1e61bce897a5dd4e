/**
 * Progress of a render weighted by the work it really does, and the time
 * left. Formats run one after another and, inside a format, steps one after
 * another (a video: the voices of a language, then the frames and encoding
 * of each aspect), so the bar is
 *
 *   (work of the steps finished + work of the current step × its fraction) / all the work
 *
 * where the work of each step is an estimate in seconds on a two-core PC
 * (relative weights are what matter). Only what was asked is counted: the
 * chosen aspects, the languages that will be built.
 */
import type { ProgressUpdate } from '../build/format.js';
import type { TFunction } from 'i18next';
import { formatLabel } from '../build/registry.js';
import type { Locale } from '../i18n/index.js';

/** Rough seconds per language (print, audio) or per step (video) on the reference PC. */
const WEIGHTS = {
  print: { booklet: 12, leaflet: 6, infographic: 8 } as Record<string, number>,
  audiobook: 60,
  otherFormat: 10,
  /** The video's one-off start: its Remotion bundle and its browser. */
  videoPrepare: 30,
  /** Speech for one situation in one language, and its soundtrack. */
  videoVoices: 60,
  /** Frames and encoding of one aspect of one situation in one language (1080p). */
  videoFrames: 120,
} as const;

export interface PlanInput {
  formats: string[];
  /** Languages that will be built. */
  languages: number;
  /** For each situation video of the brief: how many of its aspects are built. */
  videoAspects: number[];
}

interface PlannedFormat {
  name: string;
  /** The format's whole work. */
  weight: number;
  /** Work of one step of this format, from its update. */
  stepWeight(update: ProgressUpdate): number;
}

export function planWork(input: PlanInput): PlannedFormat[] {
  const languages = Math.max(1, input.languages);
  return input.formats.map((name) => {
    if (name === 'video') {
      const perLanguage = input.videoAspects.reduce((sum, aspects) => sum + WEIGHTS.videoVoices + aspects * WEIGHTS.videoFrames, 0);
      return {
        name,
        weight: input.videoAspects.length > 0 ? WEIGHTS.videoPrepare + perLanguage * languages : 1,
        stepWeight: (u) => (u.phase === 'prepare' ? WEIGHTS.videoPrepare : u.phase === 'voices' ? WEIGHTS.videoVoices : WEIGHTS.videoFrames),
      };
    }
    const perLanguage = name === 'audiobook' ? WEIGHTS.audiobook : (WEIGHTS.print[name] ?? WEIGHTS.otherFormat);
    // The booklet reports all its editions under one step; the others one step per language.
    const steps = name === 'booklet' ? 1 : languages;
    const weight = perLanguage * languages;
    return { name, weight, stepWeight: () => weight / steps };
  });
}

export interface ProgressEstimate {
  fraction: number;
  /** Seconds left, once enough has been done to say; null before. */
  remainingSec: number | null;
}

export class WeightedProgress {
  private readonly total: number;
  private finishedWeight = 0;
  private current: { format: string; key: string; weight: number; fraction: number } | null = null;
  private formatDone = new Map<string, number>();
  private shown = 0;
  private readonly started: number;

  constructor(
    private readonly plan: PlannedFormat[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.total = plan.reduce((sum, f) => sum + f.weight, 0) || 1;
    this.started = now();
  }

  update(update: ProgressUpdate): ProgressEstimate {
    const format = update.format ?? this.current?.format ?? this.plan[0]?.name ?? '';
    const planned = this.plan.find((f) => f.name === format);
    const key = `${format}\u0000${update.phase ?? ''}\u0000${update.label}`;
    if (this.current && this.current.key !== key) {
      // The step before is over (steps run one after another).
      this.closeStep();
      if (this.current === null && format !== this.lastFormat) this.closeFormatsBefore(format);
    }
    if (!this.current) {
      const weight = planned ? Math.min(planned.stepWeight(update), Math.max(0, planned.weight - (this.formatDone.get(format) ?? 0))) : 0;
      this.current = { format, key, weight, fraction: 0 };
    }
    this.current.fraction = update.total > 0 ? Math.min(1, Math.max(this.current.fraction, update.done / update.total)) : 1;
    this.lastFormat = format;
    return this.estimate();
  }

  private lastFormat = '';

  private closeStep(): void {
    if (!this.current) return;
    const { format, weight } = this.current;
    this.formatDone.set(format, (this.formatDone.get(format) ?? 0) + weight);
    this.finishedWeight += weight;
    this.current = null;
  }

  /** A new format started: every format before it in the plan is complete, whatever it reported. */
  private closeFormatsBefore(format: string): void {
    for (const planned of this.plan) {
      if (planned.name === format) break;
      const done = this.formatDone.get(planned.name) ?? 0;
      if (done < planned.weight) {
        this.finishedWeight += planned.weight - done;
        this.formatDone.set(planned.name, planned.weight);
      }
    }
  }

  estimate(): ProgressEstimate {
    const working = this.current ? this.current.weight * this.current.fraction : 0;
    // Never backwards, and short of 1 until the render has really finished.
    this.shown = Math.max(this.shown, Math.min(0.99, (this.finishedWeight + working) / this.total));
    const elapsed = (this.now() - this.started) / 1000;
    const remainingSec = this.shown >= 0.03 && elapsed >= 2 ? Math.round((elapsed * (1 - this.shown)) / this.shown) : null;
    return { fraction: this.shown, remainingSec };
  }
}

/** What the user is told a step is: the video's phases, else the format's name in their language (a step's own label is internal). */
export function labelOf(update: ProgressUpdate, t: TFunction, locale: Locale): string {
  if (update.phase === 'prepare') return t('renderJob.prepare');
  if (update.phase === 'voices') return t('renderJob.voices', { language: update.language ?? '' });
  if (update.phase === 'frames') return t('renderJob.frames', { language: update.language ?? '', aspect: update.aspect ?? '' });
  // The build's own last update (renderProject) names no format.
  if (!update.format) return t('renderJob.finishing');
  const format = formatLabel(update.format, locale);
  return update.language ? t('renderJob.formatLanguage', { format, language: update.language }) : format;
}
