/**
 * Mouth shapes from the speech itself: the loudness of each animation step
 * (RMS over the step's window), relative to the line's own loud parts, in
 * four shapes (closed, small, open, wide). A shape changes only when the
 * loudness clearly crosses into another band (hysteresis), so the mouth does
 * not chatter between neighbours, and unchanged frames need no new capture.
 * A line with no audio gets a rhythm from its syllables instead.
 */

/** Lower edges of the bands for shapes 1, 2 and 3, relative to the line's loud level. */
const BANDS = [0.12, 0.4, 0.75];
const HYSTERESIS = 0.07;

/** One shape per step of `stepSec` seconds, `steps` of them. */
export function mouthFromAudio(samples: Float32Array, sampleRate: number, stepSec: number, steps: number): number[] {
  const window = Math.max(1, Math.round(stepSec * sampleRate));
  const rms: number[] = [];
  for (let k = 0; k < steps; k++) {
    const start = k * window;
    const end = Math.min(samples.length, start + window);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
    rms.push(end > start ? Math.sqrt(sum / (end - start)) : 0);
  }
  const sorted = rms.filter((v) => v > 0).sort((a, b) => a - b);
  const loud = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  if (loud <= 1e-5) return rms.map(() => 0);
  let shape = 0;
  return rms.map((v) => {
    const r = v / loud;
    // Up a band only when clearly inside it, down only when clearly below it; near-silence closes.
    while (shape < BANDS.length && r >= BANDS[shape]! + HYSTERESIS) shape++;
    while (shape > 0 && r < BANDS[shape - 1]! - HYSTERESIS) shape--;
    if (r < BANDS[0]! / 2) shape = 0;
    return shape;
  });
}

/**
 * A talking rhythm for a line with no voice: each word (a syllable, in
 * Vietnamese and most minority languages written in Latin script) opens the
 * mouth for two steps and half-closes it for one; punctuation closes it.
 */
export function mouthFromText(text: string, steps: number): number[] {
  const pattern: number[] = [];
  for (const token of text.split(/(\s+|[,.;:!?…]+)/u)) {
    if (!token.trim()) continue;
    if (/^[,.;:!?…]+$/u.test(token)) pattern.push(0, 0);
    else {
      const open = token.length > 4 ? 3 : 2;
      pattern.push(open, open, 1);
    }
  }
  if (pattern.length === 0) return new Array<number>(steps).fill(0);
  const out: number[] = [];
  for (let k = 0; k < steps; k++) out.push(k >= steps - 1 ? 0 : pattern[k % pattern.length]!);
  return out;
}
