/**
 * `npm run bench -- farm`: how the render time grows with the work, on one
 * process and on the render farm (a real redis-server on 127.0.0.1 and two
 * `luat-studio worker` processes): 1, 3 and 6 language × aspect variants of the
 * same short video (a quarter-size picture), each as a ratio against the
 * 1-variant one-process run of the same bench run. Reports, asserts nothing.
 *
 * Both sides start each run without pictures: the bench and its workers use a
 * cache folder of their own, its bundle made before the clock starts, and the
 * pictures one process keeps between builds are removed before each of its
 * runs (a farm build keeps its pictures in the build's shared folder, fresh per build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeStudio, createProjectFromBrief, openStudio, renderProject, renderProjectOnFarm, requireMaterial } from '../../engine/app/index.js';
import { translator } from '../../engine/i18n/index.js';
import { LABEL_IDS, SOURCE_LABELS } from '../../engine/model/labels.js';
import { listTextUnits } from '../../engine/model/units.js';
import { cachedOrNewBundle } from '../../engine/formats/video/remotion.js';
import { CLI, start, startRedis, stopStarted } from '../helpers/farm.js';
import { shortSampleText } from '../video/fixtures.js';

export async function benchFarm() {
  const dir = mkdtempSync(path.join(tmpdir(), 'luat-bench-farm-'));
  const cacheBefore = process.env['LUAT_STUDIO_CACHE'];
  // Inherited by the workers spawned below.
  process.env['LUAT_STUDIO_CACHE'] = path.join(dir, 'cache');
  await cachedOrNewBundle();
  const t = translator('en');
  const studio = await openStudio({ libraryDir: path.join(dir, 'lib'), command: 'bench' });
  try {
    const queue = await startRedis(dir);
    const shared = path.join(dir, 'shared');
    for (const name of ['a', 'b']) {
      await start(process.execPath, [CLI, '--locale', 'en', '--library', path.join(dir, `lib-${name}`), 'worker', '--queue', queue, '--shared', shared]).waitFor(/is waiting for work/);
    }
    const { project } = await createProjectFromBrief(studio, 'brief.md', shortSampleText('[16:9, 9:16, 1:1]'), t);
    if (!project) throw new Error('the short sample did not import');
    const { material } = await requireMaterial(studio, project.id);
    // A stand-in Hmong edition (the Vietnamese words, labels included): a second language to render, not a translation.
    const now = new Date().toISOString();
    await studio.library.putTranslations(project.id, [
      ...listTextUnits(material).map(({ unit }) => ({ unitId: unit.id, language: 'hnj', text: unit.text, sourceText: unit.text, stale: false, updatedAt: now })),
      ...LABEL_IDS.map((id) => ({ unitId: `label:${id}`, language: 'hnj', text: SOURCE_LABELS[id], sourceText: SOURCE_LABELS[id], stale: false, updatedAt: now })),
    ]);
    const variants: { count: number; languages: string[]; aspects: string[] }[] = [
      { count: 1, languages: ['vi'], aspects: ['16:9'] },
      { count: 3, languages: ['vi'], aspects: ['16:9', '9:16', '1:1'] },
      { count: 6, languages: ['vi', 'hnj'], aspects: ['16:9', '9:16', '1:1'] },
    ];
    const rows: { name: string; seconds: number; baselineSeconds: number; ratio: number }[] = [];
    let baseline = 0;
    for (const mode of ['one process', 'two workers'] as const) {
      for (const v of variants) {
        const request = { projectId: project.id, formats: ['video'], languages: v.languages, flags: { aspects: v.aspects, videoScale: 0.25 }, outDir: path.join(dir, `out-${mode.replace(' ', '-')}-${v.count}`) };
        rmSync(path.join(dir, 'cache', 'video-pictures'), { recursive: true, force: true });
        const started = performance.now();
        const outputs = mode === 'one process'
          ? (await renderProject(studio, request, t)).result.manifest.outputs
          : (await renderProjectOnFarm(studio, { ...request, queue, sharedDir: shared, locale: 'en' }, t)).manifest.outputs;
        const seconds = (performance.now() - started) / 1000;
        const videos = outputs.filter((o) => o.path.endsWith('.mp4')).length;
        if (videos !== v.count) throw new Error(`${mode}, ${v.count} variants: ${videos} videos made`);
        if (baseline === 0) baseline = seconds;
        rows.push({ name: `${mode}, ${v.count} variant${v.count > 1 ? 's' : ''}`, seconds, baselineSeconds: baseline, ratio: seconds / baseline });
      }
    }
    return rows;
  } finally {
    await closeStudio(studio);
    stopStarted();
    if (cacheBefore === undefined) delete process.env['LUAT_STUDIO_CACHE'];
    else process.env['LUAT_STUDIO_CACHE'] = cacheBefore;
    rmSync(dir, { recursive: true, force: true });
  }
}
