/**
 * The read-along book (--formats epub) of a small brief in Vietnamese and a
 * pseudo-Tai Dam translation (no voice speaks it): epubcheck passes, the
 * container is well formed, every SMIL <par> points at an element of its
 * XHTML and at a stretch of the narration inside the audio, the texts are
 * the brief's own, and the Tai Dam books carry Tai Viet text and its font.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import { epubFormat } from '../../engine/formats/epub/index.js';
import { ffprobe } from '../../engine/media/ffmpeg.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { pseudoTranslate } from '../print/helpers.js';
import { smallContext, smallMaterial } from './smallBrief.js';

const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'luat-test-epub-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function list(file: string): string[] {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
}
function read(file: string, name: string): string {
  return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 1 << 26 });
}
function seconds(clock: string): number {
  const [h, m, s] = clock.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

describe('read-along EPUB', { timeout: 120_000 }, () => {
  let material: Material;
  let entries: OutputEntry[];
  let warnings: Diagnostic[];
  const file = (language: string) => path.join(tmp, entries.find((e) => e.language === language)!.path);

  beforeAll(async () => {
    material = smallMaterial();
    const blt = pseudoTranslate(material, 'blt');
    const run = smallContext({ materials: { vi: material, blt }, languages: ['vi', 'blt'], outDir: tmp });
    warnings = run.warnings;
    try {
      entries = await epubFormat.build(run.ctx);
    } finally {
      await run.dispose();
    }
  }, 300_000);

  it('makes a book per language and a bilingual one, and says the Tai Dam ones have no narration', () => {
    expect(entries.map((e) => [e.language, e.variant])).toEqual([
      ['vi', 'read-along'],
      ['blt', 'read-along'],
      ['vi+blt', 'bilingual'],
    ]);
    expect(warnings.map((w) => [w.code, w.params])).toEqual([['epub.noNarration', { language: 'blt' }]]);
    expect(entries[0]!.durationSec).toBeGreaterThan(5);
  });

  it('passes epubcheck with no error and no warning (the Vietnamese book and the bilingual one)', async () => {
    // One JVM per book, started together; C1 only, which halves epubcheck's start-up.
    const check = (book: string) =>
      new Promise<{ status: number | null; out: string }>((resolve) => {
        const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-jar', EPUBCHECK_JAR, book]);
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (status) => resolve({ status, out }));
      });
    const results = await Promise.all([file('vi'), file('vi+blt')].map(check));
    for (const { status, out } of results) {
      expect(out, out).toMatch(/0 fatals \/ 0 errors \/ 0 warnings/);
      expect(status).toBe(0);
    }
  }, 400_000);

  it('is an OCF zip: mimetype first, stored, exact', () => {
    const bytes = readFileSync(file('vi'));
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(8)).toBe(0); // stored
    const nameLength = bytes.readUInt16LE(26);
    expect(bytes.subarray(30, 30 + nameLength).toString()).toBe('mimetype');
    const extra = bytes.readUInt16LE(28);
    expect(bytes.subarray(30 + nameLength + extra, 30 + nameLength + extra + 20).toString()).toBe('application/epub+zip');
    expect(list(file('vi'))[0]).toBe('mimetype');
  });

  it('is dated by the build (midnight in Vietnam of the edition date, today by default), not by the clock', () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const midnight = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 3_600_000).toISOString().replace('.000Z', 'Z');
    expect(read(file('vi'), 'EPUB/package.opf')).toContain(`<meta property="dcterms:modified">${midnight}</meta>`);
  });

  it('media overlays: every <par> points at an element of its page and at a rising stretch inside the audio', async () => {
    const book = file('vi');
    const names = list(book);
    const smils = names.filter((n) => n.endsWith('.smil'));
    expect(smils.length).toBeGreaterThanOrEqual(4);
    const mp3 = path.join(tmp, 'narration.mp3');
    writeFileSync(mp3, execFileSync('unzip', ['-p', book, 'EPUB/audio/narration-vi.mp3'], { maxBuffer: 1 << 26 }));
    const audioSec = Number((await ffprobe(mp3)).format.duration);
    expect(Math.abs(audioSec - entries[0]!.durationSec!)).toBeLessThan(1);
    const opf = read(book, 'EPUB/package.opf');
    let previousEnd = 0;
    let parCount = 0;
    let sumMs = 0;
    for (const smil of smils) {
      let overlayMs = 0;
      for (const par of read(book, smil).matchAll(/<par id="[^"]+"><text src="\.\.\/text\/([^"#]+)#([^"]+)"\/><audio src="\.\.\/audio\/narration-vi\.mp3" clipBegin="([^"]+)" clipEnd="([^"]+)"\/><\/par>/g)) {
        const [, page, id, begin, end] = par;
        const xhtml = read(book, `EPUB/text/${page}`);
        expect(xhtml).toContain(`id="${id}"`);
        const b = seconds(begin!);
        const e = seconds(end!);
        expect(b).toBeGreaterThanOrEqual(previousEnd - 0.0005);
        expect(e).toBeGreaterThan(b);
        expect(e).toBeLessThanOrEqual(audioSec + 0.1);
        previousEnd = e;
        overlayMs += Math.round(e * 1000) - Math.round(b * 1000);
        parCount++;
      }
      const id = `mo-${path.basename(smil, '.smil')}`;
      expect(opf).toContain(`<item id="${id}" href="smil/${path.basename(smil)}" media-type="application/smil+xml"/>`);
      const declared = new RegExp(`<meta property="media:duration" refines="#${id}">([^<]+)</meta>`).exec(opf)![1]!;
      expect(Math.round(seconds(declared) * 1000)).toBe(overlayMs);
      sumMs += overlayMs;
    }
    // Title, subtitle-less cover (title, issuer), key message heading+message, section heading+paragraph, Q&A heading+2, hotline.
    expect(parCount).toBe(10);
    const total = /<meta property="media:duration">([^<]+)<\/meta>/.exec(opf)![1]!;
    expect(Math.round(seconds(total) * 1000)).toBe(sumMs);
    expect(opf).toContain('<meta property="media:active-class">la-active</meta>');
    expect(read(book, 'EPUB/css/book.css')).toContain('.la-active {');
  });

  it('keeps the brief\'s words: the figure, the citation, every unit under its own id', () => {
    const book = file('vi');
    const pages = list(book).filter((n) => n.startsWith('EPUB/text/')).map((n) => read(book, n)).join('\n');
    expect(pages).toContain('Phạt tiền từ 10.000.000 đồng đến 30.000.000 đồng.');
    expect(pages).toContain('Căn cứ: Điều 8 Luật Hôn nhân và gia đình');
    expect(pages).toContain('52/2014/QH13');
    const section = material.sections.find((s) => s.kind === 'content')!;
    const paragraph = section.kind === 'content' && section.blocks[0]!.type === 'paragraph' ? section.blocks[0]!.unit : null;
    expect(pages).toContain(`<p id="${paragraph!.id}" lang="vi" xml:lang="vi">${paragraph!.text}</p>`);
    expect(list(book).filter((n) => n.startsWith('EPUB/fonts/')).length).toBeGreaterThan(0);
  });

  it('Tai Dam: Tai Viet text with Noto Sans Tai Viet embedded; bilingual pairs narrate the Vietnamese only', () => {
    const blt = file('blt');
    const pages = list(blt).filter((n) => n.startsWith('EPUB/text/')).map((n) => read(blt, n)).join('\n');
    expect(pages).toMatch(/lang="blt" xml:lang="blt">[\uAA80-\uAADF]/u);
    expect(list(blt).some((n) => /^EPUB\/fonts\/noto-sans-tai-viet-.*\.woff2$/.test(n))).toBe(true);
    expect(read(blt, 'EPUB/css/book.css')).toContain("font-family: 'Noto Sans Tai Viet'");
    expect(list(blt).some((n) => n.endsWith('.smil') || n.endsWith('.mp3'))).toBe(false);

    const both = file('vi+blt');
    const qa = read(both, 'EPUB/text/p04.xhtml');
    const pair = material.sections.find((s) => s.kind === 'qa')!;
    const q = pair.kind === 'qa' ? pair.pairs[0]!.question : null;
    expect(qa).toContain(`id="${q!.id}" lang="vi"`);
    expect(qa).toMatch(new RegExp(`id="${q!.id.replace(/\./g, '\\.')}--blt" lang="blt" xml:lang="blt">[\\uAA80-\\uAADF]`, 'u'));
    const smil = read(both, 'EPUB/smil/p04.smil');
    expect(smil).toContain(`#${q!.id}"`);
    expect(smil).not.toContain('--blt');
  });
});
