/**
 * Labels: the words the formats add (Mục lục, Căn cứ pháp lý, Hỏi/Đáp…) go
 * out with the material in their own group, come back into the library's
 * label memory, and a Tai Dam booklet is then printed with Tai Viet labels
 * and no Vietnamese one. Until then the language is reported and not built.
 * One small brief, one library, built once.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeStudio, confirmFigures, exportTranslations, importTranslations, openStudio, renderProject, saveProjectBrief,
  translationGrid, translationSummary, type RenderOutcome, type Studio,
} from '../../engine/app/index.js';
import { importBriefText } from '../../engine/brief/import.js';
import { diagnosticMessage, translator } from '../../engine/i18n/index.js';
import { StudioError } from '../../engine/errors.js';
import { LABELS } from '../../engine/model/labels.js';
import type { Material } from '../../engine/model/material.js';
import { listTextUnits } from '../../engine/model/units.js';
import { pseudoLabel } from '../helpers/labels.js';
import { pdfText } from '../print/helpers.js';
import { runCli } from '../helpers/cli.js';
import { writeFileSync } from 'node:fs';

const BRIEF = `---
id: khai-sinh-nhan
title: "Đăng ký khai sinh cho con"
issuer: "Sở Tư pháp tỉnh Sơn La"
audience: [nguoi-dan-toc-thieu-so]
source_language: vi
target_languages: [blt]
legal_basis:
  - ref: "60/2014/QH13"
    title: "Luật Hộ tịch"
    articles: ["Điều 16"]
    effective: 2016-01-01
hotline: "Gọi 111 khi cần"
---

# Đăng ký khai sinh
<!-- legal: 60/2014/QH13 Điều 16 -->

Cha mẹ đăng ký khai sinh cho con tại Ủy ban nhân dân xã.

# Hỏi đáp

**Hỏi:** Đăng ký khai sinh có mất tiền không?

**Đáp:** Đăng ký khai sinh đúng hạn không mất lệ phí.
`;

/** The Vietnamese labels a booklet shows; none may be in a Tai Dam edition. */
const VIETNAMESE_LABELS = ['Mục lục', 'Căn cứ pháp lý', 'Hỏi', 'Đáp', 'Số hiệu', 'Hiệu lực từ', 'Ấn bản', 'Đường dây nóng', 'Quét mã', 'Cơ quan phát hành', 'TÀI LIỆU PHỔ BIẾN', 'Tài liệu phổ biến'];

const t = translator('vi');
const taiViet = (text: string) => text.split(/\s+/).map((w) => (/\d/.test(w) ? w : 'ꪀꪱꪙ')).join(' ');
const labelText = (id: string) => pseudoLabel(LABELS.find((l) => l.id === id)!.source, 'blt', LABELS.findIndex((l) => l.id === id));

function materialOf(text: string): Material {
  const { material, diagnostics } = importBriefText(text);
  if (!material) throw new Error(JSON.stringify(diagnostics));
  return material;
}

/** Every text unit translated (figures kept), as a translator would have. */
async function translateUnits(studio: Studio, material: Material): Promise<void> {
  const now = new Date().toISOString();
  await studio.library.putTranslations(material.id, listTextUnits(material).map(({ unit }) => ({
    unitId: unit.id, language: 'blt', text: taiViet(unit.text), sourceText: unit.text, stale: false, updatedAt: now,
  })));
}

/** The exported XLIFF with a <target> in every label unit, as a CAT tool returns it. */
function fillLabels(xliff: string): string {
  return xliff.replace(/(<unit id="label:([^"]+)"[\s\S]*?<\/source>)/g, (_, head: string, id: string) => `${head}<target>${labelText(id)}</target>`);
}

let studio: Studio;
let material: Material;
let outDir: string;
let before: unknown;
let after: RenderOutcome;
let xliff: string;
let po: string;
let imported: Awaited<ReturnType<typeof importTranslations>>;
let statusBefore: Awaited<ReturnType<typeof translationSummary>>;

beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'luat-labels-'));
  outDir = path.join(root, 'out');
  studio = await openStudio({ libraryDir: path.join(root, 'library'), command: 'labels test' });
  material = materialOf(BRIEF);
  await saveProjectBrief(studio, material, BRIEF, null);
  await translateUnits(studio, material);
  statusBefore = await translationSummary(studio, material.id);
  before = await renderProject(studio, { projectId: material.id, formats: ['booklet'], languages: ['blt'], outDir }, t).catch((error: unknown) => error);
  xliff = (await exportTranslations(studio, material.id, 'blt', 'xliff', t)).content;
  po = (await exportTranslations(studio, material.id, 'blt', 'po', t)).content;
  imported = await importTranslations(studio, { projectId: material.id }, { fileName: 'khai-sinh.blt.xlf', content: fillLabels(xliff) }, t);
  after = await renderProject(studio, { projectId: material.id, formats: ['booklet'], languages: ['blt'], outDir }, t);
}, 120_000);

afterAll(async () => {
  if (studio) await closeStudio(studio);
});

describe('labels in the translation files', () => {
  it('exports every label in its own group (XLIFF) and with a label: context (PO), after the units', () => {
    const group = /<group id="labels">([\s\S]*?)<\/group>/.exec(xliff)?.[1] ?? '';
    const ids = [...group.matchAll(/<unit id="label:([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(LABELS.map((l) => l.id));
    expect(group).toContain('<source>Mục lục</source>');
    expect(group).toContain('<source>Cảnh {n}</source>');
    expect(xliff.indexOf('<group id="labels">')).toBeGreaterThan(xliff.lastIndexOf(`<unit id="${listTextUnits(material).at(-1)!.unit.id}"`));
    expect(po).toContain('msgctxt "label:print.legalBasis"\nmsgid "Căn cứ pháp lý"');
    expect(po.match(/^msgctxt "label:/gm)).toHaveLength(LABELS.length);
  });

  it('imports the translated labels, into the project and the label memory', async () => {
    expect(imported.problems).toEqual([]);
    expect(imported.rejected).toEqual([]);
    expect(imported.applied).toBe(LABELS.length);
    const memory = await studio.library.listLabelMemory('blt');
    expect(memory).toHaveLength(LABELS.length);
    expect(memory.find((r) => r.unitId === 'label:print.contents')?.text).toBe(labelText('print.contents'));
    expect(imported.completeness[0]!.labels.missing).toEqual([]);
  });

  it('refuses a label translation that drops its placeholder, and keeps the stored one', async () => {
    const broken = fillLabels(xliff).replace(`<target>${labelText('print.scene')}</target>`, '<target>ꪀꪱꪙ</target>');
    const result = await importTranslations(studio, { projectId: material.id }, { fileName: 'x.xlf', content: broken }, t);
    expect(result.rejected.map((r) => r.unitId)).toEqual(['label:print.scene']);
    expect(result.rejected[0]!.message).toContain('{n}');
    expect((await studio.library.listLabelMemory('blt')).find((r) => r.unitId === 'label:print.scene')?.text).toBe(labelText('print.scene'));
  });
});

describe('a language with missing labels', () => {
  it('is reported by the translation status, naming the labels', () => {
    const blt = statusBefore.find((s) => s.language === 'blt')!;
    expect(blt.percent).toBe(100);
    expect(blt.labels.missing).toEqual(LABELS.map((l) => l.id));
  });

  it('is reported by check when the brief declares the language, from a library that never saw it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-labels-check-'));
    const brief = path.join(dir, 'brief.md');
    writeFileSync(brief, BRIEF);
    const r = runCli(['check', brief], { LUAT_STUDIO_LIBRARY: path.join(dir, 'library') });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${brief}: blt: còn ${LABELS.length} nhãn chưa dịch (print.contents, print.legalBasis,`);
  });

  it('is not built: asked for by name, it fails the build, naming the missing label ids', () => {
    // A language asked for and not built is a failure (issue 15), and with no other language nothing is written.
    expect(before).toBeInstanceOf(StudioError);
    const error = before as StudioError;
    expect(error.code).toBe('build.labelsMissing');
    expect(String(error.params['ids'])).toBe(LABELS.map((l) => l.id).join(', '));
    expect(diagnosticMessage({ severity: 'warning', code: error.code, params: error.params }, t))
      .toMatch(/^Chưa làm sản phẩm tiếng 'blt': còn nhãn chưa dịch \(print\.contents, print\.legalBasis,/);
  });
});

describe('a Tai Dam booklet once the labels are translated', () => {
  const file = (language: string) => path.join(outDir, after.outputs.find((o) => o.language === language && o.variant === 'screen')!.path);

  it('shows the Tai Viet labels and no Vietnamese label', () => {
    const text = pdfText(file('blt'));
    for (const id of ['print.legalBasis', 'print.question', 'print.answer', 'print.hotline', 'print.documentNumber', 'print.edition', 'print.legalEducation']) {
      expect(text, id).toContain(labelText(id));
    }
    for (const word of VIETNAMESE_LABELS) expect(text, word).not.toContain(word);
  });

  it('shows both languages\' labels in the bilingual edition', () => {
    const text = pdfText(file('vi+blt'));
    expect(text).toContain(`Căn cứ pháp lý / ${labelText('print.legalBasis')}`);
  });
});

describe('the label memory', () => {
  it('serves a second project in the same language: complete, and its export pre-filled', async () => {
    const other = materialOf(BRIEF.replace('id: khai-sinh-nhan', 'id: khai-sinh-nhan-2'));
    await saveProjectBrief(studio, other, BRIEF, null);
    await translateUnits(studio, other);
    const [blt] = await translationSummary(studio, other.id);
    expect(blt!.labels.missing).toEqual([]);
    const exported = (await exportTranslations(studio, other.id, 'blt', 'xliff', t)).content;
    expect(exported).toContain(`<target>${labelText('print.contents')}</target>`);
  });
});

describe('confirming figures', () => {
  it("makes a 'review' unit complete, keeping the note", async () => {
    const hotline = material.hotline!;
    await studio.library.putTranslations(material.id, [{
      unitId: hotline.id, language: 'blt', text: 'ꪀꪱꪙ 113 ꪀꪱꪙ', sourceText: hotline.text, stale: false, updatedAt: new Date().toISOString(),
    }]);
    const grid = await translationGrid(studio, material.id, 'blt');
    expect(grid.rows.find((r) => r.unitId === hotline.id)?.state).toBe('review');
    expect(grid.completeness.percent).toBeLessThan(100);
    await expect(confirmFigures(studio, material.id, 'blt', hotline.id, '   ')).rejects.toMatchObject({ code: 'translation.confirmNeedsNote' });
    const confirmed = await confirmFigures(studio, material.id, 'blt', hotline.id, 'Lò Văn A: số máy trực của xã');
    expect(confirmed.row.state).toBe('current');
    expect(confirmed.completeness.percent).toBe(100);
    const stored = (await studio.library.listTranslations(material.id, 'blt')).find((r) => r.unitId === hotline.id);
    expect(stored?.figuresConfirmed).toBe('Lò Văn A: số máy trực của xã');
    await expect(confirmFigures(studio, material.id, 'blt', hotline.id, 'lần nữa')).rejects.toMatchObject({ code: 'translation.nothingToConfirm' });
  });
});
