/**
 * The portal data feed: records of the sample brief (Q&A, key messages, the
 * situation) and of the quiz brief with lĩnh vực, in two languages, validated
 * against docs/portal-feed.schema.json with ajv; the CSV read back with
 * Python's csv module; and both inside a portal package next to the quiz files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBriefFile } from '../../engine/brief/import.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { LINH_VUC_IDS } from '../../engine/model/subjects.js';
import { listTextUnits } from '../../engine/model/units.js';
import { FEED_CSV_COLUMNS, portalFeed, portalFeedCsv, type PortalFeed } from '../../engine/publish/portalFeed.js';
import { PortalPackageManifest, writePortalPackage } from '../../engine/publish/portalPackage.js';
import { localizeMaterial } from '../../engine/translations/localize.js';
import { postHtml } from '../../engine/publish/wordpress/content.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'portal-feed.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

let sample: Material;
let quizBrief: Material;
let en: Material;
let feed: PortalFeed;

async function load(file: string): Promise<Material> {
  const r = await importBriefFile(file);
  if (!r.material) throw new Error(JSON.stringify(r.diagnostics));
  return r.material;
}

beforeAll(async () => {
  sample = await load(SAMPLE_BRIEF);
  quizBrief = await load(path.join(import.meta.dirname, 'fixtures', 'brief.md'));
  en = localizeMaterial(quizBrief, 'en', listTextUnits(quizBrief).map(({ unit }) => ({
    unitId: unit.id, language: 'en', text: `EN ${unit.text}`, sourceText: unit.text, stale: false, updatedAt: '2026-01-01T00:00:00.000Z',
  })));
  feed = portalFeed([{ language: 'vi', material: quizBrief }, { language: 'en', material: en }], new Date('2026-12-01T00:00:00Z'));
});

describe('the portal data feed', () => {
  it('validates against the documented JSON Schema, and the schema refuses what is wrong', () => {
    expect(validate(feed), JSON.stringify(validate.errors)).toBe(true);
    const sampleFeed = portalFeed([{ language: 'vi', material: sample }]);
    expect(validate(sampleFeed), JSON.stringify(validate.errors)).toBe(true);
    // The schema's list is the engine's list.
    expect(schema.$defs.linhVuc.enum).toEqual(LINH_VUC_IDS);
    const bad = structuredClone(feed);
    bad.records[0]!.linhVuc = ['bong-da'];
    bad.records[1]!.citations = [];
    expect(validate(bad)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/records/0/linhVuc/0', '/records/1/citations']));
  });

  it('has each Q&A pair, key message and situation with citations, effective dates, lĩnh vực and languages', () => {
    const types = sampleTypes(portalFeed([{ language: 'vi', material: sample }]));
    expect(types).toEqual({ keyMessage: 3, qa: 3, situation: 1 });
    const qa = sample.sections.find((s) => s.kind === 'qa');
    if (qa?.kind !== 'qa') throw new Error('no qa');
    const sampleFeed = portalFeed([{ language: 'vi', material: sample }]);
    const first = sampleFeed.records.find((r) => r.key === qa.pairs[0]!.id)!;
    expect(first).toMatchObject({ type: 'qa', title: qa.pairs[0]!.question.text, body: qa.pairs[0]!.answer.text, language: 'vi', languages: ['vi'] });
    // The Q&A section cites nothing itself: the closest cited passage (here Điều 8 first) lends its citations.
    expect(first.citations[0]).toEqual({ ref: '52/2014/QH13', article: 'Điều 8', title: 'Luật Hôn nhân và gia đình', effective: '2015-01-01' });
    expect(first.effectiveDates).toContain('2015-01-01');
    const situation = sampleFeed.records.find((r) => r.type === 'situation')!;
    expect(situation.title).toBe('Đám cưới của Páo');
    expect(situation.body.split('\n')[0]).toBe('Người dẫn chuyện: Ở bản Nà Hạ, gia đình Páo đang chuẩn bị đám cưới cho Páo và Mỷ.');
    expect(situation.citations.length).toBeGreaterThan(0);

    expect(feed.linhVuc).toEqual([
      { id: 'hon-nhan-gia-dinh', vi: 'Hôn nhân và gia đình', en: 'Marriage and family' },
      { id: 'ho-tich', vi: 'Hộ tịch, cư trú', en: 'Civil status and residence' },
    ]);
    for (const r of feed.records) {
      expect(r.linhVuc).toEqual(['hon-nhan-gia-dinh', 'ho-tich']);
      expect(r.languages).toEqual(['vi', 'en']);
    }
    // The English record joins its source by key and cites the same articles.
    const vi = feed.records.filter((r) => r.language === 'vi');
    const enRecords = feed.records.filter((r) => r.language === 'en');
    expect(enRecords.map((r) => r.key)).toEqual(vi.map((r) => r.key));
    expect(enRecords.map((r) => r.citations.map((c) => c.article))).toEqual(vi.map((r) => r.citations.map((c) => c.article)));
    expect(enRecords[0]!.title.startsWith('EN ')).toBe(true);
  });

  it('CSV: read back by Python’s csv module, one row per record, same values', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-feed-'));
    const csvFile = path.join(dir, 'records.csv');
    writeFileSync(csvFile, portalFeedCsv(feed));
    const rows = JSON.parse(execFileSync('python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))', csvFile], { encoding: 'utf8' })) as string[][];
    expect(rows[0]).toEqual([...FEED_CSV_COLUMNS]);
    expect(rows).toHaveLength(feed.records.length + 1);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    for (const r of feed.records) {
      const row = byId.get(r.id)!;
      expect(row[6]).toBe(r.title);
      expect(row[7]).toBe(r.body);
      expect(row[8]).toBe(r.citations.map((c) => `${c.ref} ${c.article}`).join(' | '));
      expect(row[10]).toBe('hon-nhan-gia-dinh | ho-tich');
    }
  });

  it('goes into the portal package with the quiz files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-feed-pkg-'));
    const files = ['html', 'h5p', 'xml'].map((ext) => {
      const absolutePath = path.join(dir, `quiz.${ext}`);
      writeFileSync(absolutePath, ext);
      const output: OutputEntry = { format: 'quiz', language: 'vi', variant: { html: 'html', h5p: 'h5p', xml: 'moodle' }[ext]!, path: `quiz/vi/quiz.${ext}`, bytes: 3, sha256: '0'.repeat(64) };
      return { output, absolutePath };
    });
    const outFile = path.join(dir, 'package.zip');
    const manifest = await writePortalPackage({
      editions: [{ language: 'vi', material: quizBrief }, { language: 'en', material: en }],
      files,
      approval: { by: 'A', role: 'legal', at: '2026-12-01T00:00:00Z', materialHash: 'a'.repeat(64), outputsHash: 'b'.repeat(64) },
      outFile,
      now: new Date('2026-12-01T00:00:00Z'),
    });
    const listing = execFileSync('unzip', ['-Z1', outFile], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(expect.arrayContaining(['manifest.json', 'feed/records.json', 'feed/records.csv', 'files/vi/quiz.html', 'files/vi/quiz.h5p', 'files/vi/quiz.xml']));
    const packaged = PortalPackageManifest.parse(JSON.parse(execFileSync('unzip', ['-p', outFile, 'manifest.json'], { encoding: 'utf8' })));
    expect(packaged.feed).toEqual({ json: 'feed/records.json', csv: 'feed/records.csv', records: feed.records.length, linhVuc: ['hon-nhan-gia-dinh', 'ho-tich'] });
    expect(packaged.files.map((f) => `${f.variant}:${f.role}:${f.mediaType}`)).toEqual(['html:attachment:text/html', 'h5p:attachment:application/zip', 'moodle:attachment:application/xml']);
    expect(manifest.feed?.records).toBe(feed.records.length);
    const inZip = JSON.parse(execFileSync('unzip', ['-p', outFile, 'feed/records.json'], { encoding: 'utf8' }));
    expect(validate(inZip), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('WordPress', () => {
  it('gets the Q&A as a structured FAQ block and links the quiz', () => {
    const qa = quizBrief.sections.find((s) => s.kind === 'qa');
    if (qa?.kind !== 'qa') throw new Error('no qa');
    const output: OutputEntry = { format: 'quiz', language: 'vi', variant: 'html', path: 'quiz/vi/q.html', bytes: 10, sha256: '0'.repeat(64) };
    const html = postHtml(quizBrief, 'vi', [{ output, url: 'https://portal.example/q.html' }]);
    const faq = html.slice(html.indexOf('<!-- wp:group {"className":"luat-faq"} -->'), html.indexOf('<!-- /wp:group -->'));
    expect(faq.match(/<!-- wp:details \{"className":"luat-faq-item"\} -->/g)).toHaveLength(qa.pairs.length);
    for (const p of qa.pairs) expect(faq).toContain(`<summary>Hỏi: ${p.question.text}</summary>`);
    expect(html).toContain('<p class="luat-quiz"><a href="https://portal.example/q.html">Làm bài trắc nghiệm</a></p>');
    // The hand-written questions stay for the quiz: not printed in the post.
    expect(html).not.toContain('Cha mẹ ép con gái');
    expect(postHtml(quizBrief, 'vi', [])).not.toContain('luat-quiz');
  });
});

function sampleTypes(f: PortalFeed): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of f.records) out[r.type] = (out[r.type] ?? 0) + 1;
  return out;
}
