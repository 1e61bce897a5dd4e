/**
 * The CMYK PDF/X-3 file a print shop may ask for, made beside the RGB print
 * PDF by Ghostscript (`gs`, installed by scripts/install-debian-packages.sh).
 * Off by default (print settings `cmykPdfX`): the RGB file with its bleed and
 * boxes is what most shops take; this one is converted with Ghostscript's own
 * CMYK profile (default_cmyk.icc) as the output intent, boxes kept.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { StudioError } from '../../errors.js';

const run = promisify(execFile);

/** `<name>.pdf` → `<name>-cmyk.pdf`, beside it. */
export function cmykPathOf(rgbFile: string): string {
  return rgbFile.replace(/\.pdf$/i, '-cmyk.pdf');
}

/** Ghostscript's CMYK profile, from the folder of the installed version. */
async function cmykProfile(gs: string): Promise<string> {
  const { stdout } = await run(gs, ['--version']);
  const version = stdout.trim();
  for (const dir of [`/usr/share/ghostscript/${version}/iccprofiles`, `/usr/local/share/ghostscript/${version}/iccprofiles`]) {
    const file = path.join(dir, 'default_cmyk.icc');
    if (existsSync(file)) return file;
  }
  throw new StudioError('print.pdfxFailed', { file: '', detail: `default_cmyk.icc of Ghostscript ${version} not found` });
}

/** The PDF/X-3 definitions gs reads before the document (its lib/PDFX_def.ps, with our profile and title). */
function pdfxDef(profile: string, title: string): string {
  const ps = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `%!
[ /GTS_PDFXVersion (PDF/X-3:2002) /Title ${ps(title)} /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${ps(profile)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition (Ghostscript default CMYK)
  /OutputConditionIdentifier (Custom)
  /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/**
 * Converts `rgbFile` to a CMYK PDF/X-3 at cmykPathOf(rgbFile), written under
 * a temporary name and renamed when gs has finished. No gs: a clear error.
 */
export async function writeCmykPdfX(rgbFile: string, meta: { title: string; madeAt: Date }, gs = 'gs'): Promise<string> {
  const out = cmykPathOf(rgbFile);
  try {
    await run(gs, ['--version']);
  } catch (cause) {
    throw new StudioError('print.pdfxNoGhostscript', {}, { cause });
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'luat-pdfx-'));
  try {
    const def = path.join(work, 'PDFX_def.ps');
    await writeFile(def, pdfxDef(await cmykProfile(gs), meta.title));
    const temp = path.join(path.dirname(out), `.${path.basename(out)}.tmp`);
    // gs dates the file and derives its /ID from the clock unless given SOURCE_DATE_EPOCH: the build's date
    // instead, so the same content makes the same bytes (engine/build/settings.ts filesMadeAt).
    await run(gs, [
      '-dBATCH', '-dNOPAUSE', '-dQUIET', '-dSAFER', `--permit-file-read=${work}/:/usr/share/ghostscript/`,
      '-sDEVICE=pdfwrite', '-dPDFX', '-dCompatibilityLevel=1.4',
      '-sColorConversionStrategy=CMYK', '-sProcessColorModel=DeviceCMYK',
      `-sOutputFile=${temp}`, def, rgbFile,
    ], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, SOURCE_DATE_EPOCH: String(Math.floor(meta.madeAt.getTime() / 1000)) } }).catch(async (cause: unknown) => {
      await rm(temp, { force: true });
      throw new StudioError('print.pdfxFailed', { file: rgbFile, detail: String((cause as { stderr?: string }).stderr || (cause as Error).message).slice(0, 300) }, { cause });
    });
    const { rename } = await import('node:fs/promises');
    await rename(temp, out);
    return out;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
