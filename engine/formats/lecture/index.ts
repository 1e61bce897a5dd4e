/**
 * `luat-studio build --formats lecture`: the e-lecture (bài giảng điện tử).
 * Per language: an editable PPTX (./pptx.ts; the narration in the speaker
 * notes) and, where the language can be voiced, an MP4 of the same slides
 * with the narration, soft subtitles and one chapter per slide (./video.ts),
 * plus the subtitles as SRT. The voice is the audiobook pipeline's
 * (engine/formats/audiobook/narration.ts), one part per slide.
 */
import { printLabels } from '../../../templates/print/labels.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, OutputFormat } from '../../build/format.js';
import { describeOutput } from '../../build/outputs.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { writeFileDurably } from '../../fs/durable.js';
import type { OutputEntry } from '../../model/records.js';
import { safeFileName } from '../../platform/windowsPaths.js';
import { sharedBrowser } from '../../render/browser.js';
import { neuralVoiceFor } from '../../speech/neural/voiceChoice.js';
import { canVoice, narrate } from '../audiobook/narration.js';
import { voicing } from '../epub/narrations.js';
import { toSrt } from '../video/subtitleFiles.js';
import { LectureSettings } from './descriptor.js';
import { buildPptx } from './pptx.js';
import { buildSlides, lectureScript } from './slides.js';
import { captureSlides, encodeLectureVideo, lectureCues } from './video.js';
import { filesMadeAt } from '../../build/settings.js';

function readSettings(settings: Record<string, unknown>): LectureSettings {
  const parsed = LectureSettings.safeParse(settings['lecture'] ?? {});
  if (!parsed.success) throw new StudioError('lecture.badSettings', { detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  return parsed.data;
}

export const lectureFormat: OutputFormat = {
  name: 'lecture',
  async build(ctx: BuildContext): Promise<OutputEntry[]> {
    const settings = readSettings(ctx.settings);
    const size = settings.height === 1080 ? { width: 1920, height: 1080 } : { width: 1280, height: 720 };
    const v = await voicing(ctx);
    const outputs: OutputEntry[] = [];
    const steps = 3;
    for (const [n, language] of ctx.languages.entries()) {
      throwIfCancelled(ctx.signal);
      const step = (k: number, what: string) => ctx.progress({ label: `lecture · ${language} · ${what}`, language, done: n * steps + k, total: ctx.languages.length * steps });
      const material = ctx.materialFor(language);
      const slides = buildSlides(material, printLabels(ctx.labelsFor(language)));
      const dir = path.join(ctx.outDir, 'lecture', safeFileName(language));
      await mkdir(dir, { recursive: true });
      const base = safeFileName(`${material.id}-bai-giang-${language}`);

      step(0, 'PPTX');
      const pptx = path.join(dir, `${base}.pptx`);
      await writeFileDurably(pptx, await buildPptx(slides, { title: material.title.text, issuer: material.issuer.text, language, madeAt: filesMadeAt(ctx.settings) }));
      outputs.push(await describeOutput(ctx.outDir, pptx, { format: 'lecture', language, variant: 'pptx', pages: slides.length }));

      const script = lectureScript(slides, {
        accent: v.settings.accent,
        rate: v.settings.rate,
        neural: (speaker) => neuralVoiceFor(ctx.settings, speaker),
      });
      const shown = slides.filter((_, i) => script[i]!.lines.length > 0);
      const parts = script.filter((p) => p.lines.length > 0);
      if (!canVoice(parts, v.registry, v.clips, language)) {
        ctx.warn({ severity: 'warning', code: 'lecture.noVoice', params: { language } });
        continue;
      }
      step(1, 'đọc lời giảng');
      const workDir = path.join(v.workDir, `lecture-${safeFileName(language)}`);
      await mkdir(workDir, { recursive: true });
      const narration = await narrate(parts, { registry: v.registry, clips: v.clips, language, workDir, name: 'narration', signal: ctx.signal });
      const texts = new Map(parts.flatMap((p) => p.lines.map((l) => [l.target, l.text] as const)));
      const cues = lectureCues(narration.book.lines.map((l) => ({ text: texts.get(l.target) ?? '', startSec: l.startSec, endSec: l.endSec })).filter((l) => l.text));

      step(2, 'video');
      const browser = await sharedBrowser(ctx);
      const images = await captureSlides(browser, shown, language, workDir, size);
      const mp4 = path.join(dir, `${base}.mp4`);
      await encodeLectureVideo(
        {
          images,
          spans: narration.book.parts,
          narrationWav: narration.wav,
          durationSec: narration.durationSec,
          cues,
          language,
          title: material.title.text,
          issuer: material.issuer.text,
          workDir,
          signal: ctx.signal,
        },
        mp4,
      );
      const chapters = narration.book.parts.map((p) => ({ title: p.title, startSec: p.startSec, endSec: p.endSec }));
      outputs.push(
        await describeOutput(ctx.outDir, mp4, { format: 'lecture', language, variant: 'mp4', durationSec: narration.durationSec, width: size.width, height: size.height, chapters }),
      );
      const srt = path.join(dir, `${base}.srt`);
      await writeFileDurably(srt, toSrt(cues));
      outputs.push(await describeOutput(ctx.outDir, srt, { format: 'lecture', language, variant: 'srt' }));
      step(3, 'xong');
    }
    return outputs;
  },
};
