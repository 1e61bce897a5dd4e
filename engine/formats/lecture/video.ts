/**
 * The lecture video: each slide drawn as an HTML page by the build's
 * Chromium (our own fonts inlined, text shrunk until it fits) and captured
 * as a PNG, then shown for as long as the narration speaks it. ffmpeg (the
 * one Remotion ships) joins the stills through a concat list, which also
 * carries one chapter per slide, and adds the narration and a soft subtitle
 * track (3GPP timed text made by engine/formats/video/movText.ts: this ffmpeg
 * has neither a subtitles filter nor a mov_text encoder).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { cssFontStack, fontChain, fontFaceCss } from '../../fonts/index.js';
import { writeAtomically } from '../../fs/durable.js';
import { aacEncoderArgs, ffconcatPath, MUX_WAITS_FOR_EVERY_STREAM, runFfmpeg } from '../../media/ffmpeg.js';
import { holdPictures } from '../../media/h264Hold.js';
import { mediaLanguage } from '../../model/languages.js';
import { escapeHtml } from '../../text/escapeHtml.js';
import { movTextMp4 } from '../video/movText.js';
import type { TimedCue } from '../video/subtitleFiles.js';
import type { Slide } from './slides.js';

export interface SlideSize {
  width: number;
  height: number;
}

function slideHtml(slide: Slide, language: string, fontCss: string, stack: string, size: SlideSize): string {
  const scale = size.height / 720;
  const items = slide.items
    .map((it) => `<li>${it.label ? `<b>${escapeHtml(it.label)}:</b> ` : ''}${escapeHtml(it.text)}</li>`)
    .join('');
  const big = slide.kind === 'keyMessage' || slide.kind === 'closing';
  const body =
    slide.kind === 'title'
      ? `<div class="cover"><h1>${escapeHtml(slide.title.text)}</h1>${slide.subtitle ? `<p class="sub">${escapeHtml(slide.subtitle.text)}</p>` : ''}<p class="issuer">${slide.items.map((i) => escapeHtml(i.text)).join('<br>')}</p></div>`
      : `<h2>${escapeHtml(slide.title.text)}${slide.subtitle ? ` — ${escapeHtml(slide.subtitle.text)}` : ''}</h2>
         <div id="box" class="${big ? 'big' : ''}"><ul class="${slide.kind}">${items}</ul></div>
         ${slide.footer ? `<p class="footer">${escapeHtml(slide.footer)}</p>` : ''}`;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><style>
${fontCss}
html,body{margin:0;width:${size.width}px;height:${size.height}px;overflow:hidden;background:#fff;color:#1f2a44;font-family:${stack};}
body{zoom:${scale};width:1280px;height:720px;position:relative;border-top:10px solid #c0392b;box-sizing:border-box}
h1{font-size:54px;margin:0 0 24px;line-height:1.2}
h2{font-size:38px;color:#c0392b;margin:36px 64px 12px;line-height:1.2}
.cover{position:absolute;inset:0;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;padding:0 90px}
.sub{font-size:30px;color:#5d6d7e;margin:0}.issuer{font-size:26px;font-weight:700;margin-top:48px}
#box{position:absolute;left:64px;right:64px;top:130px;bottom:${slide.footer ? 90 : 50}px;overflow:hidden;font-size:30px;line-height:1.35}
#box.big{display:flex;align-items:center;justify-content:center;text-align:center;font-size:44px;font-weight:700}
ul{margin:0;padding:0 0 0 1.1em}ul.keyMessage,ul.qa,ul.closing,ul.scene,ul.legal{list-style:none;padding:0}
li{margin:0 0 .5em}.qa li:last-child{color:#1e6b3a}
.footer{position:absolute;left:64px;right:64px;bottom:24px;margin:0;font-size:20px;font-style:italic;color:#5d6d7e}
</style></head><body>${body}</body></html>`;
}

/** PNG of every slide, in order. */
export async function captureSlides(browser: Browser, slides: Slide[], language: string, dir: string, size: SlideSize): Promise<string[]> {
  const chain = fontChain('sans', [language]);
  const text = slides.map((s) => [s.title.text, s.subtitle?.text ?? '', s.footer ?? '', ...s.items.map((i) => `${i.label ?? ''} ${i.text}`)].join(' ')).join(' ');
  const fontCss = await fontFaceCss(chain, text);
  const stack = `${cssFontStack(chain)}, sans-serif`;
  const page = await browser.newPage({ viewport: size });
  const files: string[] = [];
  try {
    for (const [i, slide] of slides.entries()) {
      await page.setContent(slideHtml(slide, language, fontCss, stack, size), { waitUntil: 'load' });
      await page.evaluate(async () => {
        await document.fonts.ready;
        // Shrink the text until it fits its box (a long section on one slide).
        const box = document.getElementById('box');
        if (!box) return;
        let size = parseFloat(getComputedStyle(box).fontSize);
        while (box.scrollHeight > box.clientHeight + 1 && size > 14) {
          size -= 1;
          box.style.fontSize = `${size}px`;
        }
      });
      const file = path.join(dir, `slide-${String(i + 1).padStart(2, '0')}.png`);
      await page.screenshot({ path: file, type: 'png' });
      files.push(file);
    }
  } finally {
    await page.close();
  }
  return files;
}

export interface LectureVideoJob {
  images: string[];
  /** Each slide's span in the narration, seconds; they tile it. */
  spans: Array<{ title: string; startSec: number; endSec: number }>;
  narrationWav: string;
  durationSec: number;
  cues: TimedCue[];
  language: string;
  title: string;
  issuer: string;
  workDir: string;
  signal: AbortSignal;
}

/** Frames a second of the lecture video: slides change only between sentences, and players need a constant rate. */
export const LECTURE_FPS = 5;

/**
 * Each slide's frames at LECTURE_FPS: its span rounded to the frame grid, so
 * the slides tile the video and change where the chapters do. A slide shorter
 * than half a frame gets none (nobody could see it).
 */
export function slideHolds(spans: ReadonlyArray<{ startSec: number }>, durationSec: number): number[] {
  const total = Math.max(1, Math.round(durationSec * LECTURE_FPS));
  const starts = spans.map((s) => Math.min(total, Math.round(s.startSec * LECTURE_FPS)));
  starts[0] = 0;
  return starts.map((start, i) => Math.max(0, (i + 1 < starts.length ? starts[i + 1]! : total) - start));
}

/**
 * Encodes each slide once and holds it with skip pictures for as long as it
 * is spoken (engine/media/h264Hold.ts, as the situation videos do): x264 then
 * costs a few pictures instead of every frame of a five-minute lecture
 * (8 CPU s for the sample's 1,519 frames before). Every slide is a key frame,
 * so a viewer jumping to a chapter sees its slide at once.
 */
export async function encodeLectureVideo(job: LectureVideoJob, outPath: string): Promise<void> {
  const holds = slideHolds(job.spans, job.durationSec);
  const shown = job.images.map((image, i) => ({ image, frames: holds[i]! })).filter((s) => s.frames > 0);
  const pictures = ['ffconcat version 1.0'];
  for (const s of shown) pictures.push(`file ${ffconcatPath(s.image)}`, `duration ${(s.frames / LECTURE_FPS).toFixed(6)}`);
  // The demuxer ignores the last entry's duration; a repeat of it marks where the video ends.
  pictures.push(`file ${ffconcatPath(shown[shown.length - 1]!.image)}`);
  const picturesList = path.join(job.workDir, 'slides.ffconcat');
  await writeFile(picturesList, `${pictures.join('\n')}\n`);
  const stream = path.join(job.workDir, 'slides.h264');
  await runFfmpeg(
    [
      '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', picturesList,
      '-fps_mode', 'vfr', '-enc_time_base', `1/${LECTURE_FPS}`, '-frames:v', String(shown.length),
      '-pix_fmt', 'yuv420p', '-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv',
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'stillimage', '-crf', '26', '-g', '1',
      // Holding needs every picture to predict from the one before only.
      '-x264-params', 'bframes=0:ref=1',
      '-an', '-f', 'h264', stream,
    ],
    { signal: job.signal },
  );
  await writeFile(stream, holdPictures(await readFile(stream), shown.map((s) => s.frames)));

  // The held stream is muxed through a concat list too: it carries one chapter per slide.
  const list = ['ffconcat version 1.0', `file ${ffconcatPath(stream)}`, `option framerate ${LECTURE_FPS}`];
  for (const [i, span] of job.spans.entries()) list.push(`chapter ${i} ${span.startSec.toFixed(3)} ${span.endSec.toFixed(3)}`);
  const listFile = path.join(job.workDir, 'lecture.ffconcat');
  await writeFile(listFile, `${list.join('\n')}\n`);
  const durationMs = Math.round(job.durationSec * 1000);
  const lang = mediaLanguage(job.language);
  const subs = path.join(job.workDir, 'subtitles.mp4');
  await writeFile(subs, movTextMp4(job.cues, lang.iso6392, durationMs));
  const aac = await aacEncoderArgs('96k');
  const chapterTitles = job.spans.flatMap((s, i) => [`-metadata:c:${i}`, `title=${s.title}`]);
  await writeAtomically(outPath, (temp) =>
    runFfmpeg(
      [
        '-v', 'error', '-y',
        '-f', 'concat', '-safe', '0', '-i', listFile,
        '-i', job.narrationWav,
        '-i', subs,
        '-map', '0:v:0', '-map', '1:a:0', '-map', '2:s:0',
        '-c:v', 'copy',
        ...aac, '-ac', '1',
        '-c:s', 'copy', '-disposition:s:0', 'default',
        '-map_metadata', '-1', '-map_chapters', '0', ...chapterTitles,
        '-metadata', `title=${job.title}`, '-metadata', `artist=${job.issuer}`,
        '-metadata:s:a:0', `language=${lang.iso6392}`, '-metadata:s:s:0', `language=${lang.iso6392}`,
        ...MUX_WAITS_FOR_EVERY_STREAM,
        '-movflags', '+faststart', '-f', 'mp4', temp,
      ],
      { signal: job.signal },
    ),
  );
}

/**
 * Subtitle cues from the narration's lines: a line longer than two short
 * subtitle lines is cut at word boundaries, its time shared by length.
 */
export function lectureCues(lines: Array<{ text: string; startSec: number; endSec: number }>, maxChars = 84): TimedCue[] {
  const cues: TimedCue[] = [];
  for (const line of lines) {
    const chunks: string[] = [];
    let current = '';
    for (const word of line.text.split(/\s+/).filter(Boolean)) {
      if (current && current.length + 1 + word.length > maxChars) {
        chunks.push(current);
        current = word;
      } else current = current ? `${current} ${word}` : word;
    }
    if (current) chunks.push(current);
    const total = chunks.reduce((n, c) => n + c.length, 0) || 1;
    let at = line.startSec;
    for (const c of chunks) {
      const end = at + ((line.endSec - line.startSec) * c.length) / total;
      cues.push({ startMs: Math.round(at * 1000), endMs: Math.round(end * 1000), text: c });
      at = end;
    }
  }
  return cues;
}
