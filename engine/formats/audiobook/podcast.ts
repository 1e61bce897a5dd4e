/**
 * The audiobook as a podcast: an RSS 2.0 feed with the iTunes and Podcasting
 * 2.0 namespaces (written by the `podcast` library), one episode per language
 * edition — the MP3 — with its chapters both inline (Podlove simple chapters)
 * and as a `podcast:chapters` JSON file next to it.
 *
 * Enclosure URLs must be absolute: they are built from `settings.audiobook.podcast.baseUrl`
 * (where the portal will serve the build's `audiobook/` folder), else from the
 * brief's portal URL + "/audiobook/".
 */
import { Podcast } from 'podcast';
import type { Material } from '../../model/material.js';
import { metadataLabels } from './phrases.js';

export interface PodcastChapter {
  title: string;
  startSec: number;
  endSec: number;
}

export interface PodcastEpisode {
  language: string;
  /** Path of the MP3 relative to the `audiobook/` folder, forward slashes: "vi/x-vi.mp3". */
  mp3: string;
  bytes: number;
  durationSec: number;
  chapters: PodcastChapter[];
  /** Path of the chapters JSON relative to the `audiobook/` folder. */
  chaptersJson: string;
  /** Path of the cover relative to the `audiobook/` folder, if one was made. */
  cover: string | null;
}

export interface PodcastOptions {
  /** Absolute URL of the `audiobook/` folder as published, ending in "/". */
  baseUrl: string;
  ownerEmail: string | null;
  /** Publication date of the episodes, and the feed's build date (engine/build/settings.ts filesMadeAt). */
  date: Date;
}

/** The folder URL the feed's links point into, or null when neither a base URL nor a portal is known. */
export function podcastBaseUrl(configured: string | null, material: Material): string | null {
  const raw = configured ?? (material.portalUrl ? `${material.portalUrl.replace(/\/$/, '')}/audiobook/` : null);
  if (!raw) return null;
  try {
    const url = new URL(raw.endsWith('/') ? raw : `${raw}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Podcasting 2.0 JSON chapters (https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md). */
export function podcastChaptersJson(title: string, chapters: PodcastChapter[]): string {
  return `${JSON.stringify(
    {
      version: '1.2.0',
      title,
      chapters: chapters.map((c) => ({ startTime: round(c.startSec), endTime: round(c.endSec), title: c.title })),
    },
    null,
    2,
  )}\n`;
}

const round = (sec: number) => Math.round(sec * 1000) / 1000;

/** "00:01:05.250", the Normal Play Time Podlove simple chapters use. */
function npt(sec: number): string {
  const ms = Math.round(sec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = ms % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(rest).padStart(3, '0')}`;
}

export function podcastFeedXml(material: Material, episodes: PodcastEpisode[], options: PodcastOptions): string {
  const url = (rel: string) => new URL(rel.split('/').map(encodeURIComponent).join('/'), options.baseUrl).href;
  const labels = metadataLabels(episodes[0]?.language ?? material.sourceLanguage);
  const description = [material.subtitle?.text, material.issuer.text].filter(Boolean).join(' — ');
  const cover = episodes.find((e) => e.cover)?.cover ?? null;
  const feed = new Podcast({
    title: material.title.text,
    description,
    feedUrl: url(`${material.id}.rss.xml`),
    siteUrl: material.portalUrl ?? options.baseUrl,
    author: material.issuer.text,
    copyright: material.issuer.text,
    language: episodes[0]?.language ?? material.sourceLanguage,
    categories: [labels.audiobook],
    generator: 'Luật Studio',
    pubDate: options.date,
    ...(cover ? { imageUrl: url(cover), itunesImage: url(cover) } : {}),
    itunesAuthor: material.issuer.text,
    itunesSummary: description,
    itunesExplicit: false,
    itunesType: 'serial',
    itunesCategory: [{ text: 'Government' }, { text: 'Education' }],
    ...(options.ownerEmail ? { itunesOwner: { name: material.issuer.text, email: options.ownerEmail } } : {}),
    namespaces: { iTunes: true, podcast: true, simpleChapters: true },
    customElements: [{ 'podcast:locked': 'no' }],
  });
  for (const [index, episode] of episodes.entries()) {
    const guid = `${material.id}-${episode.language}`;
    feed.addItem({
      title: episodes.length > 1 ? `${material.title.text} (${episode.language})` : material.title.text,
      description: [description, ...episode.chapters.map((c) => c.title)].join('\n'),
      url: material.portalUrl ?? url(episode.mp3),
      guid,
      date: options.date,
      enclosure: { url: url(episode.mp3), size: episode.bytes, type: 'audio/mpeg' },
      itunesDuration: Math.round(episode.durationSec),
      itunesEpisode: index + 1,
      itunesEpisodeType: 'full',
      itunesExplicit: false,
      ...(episode.cover ? { itunesImage: url(episode.cover) } : {}),
      pscChapters: { version: '1.2', chapter: episode.chapters.map((c) => ({ start: npt(c.startSec), title: c.title })) },
      customElements: [
        { 'podcast:chapters': { _attr: { url: url(episode.chaptersJson), type: 'application/json+chapters' } } },
      ],
    });
  }
  // The `rss` package under `podcast` always writes the clock as lastBuildDate; the same episodes must make the same feed.
  return feed.buildXml({ indent: '  ' }).replace(/<lastBuildDate>[^<]*<\/lastBuildDate>/, `<lastBuildDate>${options.date.toUTCString()}</lastBuildDate>`);
}
