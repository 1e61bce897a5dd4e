/**
 * Brief → Material. The one place Markdown is read: everything downstream
 * reads the Material. All problems are collected (never just the first), each
 * with its line and column as the author sees them in the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { unified, type Processor } from 'unified';
import { MATERIAL_SCHEMA_VERSION, Material, type TextUnit } from '../model/material.js';
import { slugify } from '../model/ids.js';
import { ParseContext } from './context.js';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { parseFrontMatter, type FrontMatterResult, type ParsedFrontMatter } from './frontMatter.js';
import { codePointLabel, findMixedScriptWords } from './mixedScripts.js';
import { checkLineCount, checkLineNesting, checkTreeDepth } from './limits.js';
import { parseSections } from './sections.js';
import { checkBriefImages } from './images.js';
import { MAX_BRIEF_BYTES, decodeBrief, type BriefSource } from './source.js';
import { dayMonthYear, localToday } from '../text/dates.js';

export interface ImportResult {
  /** Null when there is any error. */
  material: Material | null;
  /** Errors and warnings, in file order. */
  diagnostics: Diagnostic[];
  /** The decoded, normalised text (LF, NFC), when the file could be decoded. */
  text?: string;
  /** An unexpected failure inside the importer, for the crash log; never shown to users as is. */
  crash?: unknown;
}

/**
 * GitHub-flavoured tables, and only tables: the rest of GFM would change how
 * existing briefs read (`~`, `[^1]` and bare addresses take a meaning). This is
 * what remark-gfm does for its table part, with the same two packages.
 */
function remarkGfmTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const markdown = unified().use(remarkParse).use(remarkGfmTables).use(remarkFrontmatter, ['yaml']);

export async function importBriefFile(path: string): Promise<ImportResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileProblem('file.isDirectory');
    if (info.size > MAX_BRIEF_BYTES) return fileProblem('file.tooLarge', { size: (info.size / 1024 / 1024).toFixed(1) });
    const result = importBriefBytes(await readFile(path));
    return await withImageChecks(result, dirname(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fileProblem('file.notFound');
    if (code === 'EACCES' || code === 'EPERM') return fileProblem('file.noAccess');
    return { ...fileProblem('internal.unexpected', { message: String((error as Error)?.message ?? error) }), crash: error };
  }
}

/**
 * The pictures' files, read from `baseDir` (the brief's folder, or the
 * project's folder in the library): problems join the diagnostics in file
 * order, and an error among them means no Material, as any error does.
 */
export async function withImageChecks(result: ImportResult, baseDir: string): Promise<ImportResult> {
  if (!result.material) return result;
  const found = await checkBriefImages(result.material, baseDir);
  if (found.length === 0) return result;
  const diagnostics = sortDiagnostics([...result.diagnostics, ...found]);
  return { ...result, diagnostics, material: found.some((d) => d.severity === 'error') ? null : result.material };
}

export function importBriefText(text: string): ImportResult {
  return importBriefBytes(Buffer.from(text, 'utf8'));
}

export function importBriefBytes(bytes: Uint8Array): ImportResult {
  const decoded = decodeBrief(bytes);
  if (!decoded.ok) return { material: null, diagnostics: [decoded.diagnostic] };
  try {
    return parseDecoded(decoded.source);
  } catch (error) {
    return { ...fileProblem('internal.unexpected', { message: String((error as Error)?.message ?? error) }), crash: error, text: decoded.source.text };
  }
}

function fileProblem(code: string, params?: Record<string, string>): ImportResult {
  const d: Diagnostic = { severity: 'error', code };
  if (params) d.params = params;
  return { material: null, diagnostics: [d] };
}

function parseDecoded(source: BriefSource): ImportResult {
  const bag = new DiagnosticBag();
  const lines = source.text.split('\n');
  const ctx = new ParseContext(bag, lines);
  const refused = (): ImportResult => ({ material: null, diagnostics: sortDiagnostics(bag.items).map((d) => mapColumn(d, source)), text: source.text });
  if (!checkLineCount(lines, bag) || !checkLineNesting(lines, bag)) return refused();
  const root = markdown.parse(source.text) as Root;
  if (!checkTreeDepth(root, bag)) return refused();

  checkMixedScripts(lines, bag);
  const { parsed: frontMatter, citable } = readFrontMatter(root, source.text, bag);
  const legalBasis = frontMatter ? legalBasisUnits(ctx, frontMatter) : null;
  const sections = parseSections(ctx, root, citable ?? [], citable !== null);

  let material: Material | null = null;
  if (frontMatter && legalBasis && !bag.hasErrors) {
    const fm = frontMatter.data;
    const unit = (key: string, text: string | undefined): TextUnit | null =>
      text === undefined ? null : ctx.namedUnit(`meta.${key}`, `meta/${key}`, text, frontMatter.locate([key]));
    const candidate = {
      schemaVersion: MATERIAL_SCHEMA_VERSION,
      id: fm.id,
      sourceLanguage: fm.source_language,
      targetLanguages: fm.target_languages ?? [],
      audience: fm.audience ?? [],
      title: unit('title', fm.title)!,
      ...(fm.short_title === undefined ? {} : { shortTitle: unit('shortTitle', fm.short_title) }),
      subtitle: unit('subtitle', fm.subtitle),
      issuer: unit('issuer', fm.issuer)!,
      hotline: unit('hotline', fm.hotline),
      portalUrl: fm.portal_url ?? null,
      ...(fm.linh_vuc ? { subjects: fm.linh_vuc } : {}),
      ...(fm.pictograms ? { pictograms: fm.pictograms } : {}),
      legalBasis,
      sections,
    };
    const checked = Material.safeParse(candidate);
    if (checked.success) material = checked.data;
    else bag.error('internal.modelInvalid', null, { detail: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  const diagnostics = sortDiagnostics(bag.items).map((d) => mapColumn(d, source));
  if (material) mapLocations(material, source);
  return { material, diagnostics, text: source.text };
}

function readFrontMatter(root: Root, text: string, bag: DiagnosticBag): FrontMatterResult {
  const first = root.children[0];
  if (first?.type !== 'yaml') {
    bag.error(text.startsWith('---') ? 'fm.notClosed' : 'fm.missing', { line: 1, col: 1 });
    return { parsed: null, citable: null };
  }
  if (!first.value.trim()) {
    bag.error('fm.empty', { line: 1, col: 1 });
    return { parsed: null, citable: null };
  }
  return parseFrontMatter(first.value, 2, bag);
}

function legalBasisUnits(ctx: ParseContext, fm: ParsedFrontMatter): Material['legalBasis'] {
  const today = localToday();
  for (const [i, doc] of fm.data.legal_basis.entries()) {
    // Material may be prepared ahead of a law, but staff must see that it is not yet in force.
    if (doc.effective > today) {
      ctx.bag.warning('legal.notYetInForce', fm.locate(['legal_basis', i, 'effective']), { ref: doc.ref, date: dayMonthYear(doc.effective) });
    }
  }
  return fm.data.legal_basis.map((doc, i) => ({
    ref: doc.ref,
    title: ctx.namedUnit(`legal.${slugify(doc.ref)}.title`, `legal/${i + 1}/title`, doc.title, fm.locate(['legal_basis', i, 'title'])),
    articles: doc.articles,
    effective: doc.effective,
  }));
}

function checkMixedScripts(lines: string[], bag: DiagnosticBag): void {
  lines.forEach((line, i) => {
    if (bag.full) return;
    for (const word of findMixedScriptWords(line)) {
      bag.error('text.mixedScripts', { line: i + 1, col: word.odd.index + 1 }, {
        word: word.word,
        char: word.odd.char,
        code: codePointLabel(word.odd.char),
        script: word.odd.script,
        main: word.mainScript,
      });
    }
  });
}

function mapColumn(d: Diagnostic, source: BriefSource): Diagnostic {
  if (d.line === undefined || d.col === undefined) return d;
  return { ...d, col: source.originalColumn(d.line, d.col) };
}

/** Rewrites every `loc` in the Material to the file's own columns (they differ where NFC changed a line). */
function mapLocations(value: unknown, source: BriefSource): void {
  if (Array.isArray(value)) {
    for (const v of value) mapLocations(v, source);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'loc' && v && typeof v === 'object' && 'line' in v && 'col' in v) {
        const loc = v as { line: number; col: number };
        loc.col = source.originalColumn(loc.line, loc.col);
      } else {
        mapLocations(v, source);
      }
    }
  }
}
