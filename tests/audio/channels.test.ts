/** The podcast feed and the commune broadcast package, checked by parsing what is written. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { BroadcastSettings, broadcastSchedule, writeBroadcastPackages } from '../../engine/formats/audiobook/broadcast.js';
import { podcastBaseUrl, podcastChaptersJson, podcastFeedXml, type PodcastEpisode } from '../../engine/formats/audiobook/podcast.js';
import { parseFeed } from './feed.js';
import { sampleMaterial, tempDir } from './helpers.js';

const tmp = tempDir('channels');
afterAll(() => tmp.remove());

const CHAPTERS = [
  { title: 'Giới thiệu', startSec: 0, endSec: 12.5 },
  { title: 'Chương 1: Điều kiện kết hôn', startSec: 12.5, endSec: 80.25 },
  { title: 'Kết thúc', startSec: 80.25, endSec: 95 },
];

const episode = (language: string): PodcastEpisode => ({
  language,
  mp3: `${language}/ket-hon-dung-tuoi-${language}.mp3`,
  bytes: 123456,
  durationSec: 95,
  chapters: CHAPTERS,
  chaptersJson: `${language}/ket-hon-dung-tuoi-${language}.podcast-chapters.json`,
  cover: `${language}/ket-hon-dung-tuoi-${language}-bia.png`,
});

describe('podcast feed', () => {
  const material = sampleMaterial();
  const xml = podcastFeedXml(material, [episode('vi'), episode('blt')], { baseUrl: 'https://pbgdpl.sonla.gov.vn/sach-noi/', ownerEmail: 'stp@sonla.gov.vn', date: new Date('2026-03-01T00:00:00Z') });
  const { rss } = parseFeed(xml);
  const channel = rss['channel'];

  it('is dated by the build, not by the clock: the same episodes make the same feed', () => {
    expect(channel.lastBuildDate).toBe('Sun, 01 Mar 2026 00:00:00 GMT');
    expect(channel.pubDate).toBe('Sun, 01 Mar 2026 00:00:00 GMT');
  });

  it('is RSS 2.0 with the iTunes and podcast namespaces', () => {
    expect(rss['@version']).toBe('2.0');
    expect(rss['@xmlns:itunes']).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
    expect(rss['@xmlns:podcast']).toBe('https://podcastindex.org/namespace/1.0');
    // RSS 2.0 requires title, link and description on the channel.
    expect(channel.title).toBe(material.title.text);
    expect(channel.link).toBe(material.portalUrl);
    expect(channel.description).toContain(material.issuer.text);
    expect(channel.language).toBe('vi');
    expect(channel['itunes:author']).toBe(material.issuer.text);
    expect(String(channel['itunes:explicit'])).toBe('false');
    expect(channel['itunes:image']['@href']).toBe('https://pbgdpl.sonla.gov.vn/sach-noi/vi/ket-hon-dung-tuoi-vi-bia.png');
    expect(channel['itunes:category'].map((c: { '@text': string }) => c['@text'])).toEqual(['Government', 'Education']);
    expect(channel['itunes:owner']['itunes:email']).toBe('stp@sonla.gov.vn');
  });

  it('has one episode per language: the MP3 enclosure, its duration and its chapters', () => {
    const items = channel.item as Array<Record<string, any>>;
    expect(items).toHaveLength(2);
    const vi = items[0]!;
    expect(vi.title).toBe(`${material.title.text} (vi)`);
    expect(vi.guid['#text'] ?? vi.guid).toBe('ket-hon-dung-tuoi-vi');
    expect(vi.enclosure).toMatchObject({ '@url': 'https://pbgdpl.sonla.gov.vn/sach-noi/vi/ket-hon-dung-tuoi-vi.mp3', '@length': '123456', '@type': 'audio/mpeg' });
    expect(String(vi['itunes:duration'])).toBe('00:01:35');
    expect(vi['podcast:chapters']).toMatchObject({
      '@url': 'https://pbgdpl.sonla.gov.vn/sach-noi/vi/ket-hon-dung-tuoi-vi.podcast-chapters.json',
      '@type': 'application/json+chapters',
    });
    const psc = vi['psc:chapters']['psc:chapter'] as Array<{ '@start': string; '@title': string }>;
    expect(psc.map((c) => c['@title'])).toEqual(CHAPTERS.map((c) => c.title));
    expect(psc[1]!['@start']).toBe('00:00:12.500');
  });

  it('writes chapters in the Podcasting 2.0 JSON form', () => {
    const json = JSON.parse(podcastChaptersJson('T', CHAPTERS)) as { version: string; chapters: Array<{ startTime: number; title: string }> };
    expect(json.version).toBe('1.2.0');
    expect(json.chapters.map((c) => [c.startTime, c.title])).toEqual(CHAPTERS.map((c) => [c.startSec, c.title]));
  });

  it('takes its address from the settings, else the portal, and refuses anything but http(s)', () => {
    expect(podcastBaseUrl('https://a.vn/x', material)).toBe('https://a.vn/x/');
    expect(podcastBaseUrl(null, material)).toBe('https://pbgdpl.sonla.gov.vn/ket-hon-dung-tuoi/audiobook/');
    expect(podcastBaseUrl('file:///etc/', material)).toBeNull();
    expect(podcastBaseUrl(null, { ...material, portalUrl: null })).toBeNull();
  });
});

describe('broadcast package', () => {
  const cut = (n: number, title: string, durationSec: number) => {
    const file = path.join(tmp.dir, `ket-hon-dung-tuoi-vi-loa-0${n}.mp3`);
    writeFileSync(file, `fake mp3 ${n}`);
    return { path: file, title, durationSec };
  };
  const cuts = [cut(1, 'Chương 1: Điều kiện kết hôn', 95), cut(2, 'Chương 2: Tảo hôn, hậu quả', 130.4), cut(3, 'Chương 3: Thủ tục', 61)];

  it('fills the daily slots in order from the start date, in Vietnam time', () => {
    const settings = BroadcastSettings.parse({ startDate: '2026-03-02', times: ['17:30', '06:30'], rounds: 2 });
    const schedule = broadcastSchedule(cuts, settings);
    expect(schedule.map((s) => `${s.date} ${s.time} ${s.cut.title.slice(0, 9)}`)).toEqual([
      '2026-03-02 06:30 Chương 1:', '2026-03-02 17:30 Chương 2:', '2026-03-03 06:30 Chương 3:',
      '2026-03-03 17:30 Chương 1:', '2026-03-04 06:30 Chương 2:', '2026-03-04 17:30 Chương 3:',
    ]);
    expect(schedule[0]!.startUtc.toISOString()).toBe('2026-03-01T23:30:00.000Z');
    expect(BroadcastSettings.safeParse({ times: ['25:00'] }).success).toBe(false);
  });

  it('writes per commune the cuts, an M3U playlist, and the schedule as CSV and iCalendar', async () => {
    const settings = BroadcastSettings.parse({ communes: ['Xã Chiềng Bôm', 'Xã Pá Vây Sử'], startDate: '2026-03-02' });
    const packages = await writeBroadcastPackages(path.join(tmp.dir, 'phat-thanh'), 'ket-hon-dung-tuoi-vi', 'Kết hôn đúng tuổi', cuts, settings, new Date('2026-12-06T17:00:00Z'));
    expect(packages.map((p) => path.basename(p.dir))).toEqual(['xa-chieng-bom', 'xa-pa-vay-su']);
    const pkg = packages[0]!;
    expect(pkg.files.map((f) => f.variant)).toEqual([
      'broadcast-xa-chieng-bom-cut', 'broadcast-xa-chieng-bom-cut', 'broadcast-xa-chieng-bom-cut',
      'broadcast-xa-chieng-bom-m3u', 'broadcast-xa-chieng-bom-csv', 'broadcast-xa-chieng-bom-ics',
    ]);
    expect(readFileSync(path.join(pkg.dir, 'ket-hon-dung-tuoi-vi-loa-02.mp3'), 'utf8')).toBe('fake mp3 2');

    const m3u = readFileSync(path.join(pkg.dir, 'ket-hon-dung-tuoi-vi.m3u'), 'utf8').split('\r\n');
    expect(m3u[0]).toBe('#EXTM3U');
    expect(m3u.filter((l) => l.startsWith('#EXTINF:'))).toEqual([
      '#EXTINF:95,Chương 1: Điều kiện kết hôn', '#EXTINF:130,Chương 2: Tảo hôn, hậu quả', '#EXTINF:61,Chương 3: Thủ tục',
    ]);
    expect(m3u.filter((l) => l.endsWith('.mp3'))).toEqual(cuts.map((c) => path.basename(c.path)));

    const rows = parseCsv(readFileSync(path.join(pkg.dir, 'ket-hon-dung-tuoi-vi-lich-phat.csv')), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['STT', 'Xã', 'Ngày', 'Giờ phát', 'Nội dung', 'Tệp', 'Thời lượng']);
    expect(rows.slice(1)).toEqual([
      ['1', 'Xã Chiềng Bôm', '2026-03-02', '06:30', 'Chương 1: Điều kiện kết hôn', 'ket-hon-dung-tuoi-vi-loa-01.mp3', '1:35'],
      ['2', 'Xã Chiềng Bôm', '2026-03-02', '17:30', 'Chương 2: Tảo hôn, hậu quả', 'ket-hon-dung-tuoi-vi-loa-02.mp3', '2:10'],
      ['3', 'Xã Chiềng Bôm', '2026-03-03', '06:30', 'Chương 3: Thủ tục', 'ket-hon-dung-tuoi-vi-loa-03.mp3', '1:01'],
    ]);

    // iCalendar: unfold continuation lines, then one VEVENT per slot with its UTC start.
    const ics = readFileSync(path.join(pkg.dir, 'ket-hon-dung-tuoi-vi-lich-phat.ics'), 'utf8').replace(/\r\n[ \t]/g, '');
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('DTSTART'))).toEqual(['DTSTART:20260301T233000Z', 'DTSTART:20260302T103000Z', 'DTSTART:20260302T233000Z']);
    expect(lines.filter((l) => l.startsWith('SUMMARY'))[1]).toBe('SUMMARY:Phát thanh: Chương 2: Tảo hôn\\, hậu quả');
    expect(lines.filter((l) => l.startsWith('LOCATION'))[0]).toBe('LOCATION:Xã Chiềng Bôm');
    expect(new Set(lines.filter((l) => l.startsWith('UID:'))).size).toBe(3);
    // Stamped with the build's date (filesMadeAt), not the clock's: a rebuild writes the same calendar.
    expect(new Set(lines.filter((l) => l.startsWith('DTSTAMP')))).toEqual(new Set(['DTSTAMP:20261206T170000Z']));
  });
});
