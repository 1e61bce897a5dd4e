/**
 * The e-lecture (--formats lecture) of a small brief: the PPTX opened as the
 * zip of XML it is (slides counted, every text exactly the brief's, the
 * narration in the speaker notes, Tai Viet in the Tai Dam deck), the MP4
 * probed (video, voice, soft subtitles, one chapter per slide, as long as
 * the narration) and a frame of it looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import { lectureFormat } from '../../engine/formats/lecture/index.js';
import { buildPptx } from '../../engine/formats/lecture/pptx.js';
import { buildSlides } from '../../engine/formats/lecture/slides.js';
import { printLabels } from '../../templates/print/labels.js';
import { testLabels } from '../helpers/labels.js';
import { LECTURE_FPS, slideHolds } from '../../engine/formats/lecture/video.js';
import { ffprobe, type ProbeResult } from '../../engine/media/ffmpeg.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { pseudoTranslate } from '../print/helpers.js';
import { smallContext, smallMaterial } from '../epub/smallBrief.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'luat-test-lecture-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function list(file: string): string[] {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
}
function read(file: string, name: string): string {
  return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 1 << 26 });
}
/** The text runs of a slide's XML, each paragraph on its own line. */
function slideText(xml: string): string {
  return xml
    .split(/<\/a:p>/)
    .map((p) => [...p.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!).join(''))
    .filter(Boolean)
    .join('\n')
    .replace(/\r/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}
const bySlideNumber = (a: string, b: string) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]);

describe('e-lecture', { timeout: 120_000 }, () => {
  let material: Material;
  let entries: OutputEntry[];
  let warnings: Diagnostic[];
  let probe: ProbeResult;
  const file = (language: string, variant: string) => path.join(tmp, entries.find((e) => e.language === language && e.variant === variant)!.path);

  beforeAll(async () => {
    material = smallMaterial();
    const run = smallContext({ materials: { vi: material, blt: pseudoTranslate(material, 'blt') }, languages: ['vi', 'blt'], outDir: tmp });
    warnings = run.warnings;
    try {
      entries = await lectureFormat.build(run.ctx);
    } finally {
      await run.dispose();
    }
    probe = await ffprobe(file('vi', 'mp4'));
  }, 400_000);

  it('makes a deck per language, the video and subtitles where a voice speaks it', () => {
    expect(entries.map((e) => [e.language, e.variant])).toEqual([
      ['vi', 'pptx'],
      ['vi', 'mp4'],
      ['vi', 'srt'],
      ['blt', 'pptx'],
    ]);
    expect(warnings.map((w) => [w.code, w.params])).toEqual([['lecture.noVoice', { language: 'blt' }]]);
  });

  it('PPTX: dated by the build, not by the clock, so the same slides make the same bytes', async () => {
    const slides = buildSlides(material, printLabels(testLabels('vi')));
    const meta = { title: material.title.text, issuer: material.issuer.text, language: 'vi', madeAt: new Date('2026-03-01T17:00:00Z') };
    const decks: Buffer[] = [];
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const clock of ['2026-12-07T08:00:01Z', '2027-01-02T09:30:44Z']) {
        vi.setSystemTime(new Date(clock));
        decks.push(await buildPptx(slides, meta));
      }
    } finally {
      vi.useRealTimers();
    }
    expect(decks[1]!.equals(decks[0]!)).toBe(true);
    const deck = path.join(tmp, 'dated.pptx');
    writeFileSync(deck, decks[0]!);
    expect(read(deck, 'docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T17:00:00Z</dcterms:created>');
    expect(read(deck, 'docProps/core.xml')).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-01T17:00:00Z</dcterms:modified>');
    // Every entry's time is the build's (unzip -Z -T, zipinfo's listing: yyyymmdd.hhmmss, in UTC here as the zip stores it).
    const times = new Set(execFileSync('unzip', ['-Z', '-T', deck], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).split('\n').map((l) => /\s(\d{8}\.\d{6})\s/.exec(l)?.[1]).filter(Boolean));
    expect(times).toEqual(new Set(['20260301.170000']));
  });

  it('PPTX: title, key message, section, Q&A, legal basis and closing slides with the brief\'s exact words and the narration as notes', () => {
    const deck = file('vi', 'pptx');
    const names = list(deck);
    const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort(bySlideNumber);
    expect(slides).toHaveLength(6);
    const texts = slides.map((s) => slideText(read(deck, s)));
    expect(texts[0]).toContain('Kết hôn đúng tuổi');
    expect(texts[0]).toContain('Sở Tư pháp tỉnh Sơn La');
    expect(texts[1]).toContain('Nam đủ 20 tuổi, nữ đủ 18 tuổi mới được kết hôn.');
    expect(texts[2]).toContain('Phạt tiền từ 10.000.000 đồng đến 30.000.000 đồng.');
    expect(texts[2]).toContain('Căn cứ: Điều 8 Luật Hôn nhân và gia đình');
    expect(texts[3]).toContain('Hỏi: Đăng ký kết hôn có mất tiền không?');
    expect(texts[3]).toContain('Đáp: Không, được miễn lệ phí.');
    expect(texts[4]).toContain('52/2014/QH13 · Điều 8 · Hiệu lực từ 01/01/2015');
    expect(texts[5]).toContain('111');
    const notes = names.filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n)).sort(bySlideNumber).map((n) => slideText(read(deck, n)));
    expect(notes).toHaveLength(6);
    expect(notes[2]).toContain('Điều kiện kết hôn\nPhạt tiền từ 10.000.000 đồng đến 30.000.000 đồng.');

    const tai = file('blt', 'pptx');
    const taiText = list(tai).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).map((n) => read(tai, n)).join('');
    expect(taiText).toMatch(/[\uAA80-\uAADF]/u);
    expect(taiText).toContain('typeface="Noto Sans Tai Viet"');
  });

  it('MP4: H.264 slides, AAC narration, a soft subtitle track, one chapter per slide, as long as the narration', () => {
    const entry = entries.find((e) => e.variant === 'mp4')!;
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    expect(video.codec_name).toBe('h264');
    expect([video.width, video.height]).toEqual([1280, 720]);
    expect(probe.streams.find((s) => s.codec_type === 'audio')!.codec_name).toBe('aac');
    const subs = probe.streams.find((s) => s.codec_type === 'subtitle')!;
    expect(subs.codec_name).toBe('mov_text');
    expect(subs.tags?.['language']).toBe('vie');
    expect(Math.abs(Number(probe.format.duration) - entry.durationSec!)).toBeLessThan(0.35);
    expect(probe.chapters.map((c) => c.tags?.['title'])).toEqual(['Kết hôn đúng tuổi', 'Thông điệp chính', 'Điều kiện kết hôn', 'Hỏi đáp', 'Căn cứ pháp lý', 'Đường dây nóng']);
    const srt = readFileSync(file('vi', 'srt'), 'utf8');
    expect(srt.replace(/\r?\n(?!\r?\n)/g, ' ')).toContain('Phạt tiền từ 10.000.000 đồng đến 30.000.000 đồng.');
  });

  it('each slide is held for its whole chapter at a constant 5 fps: the picture changes where a chapter does, and nowhere else', () => {
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    expect(video.r_frame_rate).toBe(`${LECTURE_FPS}/1`);
    expect(video.avg_frame_rate).toBe(`${LECTURE_FPS}/1`);
    expect(Math.abs(Number(video.nb_frames) - Number(probe.format.duration) * LECTURE_FPS)).toBeLessThanOrEqual(1);
    const grey = (at: number) =>
      execFileSync('ffmpeg', ['-v', 'error', '-ss', at.toFixed(2), '-i', file('vi', 'mp4'), '-frames:v', '1', '-vf', 'scale=64:36,format=gray', '-f', 'rawvideo', '-']);
    const differs = (a: Buffer, b: Buffer) => a.some((v, i) => Math.abs(v - b[i]!) > 8);
    const ends = probe.chapters.map((c) => ({ first: grey(Number(c.start_time) + 0.25), last: grey(Number(c.end_time) - 0.25) }));
    for (const [i, c] of ends.entries()) {
      expect(differs(c.first, c.last), `chapter ${i}`).toBe(false);
      if (i > 0) expect(differs(ends[i - 1]!.last, c.first), `chapters ${i - 1} and ${i}`).toBe(true);
    }
  });

  it('slideHolds: spans rounded to the frame grid tile the video; a slide shorter than half a frame gets none', () => {
    expect(slideHolds([{ startSec: 0 }, { startSec: 1.01 }, { startSec: 1.05 }, { startSec: 2.5 }], 3.3)).toEqual([5, 0, 8, 4]);
    expect(slideHolds([{ startSec: 0.02 }], 0.1)).toEqual([1]);
  });

  it('a frame in the Q&A chapter shows the slide (not a blank picture)', () => {
    const qa = probe.chapters[3]!;
    const at = (Number(qa.start_time) + Number(qa.end_time)) / 2;
    const png = path.join(tmp, 'frame.png');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', at.toFixed(2), '-i', file('vi', 'mp4'), '-frames:v', '1', png]);
    // Dark text pixels on the white slide: the grey mean drops below white's 255 but stays light.
    const gray = execFileSync('ffmpeg', ['-v', 'error', '-i', png, '-vf', 'scale=64:36,format=gray', '-f', 'rawvideo', '-']);
    const mean = [...gray].reduce((a, b) => a + b, 0) / gray.length;
    expect(mean).toBeGreaterThan(200);
    expect(mean).toBeLessThan(252);
  });
});
