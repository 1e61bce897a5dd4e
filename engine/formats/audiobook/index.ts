/**
 * `luat-studio build --formats audiobook`: per language with a voice, an M4B
 * and an MP3 audiobook (chapters, cover, −18 LUFS / −3 dBTP), and the cut for
 * commune loudspeakers (mono MP3, compressed, −16 LUFS by default; the whole
 * programme and one file per chapter, numbered in playing order).
 *
 * A language has a voice when an engine speaks it, or when every unit the
 * book narrates has a recorded clip; otherwise it is skipped with a warning.
 * Chapters, line timings and loudness also go to `<name>.chapters.json` next
 * to the files (the manifest entry has no field for them yet).
 *
 * For the channels that carry audio (docs/audio-channels.md): a podcast feed
 * over every language's MP3 (`audiobook/<id>.rss.xml`, chapters as
 * `podcast:chapters` JSON) and a loudspeaker broadcast package per commune
 * (`audiobook/<lang>/phat-thanh/<xa>/`: the cuts, an M3U playlist, the schedule
 * as CSV and iCalendar).
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BuildContext, OutputFormat } from '../../build/format.js';
import { describeOutput } from '../../build/outputs.js';
import { StudioError } from '../../errors.js';
import { workFolder } from '../../media/files.js';
import { writeWav } from '../../media/pcm.js';
import { AUDIOBOOK_PROFILE, loudspeakerProfile, masterSpeech, masterSpeechInParts } from '../../media/speechMaster.js';
import { slugify } from '../../model/ids.js';
import type { Material } from '../../model/material.js';
import type { OutputEntry } from '../../model/records.js';
import { neuralVoiceFor } from '../../speech/neural/voiceChoice.js';
import { SpeechRegistry, voiceClipsFromSettings } from '../../speech/registry.js';
import { buildSpeechRegistry } from '../../build/speech.js';
import type { VoiceClipSource } from '../../speech/speechEngine.js';
import { writeFileDurably } from '../../fs/durable.js';
import { assembleBook, type AssembledBook } from './assemble.js';
import { renderCover, withCoverBrowser } from './cover.js';
import { encodeLoudspeaker, encodeM4b, encodeMp3, type BookMetadata } from './encode.js';
import { phrasesFrom } from './phrases.js';
import { buildScript, type ScriptPart } from './script.js';
import { speakParts } from './narration.js';
import { BroadcastSettings, writeBroadcastPackages } from './broadcast.js';
import { podcastBaseUrl, podcastChaptersJson, podcastFeedXml, type PodcastEpisode } from './podcast.js';
import { safeFileName } from '../../platform/windowsPaths.js';
import { editionDateOf, filesMadeAt } from '../../build/settings.js';

/** `settings.audiobook` in a project. */
export const AudiobookSettings = z.object({
  accent: z.enum(['north', 'central', 'south']).default('north'),
  /** Words per minute for synthesised speech; 0 for the engine's default. */
  rate: z.number().min(0).max(400).default(0),
  /** Say a character's name before their line in situation chapters. */
  speakerNames: z.boolean().default(true),
  /** Questions and answers: "Hỏi"/"Đáp" announced, or read by two voices. */
  qa: z.enum(['announce', 'twoVoices']).default('announce'),
  loudspeakerLufs: z.number().min(-30).max(-9).default(-16),
  /** Build without a cover instead of starting Chromium (tests, servers without a browser). */
  cover: z.boolean().default(true),
  chromium: z.string().nullable().default(null),
  podcast: z
    .object({
      /** Public URL of the build's `audiobook/` folder; default: the brief's portal + "/audiobook/". */
      baseUrl: z.string().url().nullable().default(null),
      ownerEmail: z.string().email().nullable().default(null),
    })
    .prefault({}),
  broadcast: BroadcastSettings.prefault({}),
});
export type AudiobookSettings = z.infer<typeof AudiobookSettings>;

function readSettings(settings: Record<string, unknown>): AudiobookSettings {
  const parsed = AudiobookSettings.safeParse(settings['audiobook'] ?? {});
  if (!parsed.success) {
    throw new StudioError('audiobook.badSettings', { detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  }
  return parsed.data;
}

const STEPS_PER_LANGUAGE = 5;

export const audiobookFormat: OutputFormat = {
  name: 'audiobook',
  async build(ctx: BuildContext): Promise<OutputEntry[]> {
    const settings = readSettings(ctx.settings);
    const work = await workFolder('audiobook');
    try {
      // The build's one registry and cache: the read-along EPUB, the lecture and the video speak many of the same lines.
      const registry = await buildSpeechRegistry(ctx);
      const clips = voiceClipsFromSettings(ctx.settings);
      const entries: OutputEntry[] = [];
      const episodes: PodcastEpisode[] = [];
      for (const [index, language] of ctx.languages.entries()) {
        const built = await buildLanguage(ctx, {
          language,
          material: ctx.materialFor(language),
          registry,
          clips,
          settings,
          workDir: path.join(work.dir, language),
          step: (n, what) => ctx.progress({ label: `audiobook · ${language} · ${what}`, language, done: index * STEPS_PER_LANGUAGE + n, total: ctx.languages.length * STEPS_PER_LANGUAGE }),
        });
        entries.push(...built.entries);
        if (built.episode) episodes.push(built.episode);
      }
      if (episodes.length > 0) entries.push(...(await writePodcastFeed(ctx, settings, episodes)));
      return entries;
    } finally {
      await work.dispose();
    }
  },
};

interface LanguageJob {
  language: string;
  material: Material;
  registry: SpeechRegistry;
  clips: VoiceClipSource | null;
  settings: AudiobookSettings;
  workDir: string;
  step: (done: number, what: string) => void;
}

async function buildLanguage(ctx: BuildContext, job: LanguageJob): Promise<{ entries: OutputEntry[]; episode: PodcastEpisode | null }> {
  const { language, material, registry, clips, settings } = job;
  const signal = ctx.signal;
  const canSynthesize = registry.engineFor(language) !== null;
  const parts = buildScript(material, {
    language,
    voices: { accent: settings.accent, rate: settings.rate, neural: (speaker) => neuralVoiceFor(ctx.settings, speaker) },
    canSynthesize,
    speakerNames: settings.speakerNames,
    clips,
    qa: settings.qa,
    labels: ctx.labelsFor(language),
  });
  if (!canSynthesize) {
    const missing = parts.flatMap((p) => p.lines).filter((l) => !l.target || !clips?.find(l.target, language)).length;
    if (missing > 0) {
      ctx.warn({ severity: 'warning', code: 'audiobook.noVoice', params: { language, missing } });
      return { entries: [], episode: null };
    }
  }
  await mkdir(job.workDir, { recursive: true });
  const labels = phrasesFrom(ctx.labelsFor(language));
  const cover = settings.cover
    ? withCoverBrowser(ctx, settings.chromium, (browser) =>
        renderCover(
          { label: labels.audiobook, title: material.title.text, subtitle: material.subtitle?.text ?? null, issuer: material.issuer.text, language },
          job.workDir,
          browser,
          { signal },
        ),
      ).catch((err: unknown) => {
        if (signal.aborted) throw err;
        ctx.warn({ severity: 'warning', code: 'audiobook.noCover', params: { language } });
        return null;
      })
    : Promise.resolve(null);
  // Never left unhandled if a later step throws first.
  cover.catch(() => {});

  job.step(0, 'đọc văn bản');
  const spoken = await speakParts(parts, registry, clips, language, signal, (done, total) =>
    job.step(total > 0 ? done / total : 1, `đọc văn bản ${done}/${total}`),
  );
  job.step(1, 'ghép chương');
  const book = await assembleBook(parts, spoken, { signal });

  job.step(2, 'chuẩn âm lượng');
  const mastered = await masterSpeech(book.samples, book.sampleRate, AUDIOBOOK_PROFILE, { signal });
  const masterWav = path.join(job.workDir, 'master.wav');
  await writeWav(masterWav, { sampleRate: mastered.sampleRate, samples: mastered.pcm });

  const outDir = path.join(ctx.outDir, 'audiobook', safeFileName(language));
  const speakerDir = path.join(outDir, 'loa');
  await mkdir(speakerDir, { recursive: true });
  const base = safeFileName(`${material.id}-${language}`);
  const metadata: BookMetadata = {
    title: material.title.text,
    issuer: material.issuer.text,
    language,
    genre: labels.audiobook,
    year: editionDateOf(ctx.settings).slice(0, 4),
    comment: material.portalUrl ?? '',
  };

  job.step(3, 'đóng gói M4B, MP3');
  const coverPath = await cover;
  const encodeJob = { masterWav, parts: book.parts, cover: coverPath, metadata, workDir: job.workDir, signal };
  const m4b = path.join(outDir, `${base}.m4b`);
  const mp3 = path.join(outDir, `${base}.mp3`);
  // The encoders run as child processes while this process masters the loudspeaker cut.
  const encoding = Promise.all([encodeM4b(encodeJob, m4b), encodeMp3(encodeJob, mp3)]);
  encoding.catch(() => {});

  job.step(4, 'bản phát loa');
  const speakerFiles = await loudspeakerCut(book, parts, settings, speakerDir, base, metadata, job.workDir, signal);
  await encoding;

  const duration = book.samples.length / book.sampleRate;
  const chapters = book.parts.map((p) => ({ title: p.title, startSec: p.startSec, endSec: p.endSec }));
  const entries: OutputEntry[] = [
    await describeOutput(ctx.outDir, m4b, { format: 'audiobook', language, variant: 'm4b', durationSec: duration, chapters }),
    await describeOutput(ctx.outDir, mp3, { format: 'audiobook', language, variant: 'mp3', durationSec: duration, chapters }),
  ];
  for (const f of speakerFiles) {
    entries.push(await describeOutput(ctx.outDir, f.path, { format: 'audiobook', language, variant: f.variant, durationSec: f.endSec - f.startSec }));
  }

  // The commune packages carry the chapter cuts (the whole programme stays in loa/ for a single long slot).
  const cuts = speakerFiles.filter((f) => f.variant !== 'loudspeaker').map((f) => ({ path: f.path, title: f.title, durationSec: f.endSec - f.startSec }));
  const packages = await writeBroadcastPackages(path.join(outDir, 'phat-thanh'), base, material.title.text, cuts, settings.broadcast, filesMadeAt(ctx.settings));
  for (const pkg of packages) {
    // The cut copies are byte for byte the loudspeaker-chNN entries above; listing them again would
    // make publishing channels that take every audiobook MP3 upload each chapter once per commune.
    for (const f of pkg.files.filter((file) => !file.variant.endsWith('-cut'))) {
      entries.push(await describeOutput(ctx.outDir, f.path, { format: 'audiobook', language, variant: f.variant, ...(f.durationSec === undefined ? {} : { durationSec: f.durationSec }) }));
    }
  }

  const podcastChapters = path.join(outDir, `${base}.podcast-chapters.json`);
  await writeFileDurably(podcastChapters, podcastChaptersJson(material.title.text, chapters));
  entries.push(await describeOutput(ctx.outDir, podcastChapters, { format: 'audiobook', language, variant: 'podcast-chapters' }));
  let coverOut: string | null = null;
  if (coverPath) {
    coverOut = path.join(outDir, `${base}-bia${path.extname(coverPath) || '.png'}`);
    await copyFile(coverPath, coverOut);
    entries.push(await describeOutput(ctx.outDir, coverOut, { format: 'audiobook', language, variant: 'cover' }));
  }
  const audiobookDir = path.join(ctx.outDir, 'audiobook');
  const rel = (file: string) => path.relative(audiobookDir, file).split(path.sep).join('/');
  const episode: PodcastEpisode = {
    language,
    mp3: rel(mp3),
    bytes: (await stat(mp3)).size,
    durationSec: duration,
    chapters,
    chaptersJson: rel(podcastChapters),
    cover: coverOut ? rel(coverOut) : null,
  };
  await writeFileDurably(
    path.join(outDir, `${base}.chapters.json`),
    `${JSON.stringify(
      {
        material: material.id,
        language,
        title: material.title.text,
        durationSec: duration,
        loudness: { targetLufs: AUDIOBOOK_PROFILE.target.integrated, truePeakDbtp: AUDIOBOOK_PROFILE.target.truePeak, measuredBeforeGain: mastered.measured },
        chapters: book.parts,
        lines: book.lines,
        loudspeaker: speakerFiles.map((f) => ({
          file: path.relative(outDir, f.path).split(path.sep).join('/'),
          variant: f.variant,
          title: f.title,
          durationSec: f.endSec - f.startSec,
        })),
      },
      null,
      2,
    )}\n`,
  );
  job.step(5, 'xong');
  return { entries, episode };
}

/** One feed over every language's edition; skipped with a warning when no public address is known. */
async function writePodcastFeed(ctx: BuildContext, settings: AudiobookSettings, episodes: PodcastEpisode[]): Promise<OutputEntry[]> {
  const language = episodes[0]!.language;
  const material = ctx.materialFor(language);
  const baseUrl = podcastBaseUrl(settings.podcast.baseUrl, material);
  if (!baseUrl) {
    ctx.warn({ severity: 'warning', code: 'audiobook.noPodcastUrl', params: {} });
    return [];
  }
  const feed = path.join(ctx.outDir, 'audiobook', `${material.id}.rss.xml`);
  await writeFileDurably(feed, podcastFeedXml(material, episodes, { baseUrl, ownerEmail: settings.podcast.ownerEmail, date: filesMadeAt(ctx.settings) }));
  return [await describeOutput(ctx.outDir, feed, { format: 'audiobook', language, variant: 'podcast-rss' })];
}

interface SpeakerFile {
  path: string;
  title: string;
  startSec: number;
  endSec: number;
  variant: string;
}

async function loudspeakerCut(
  book: AssembledBook,
  parts: ScriptPart[],
  settings: AudiobookSettings,
  dir: string,
  base: string,
  metadata: BookMetadata,
  workDir: string,
  signal: AbortSignal,
): Promise<SpeakerFile[]> {
  // Each part at the target on its own: a chapter is often scheduled alone.
  const rate = book.sampleRate;
  const spans = book.parts.map((p): [number, number] => [Math.round(p.startSec * rate), Math.round(p.endSec * rate)]);
  const mastered = await masterSpeechInParts(book.samples, rate, loudspeakerProfile(settings.loudspeakerLufs), spans, { signal });
  const wav = path.join(workDir, 'loudspeaker.wav');
  await writeWav(wav, { sampleRate: rate, samples: mastered.pcm });
  const total = book.samples.length / rate;
  const whole: SpeakerFile = { path: path.join(dir, `${base}-loa-00-toan-bo.mp3`), title: metadata.title, startSec: 0, endSec: total, variant: 'loudspeaker' };
  const partFiles: SpeakerFile[] = parts.map((part, p) => {
    const span = book.parts[p]!;
    if (part.kind !== 'chapter' || part.number === undefined) {
      return { path: path.join(workDir, `loudspeaker-${part.kind}.mp3`), title: part.title, startSec: span.startSec, endSec: span.endSec, variant: '' };
    }
    const nn = String(part.number).padStart(2, '0');
    return {
      path: path.join(dir, `${base}-loa-${nn}-${slugify(part.shortTitle)}.mp3`),
      title: part.title,
      startSec: span.startSec,
      endSec: span.endSec,
      variant: `loudspeaker-ch${nn}`,
    };
  });
  await encodeLoudspeaker(wav, partFiles, whole.path, metadata, workDir, { signal });
  return [whole, ...partFiles.filter((f) => f.variant !== '')];
}
