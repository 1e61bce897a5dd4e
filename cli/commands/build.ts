import path from 'node:path';
import type { TFunction } from 'i18next';
import { currentClipSource } from '../../engine/api/voice.js';
import { runBuild, type BuildResult } from '../../engine/build/build.js';
import { diagnosticMessage } from '../../engine/i18n/index.js';
import type { Material } from '../../engine/model/material.js';
import type { TranslationRecord } from '../../engine/model/records.js';
import { voicesDirOf } from '../../engine/speech/neural/voiceLibrary.js';
import { materialHash } from '../../engine/store/schema.js';
import { loadBrief, parseList } from '../briefs.js';
import { EXIT } from '../failures.js';
import { withLibrary, type LibraryOptions } from '../library.js';
import { createProgress } from '../progress.js';

export interface BuildOptions extends LibraryOptions {
  out: string;
  formats?: string;
  lang?: string;
  /** false with --no-library: build the bare brief, without translations or render history. */
  library?: string;
  useLibrary: boolean;
}

/** `build <brief> --out DIR`: runs the formats and writes DIR/manifest.json. */
export async function buildCommand(file: string, options: BuildOptions, t: TFunction): Promise<number> {
  const { material, text } = await loadBrief(file, t);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const progress = createProgress();
  const request = (translations: TranslationRecord[], settings: Record<string, unknown>, projectDir: string | null) => ({
    material,
    formats: parseList(options.formats),
    languages: parseList(options.lang),
    outDir: options.out,
    translations,
    settings,
    projectDir,
    progress: (u: Parameters<typeof progress.update>[0]) => progress.update(u),
    signal: controller.signal,
    describeWarning: (d: Parameters<typeof diagnosticMessage>[0]) => diagnosticMessage(d, t),
  });
  let result: BuildResult;
  try {
    if (!options.useLibrary) {
      result = await runBuild(request([], {}, null));
    } else {
      result = await withLibrary(options, 'build', async (library) => {
        const project = await library.saveBrief({ material, briefText: text, origin: path.resolve(file) });
        const renderId = await library.startRender(material.id, {
          formats: parseList(options.formats),
          languages: parseList(options.lang),
          outDir: path.resolve(options.out),
          materialHash: materialHash(material),
        });
        try {
          const translations = await library.listTranslations(material.id);
          const projectDir = library.projectDir(material.id);
          const voiceClips = currentClipSource(material, translations, await library.listVoiceClips(material.id), projectDir);
          const pronunciation = await library.pronunciationLexicon(material.id);
          const built = await runBuild(request(translations, { ...project.settings, voiceClips, voicesDir: voicesDirOf(library.dir), pronunciation }, projectDir));
          await library.finishRender(renderId, { status: 'done', outputs: built.manifest.outputs, error: null });
          return built;
        } catch (error) {
          const status = controller.signal.aborted ? 'cancelled' : 'failed';
          await library.finishRender(renderId, { status, outputs: [], error: String((error as Error)?.message ?? error) });
          throw error;
        }
      });
    }
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
  report(result, material, options.out, t);
  return EXIT.ok;
}

function report(result: BuildResult, material: Material, outDir: string, t: TFunction): void {
  for (const w of result.manifest.warnings) process.stderr.write(`luat-studio: warning: ${w.message}\n`);
  for (const o of result.manifest.outputs) {
    process.stdout.write(`${path.join(outDir, o.path)}  ${(o.bytes / 1024).toFixed(0)} KiB\n`);
  }
  process.stdout.write(`${t('cli.build.done', { count: result.manifest.outputs.length, title: material.title.text, manifest: result.manifestPath })}\n`);
}
