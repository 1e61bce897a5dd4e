/**
 * Encodes a mastered book into its files.
 *
 * Chapters: the ffmpeg we ship cannot read an ffmetadata file, so the master
 * WAV is read through a concat list with `chapter` directives, and each
 * chapter's title is set with `-metadata:c:N`. ffmpeg's mp4 muxer writes them
 * as a QuickTime chapter track plus Nero `chpl`; its mp3 muxer writes ID3v2
 * CHAP frames under a CTOC. Cover art is an attached picture in both.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aacEncoderArgs, ffconcatPath, runFfmpeg } from '../../media/ffmpeg.js';
import { commitFile, temporaryPathFor, writeAtomically } from '../../fs/durable.js';
import type { PartSpan } from './assemble.js';
import { mediaLanguage } from '../../model/languages.js';
import { setTextTrackLanguage } from '../../media/mp4Language.js';

/**
 * LAME (as built into our ffmpeg) plays back 0.45 dB quieter than its input:
 * measured on a 1 kHz sine and on speech, at 64–128 kbit/s. MP3s get it back
 * so that they meet the same loudness target as the M4B.
 */
const MP3_LEVEL_COMPENSATION_DB = 0.45;
const MP3_LEVEL_COMPENSATION = `volume=${MP3_LEVEL_COMPENSATION_DB}dB`;

export interface BookMetadata {
  title: string;
  /** The issuing agency: artist and album artist. */
  issuer: string;
  language: string;
  genre: string;
  year: string;
  comment: string;
}

export interface EncodeJob {
  masterWav: string;
  parts: PartSpan[];
  cover: string | null;
  metadata: BookMetadata;
  workDir: string;
  signal?: AbortSignal;
}

async function chapterList(job: EncodeJob, name: string): Promise<string> {
  const lines = ['ffconcat version 1.0', `file ${ffconcatPath(job.masterWav)}`];
  for (const [i, part] of job.parts.entries()) {
    lines.push(`chapter ${i} ${part.startSec.toFixed(3)} ${part.endSec.toFixed(3)}`);
  }
  const file = path.join(job.workDir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

function metadataArgs(job: EncodeJob): string[] {
  const m = job.metadata;
  const args = [
    '-map_metadata', '-1',
    '-metadata', `title=${m.title}`,
    '-metadata', `album=${m.title}`,
    '-metadata', `artist=${m.issuer}`,
    '-metadata', `album_artist=${m.issuer}`,
    '-metadata', `genre=${m.genre}`,
    '-metadata', `date=${m.year}`,
    '-metadata', `comment=${m.comment}`,
    '-metadata', `language=${m.language}`,
    // The audio stream's own tag, as players and ffprobe read it (ISO 639-2/T; a 639-3-only language is named in the title).
    '-metadata:s:a:0', `language=${mediaLanguage(m.language).iso6392}`, '-metadata:s:a:0', `title=${mediaLanguage(m.language).title}`,
    // MP4 keeps a track's name in its handler; players show it as the track's name.
    '-metadata:s:a:0', `handler_name=${mediaLanguage(m.language).title}`,
  ];
  for (const [i, part] of job.parts.entries()) args.push(`-metadata:c:${i}`, `title=${part.title}`);
  return args;
}

function inputArgs(list: string, cover: string | null): string[] {
  const args = ['-f', 'concat', '-safe', '0', '-i', list];
  if (cover) args.push('-i', cover);
  return args;
}

function mapArgs(cover: string | null): string[] {
  return cover ? ['-map', '0:a', '-map', '1:v', '-c:v', 'copy', '-disposition:v:0', 'attached_pic'] : ['-map', '0:a'];
}

/** M4B: AAC-LC mono, chapters, cover, fast start. */
export async function encodeM4b(job: EncodeJob, outPath: string, bitrate = '64k'): Promise<void> {
  const list = await chapterList(job, 'chapters-m4b.ffconcat');
  const aac = await aacEncoderArgs(bitrate);
  await writeAtomically(outPath, (temp) =>
    runFfmpeg(
      [
        '-v', 'error', '-y', ...inputArgs(list, job.cover), ...mapArgs(job.cover),
        ...aac, '-map_chapters', '0', ...metadataArgs(job),
        '-brand', 'M4B ', '-movflags', '+faststart', '-f', 'mp4', temp,
      ],
      job.signal ? { signal: job.signal } : {},
    ).then(() => setTextTrackLanguage(temp, mediaLanguage(job.metadata.language).iso6392)),
  );
}

/**
 * MP3: ID3v2.4 with CHAP/CTOC chapters, the cover as the front-cover picture.
 * 96 kbit/s: at 64 LAME's peaks overshoot the master by ~0.7 dB, past −3 dBTP.
 * LAME's quality 7 (of 0–9) encodes ~1.7× faster than its default 5; at this
 * bitrate for mono speech the difference is below what a phone speaker shows.
 */
export async function encodeMp3(job: EncodeJob, outPath: string, bitrate = '96k'): Promise<void> {
  const list = await chapterList(job, 'chapters-mp3.ffconcat');
  const cover = job.cover ? ['-metadata:s:v', 'title=Album cover', '-metadata:s:v', 'comment=Cover (front)'] : [];
  await writeAtomically(outPath, (temp) =>
    runFfmpeg(
      [
        '-v', 'error', '-y', ...inputArgs(list, job.cover), ...mapArgs(job.cover),
        '-af', MP3_LEVEL_COMPENSATION, '-c:a', 'libmp3lame', '-b:a', bitrate, '-compression_level', '7',
        '-map_chapters', '0', ...metadataArgs(job), ...cover,
        '-id3v2_version', '4', '-write_xing', '1', '-f', 'mp3', temp,
      ],
      job.signal ? { signal: job.signal } : {},
    ),
  );
}

export interface LoudspeakerPart {
  /** Where the part's MP3 goes; parts that are not outputs (intro, outro) go to the work folder. */
  path: string;
  title: string;
  startSec: number;
  endSec: number;
}

/**
 * Loudspeaker files: mono MP3 at 44.1 kHz. Every part (intro, chapters,
 * outro) is encoded from the mastered WAV in one ffmpeg run (decoded once);
 * the whole programme is those MP3s joined frame by frame, so it costs no
 * second encode. ID3v2.3 here: players in commune broadcast stations are often old.
 */
export async function encodeLoudspeaker(
  masterWav: string,
  parts: LoudspeakerPart[],
  wholePath: string,
  metadata: BookMetadata,
  workDir: string,
  options: { signal?: AbortSignal; bitrate?: string } = {},
): Promise<void> {
  const run = options.signal ? { signal: options.signal } : {};
  const temps = parts.map((p) => temporaryPathFor(p.path));
  const wholeTemp = temporaryPathFor(wholePath);
  const tags = (title: string) => [
    '-map_metadata', '-1', '-metadata', `title=${title}`, '-metadata', `artist=${metadata.issuer}`,
    '-metadata', `album=${metadata.title}`, '-metadata', `language=${metadata.language}`, '-id3v2_version', '3',
  ];
  const args = ['-v', 'error', '-y', '-i', masterWav];
  for (const [i, part] of parts.entries()) {
    args.push(
      '-map', '0:a', '-ss', part.startSec.toFixed(3), '-to', part.endSec.toFixed(3),
      '-af', MP3_LEVEL_COMPENSATION, '-ac', '1', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', options.bitrate ?? '96k', '-compression_level', '7',
      ...tags(part.title), '-f', 'mp3', temps[i]!,
    );
  }
  try {
    await runFfmpeg(args, run);
    const list = path.join(workDir, 'loudspeaker.ffconcat');
    await writeFile(list, `ffconcat version 1.0\n${temps.map((t) => `file ${ffconcatPath(t)}`).join('\n')}\n`);
    await runFfmpeg(['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-map', '0:a', '-c', 'copy', ...tags(metadata.title), '-f', 'mp3', wholeTemp], run);
    await commitFile(wholeTemp, wholePath);
    for (const [i, part] of parts.entries()) await commitFile(temps[i]!, part.path);
  } finally {
    await Promise.all([...temps, wholeTemp].map((t) => rm(t, { force: true })));
  }
}
