/**
 * The render's progress is weighted by the work each step really does and
 * counts only what was asked: a video with one aspect is not "done" when its
 * first step is, a booklet before a video does not fill half the bar, the
 * bar never goes back, and the time left appears once it can be said.
 */
import { describe, expect, it } from 'vitest';
import { labelOf, planWork, WeightedProgress } from '../../engine/api/renderProgress.js';
import type { ProgressUpdate } from '../../engine/build/format.js';
import { translator } from '../../engine/i18n/index.js';

describe('weighted render progress', () => {
  it('weighs a video by its voices and each chosen aspect, after a light booklet', () => {
    let now = 0;
    const plan = planWork({ formats: ['booklet', 'video'], languages: 1, videoAspects: [1] });
    const bar = new WeightedProgress(plan, () => now);
    const seen: number[] = [];
    const step = (u: Parameters<WeightedProgress['update']>[0], at: number) => {
      now = at;
      const e = bar.update(u);
      seen.push(e.fraction);
      return e;
    };
    expect(step({ format: 'booklet', label: 'booklet · vi', done: 0, total: 1 }, 0).remainingSec).toBeNull();
    const afterBooklet = step({ format: 'booklet', label: 'booklet · vi', done: 1, total: 1 }, 5000).fraction;
    // The booklet is a small part of a booklet and a video (not half, as a mean over formats would say).
    expect(afterBooklet).toBeGreaterThan(0.02);
    expect(afterBooklet).toBeLessThan(0.1);
    step({ format: 'video', phase: 'prepare', label: 'video', done: 0, total: 1 }, 6000);
    step({ format: 'video', phase: 'prepare', label: 'video', done: 1, total: 1 }, 20_000);
    step({ format: 'video', phase: 'voices', label: 'video · vi', done: 0, total: 1 }, 20_000);
    const voicesDone = step({ format: 'video', phase: 'voices', label: 'video · vi', done: 1, total: 1 }, 50_000);
    expect(voicesDone.fraction).toBeLessThan(0.6);
    expect(voicesDone.remainingSec).toBeGreaterThan(0);
    const half = step({ format: 'video', phase: 'frames', label: 'video · vi · 16:9', done: 50, total: 100 }, 80_000);
    expect(half.fraction).toBeGreaterThan(voicesDone.fraction);
    expect(half.fraction).toBeLessThan(0.9);
    const last = step({ format: 'video', phase: 'frames', label: 'video · vi · 16:9', done: 100, total: 100 }, 110_000);
    expect(last.fraction).toBe(0.99);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('counts only the chosen aspects: one of two aspects done is half the frames, not the end', () => {
    const two = new WeightedProgress(planWork({ formats: ['video'], languages: 1, videoAspects: [2] }));
    two.update({ format: 'video', phase: 'voices', label: 'video · vi', done: 1, total: 1 });
    const first = two.update({ format: 'video', phase: 'frames', label: 'video · vi · 16:9', done: 1, total: 1 }).fraction;
    expect(first).toBeLessThan(0.75);
    const second = two.update({ format: 'video', phase: 'frames', label: 'video · vi · 9:16', done: 1, total: 1 }).fraction;
    expect(second).toBeGreaterThan(first);
    const one = new WeightedProgress(planWork({ formats: ['video'], languages: 1, videoAspects: [1] }));
    one.update({ format: 'video', phase: 'voices', label: 'video · vi', done: 1, total: 1 });
    expect(one.update({ format: 'video', phase: 'frames', label: 'video · vi · 16:9', done: 1, total: 1 }).fraction).toBeGreaterThan(first);
  });
});

describe('what the progress bar says a step is', () => {
  // The formats name their steps for themselves ("audiobook · hmn · master"); the user sees the format's own name.
  const steps: ProgressUpdate[] = [
    { label: 'audiobook · hmn · master', format: 'audiobook', language: 'hmn', done: 1, total: 4 },
    { label: 'lecture · vi · slides', format: 'lecture', language: 'vi', done: 1, total: 4 },
    { label: 'booklet · vi+hmn', format: 'booklet', done: 0, total: 1 },
    { label: 'leaflet · vi', format: 'leaflet', language: 'vi', done: 0, total: 1 },
  ];

  it('is the format in the user\'s language, never the step\'s own label', () => {
    const vi = translator('vi');
    const en = translator('en');
    expect(steps.map((u) => labelOf(u, vi, 'vi'))).toEqual(['Sách nói · hmn', 'Bài giảng điện tử · vi', 'Sổ tay', 'Tờ gấp · vi']);
    expect(steps.map((u) => labelOf(u, en, 'en'))).toEqual(['Audiobook · hmn', 'E-lecture · vi', 'Booklet', 'Leaflet · vi']);
  });

  it('says the video\'s phases and the build\'s end in the user\'s language', () => {
    const en = translator('en');
    expect(labelOf({ label: 'video · vi', format: 'video', phase: 'voices', language: 'vi', done: 0, total: 1 }, en, 'en')).toBe('Video · vi · making voices');
    expect(labelOf({ label: 'booklet, video', done: 1, total: 1 }, en, 'en')).toBe('Finishing');
    expect(labelOf({ label: 'booklet, video', done: 1, total: 1 }, translator('vi'), 'vi')).toBe('Hoàn tất');
  });
});
