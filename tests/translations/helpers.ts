/**
 * Shared setup for the translation tests: the real sample brief, an edited
 * copy of it (as a re-imported brief would be), and a stand-in for a CAT tool
 * that fills in <target>s with its own XML library settings.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { importBriefText } from '../../engine/brief/import.js';
import { Material } from '../../engine/model/material.js';
import { listTextUnits, type UnitEntry } from '../../engine/model/units.js';

export const SAMPLE_PATH = fileURLToPath(new URL('../../media/samples/ket-hon-dung-tuoi/brief.md', import.meta.url));
export const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');

export function materialFrom(briefText: string): Material {
  const { material, diagnostics } = importBriefText(briefText);
  if (!material) throw new Error(`sample brief did not import: ${JSON.stringify(diagnostics)}`);
  return Material.parse(material);
}

export const sample = (): Material => materialFrom(SAMPLE_TEXT);

/** The sample with one piece of text changed, as if the author edited the brief and re-imported it. */
export function editedSample(from: string, to: string): Material {
  if (!SAMPLE_TEXT.includes(from)) throw new Error(`sample has no "${from}"`);
  return materialFrom(SAMPLE_TEXT.replace(from, to));
}

export function unitByText(material: Material, startsWith: string): UnitEntry {
  const found = listTextUnits(material).find((e) => e.unit.text.startsWith(startsWith));
  if (!found) throw new Error(`no unit starting "${startsWith}"`);
  return found;
}

/** A made-up translation that keeps the unit recognisable: "[blt] <source>". */
export const fakeTranslation = (source: string) => `[blt] ${source}`;

const catParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  trimValues: false,
  parseTagValue: false,
  isArray: (name) => ['file', 'unit', 'note', 'segment'].includes(name),
});
const catBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true });

interface CatUnit {
  '@_id': string;
  '@_name'?: string;
  notes?: { note: unknown[] };
  segment: { source: string; target?: string; '@_state'?: string }[];
}
interface CatDoc {
  xliff: { file: { unit: CatUnit[] }[]; '@_trgLang'?: string };
}

export function readCat(xml: string): CatDoc {
  return catParser.parse(xml) as CatDoc;
}

/**
 * What a translator's tool does: give every unit a target (or leave it alone
 * when `translate` returns undefined) and mark it translated.
 */
export function fillXliffTargets(xml: string, translate: (source: string, unitId: string) => string | undefined): string {
  const doc = readCat(xml);
  for (const file of doc.xliff.file) {
    for (const unit of file.unit) {
      for (const segment of unit.segment) {
        const target = translate(segment.source, unit['@_id']);
        if (target === undefined) continue;
        segment.target = target;
        segment['@_state'] = 'translated';
      }
    }
  }
  return catBuilder.build(doc);
}

/** Parses XML with Python's expat (a second, independent parser) and returns the root's namespace and attributes. */
export function inspectWithPython(xml: string): { tag: string; attrib: Record<string, string>; units: string[] } {
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.buffer.read())',
    "ns = '{urn:oasis:names:tc:xliff:document:2.0}'",
    "units = [u.get('id') for u in root.iter(ns + 'unit')]",
    "print(json.dumps({'tag': root.tag, 'attrib': root.attrib, 'units': units}))",
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' }));
}
