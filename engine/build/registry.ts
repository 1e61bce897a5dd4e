/**
 * The formats `build` can run. Each issue that adds a format adds one line here.
 */
import type { OutputFormat } from './format.js';
import { audiobookFormat } from '../formats/audiobook/index.js';
import { bookletFormat, infographicFormat, leafletFormat } from '../formats/print/index.js';
import { videoFormat } from '../formats/video/index.js';

const formats: OutputFormat[] = [bookletFormat, leafletFormat, infographicFormat, videoFormat, audiobookFormat];

export const ALL_FORMAT_NAMES = ['booklet', 'leaflet', 'infographic', 'video', 'audiobook'] as const;

export function availableFormats(): OutputFormat[] {
  return formats;
}

export function findFormat(name: string): OutputFormat | undefined {
  return formats.find((f) => f.name === name);
}
