/**
 * Projects: create (from a brief file, a pasted brief or the sample), list,
 * open, save, duplicate, rename, delete (to the bin) and restore.
 * A project is named by its brief's `id`; duplicate and rename edit the
 * brief's front matter and save it like any other edit, so the Material,
 * its text-unit ids and the translations stay consistent.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TFunction } from 'i18next';
import { withFrontMatterFields } from '../brief/frontMatter.js';
import { imageBlocks } from '../brief/images.js';
import { ensureDirDurably, writeFileDurably } from '../fs/durable.js';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import type { ProjectRecord } from '../model/records.js';
import type { BinEntry } from '../store/library.js';
import type { BriefRef, DraftSummary, ProjectSummary, Validation } from '../api/contract.js';
import { validateBrief } from './check.js';
import { DraftStore, PROJECT_BRIEF, PROJECT_DRAFT, readProjectText, removeProjectDraft, writeProjectDraft } from './drafts.js';
import { requireMaterial, requireProject, type Studio } from './studio.js';
import { translationSummary } from './translations.js';

/** The sample brief shipped with the studio (media/ is packaged beside engine/). */
export const SAMPLE_BRIEF = fileURLToPath(new URL('../../media/samples/ket-hon-dung-tuoi/brief.md', import.meta.url));

const draftsOf = (studio: Studio) => new DraftStore(studio.library.dir);

/** Case- and accent-insensitive search key: "Kết hôn" matches "ket hon". */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The file name of a path from any system (the UI may run on Windows, the engine elsewhere). */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

/** Saves a valid brief as its project (created or updated); a leftover draft of it is dropped. */
export async function saveProjectBrief(studio: Studio, material: Material, text: string, origin: string | null): Promise<ProjectRecord> {
  const project = await studio.library.saveBrief({ material, briefText: text, origin });
  const dir = studio.library.projectDir(project.id);
  if (origin && path.isAbsolute(origin)) await copyBriefImages(material, path.dirname(origin), dir);
  await removeProjectDraft(dir);
  return project;
}

/**
 * The brief's pictures travel with it: each file is copied to the same
 * relative place beside the library's brief.md (the parser keeps `src` inside
 * the brief's folder), so the project builds from the library alone, as the
 * UI builds it. A picture the library already has with the same bytes is left.
 */
async function copyBriefImages(material: Material, fromDir: string, projectDir: string): Promise<void> {
  for (const image of imageBlocks(material)) {
    const parts = image.src.split('/');
    const bytes = await readFile(path.join(fromDir, ...parts)).catch((cause: unknown) => {
      throw new StudioError('print.imageMissing', { src: image.src, dir: fromDir }, { cause });
    });
    const target = path.join(projectDir, ...parts);
    const existing = await readFile(target).catch(() => null);
    if (existing && existing.equals(bytes)) continue;
    await ensureDirDurably(path.dirname(target));
    await writeFileDurably(target, bytes);
  }
}

async function hasDraft(studio: Studio, projectId: string): Promise<boolean> {
  const dir = studio.library.projectDir(projectId);
  const draft = await readProjectText(dir, PROJECT_DRAFT);
  return draft !== null && draft !== (await readProjectText(dir, PROJECT_BRIEF));
}

export async function listProjects(studio: Studio, query: string | undefined, t: TFunction): Promise<{ projects: ProjectSummary[]; drafts: DraftSummary[] }> {
  const wanted = query ? searchKey(query) : '';
  const projects: ProjectSummary[] = [];
  for (const project of await studio.library.listProjects()) {
    if (wanted && !searchKey(`${project.title} ${project.id}`).includes(wanted)) continue;
    const material = await studio.library.getMaterial(project.id);
    projects.push({
      ...project,
      sourceLanguage: material?.sourceLanguage ?? '',
      targetLanguages: material?.targetLanguages ?? [],
      hasDraft: await hasDraft(studio, project.id),
      translations: material ? await translationSummary(studio, project.id) : [],
    });
  }
  projects.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const drafts: DraftSummary[] = [];
  for (const draft of await draftsOf(studio).list()) {
    if (wanted && !searchKey(draft.fileName).includes(wanted)) continue;
    const errors = validateBrief(draft.text, t).validation.diagnostics.filter((d) => d.severity === 'error').length;
    drafts.push({ draftId: draft.draftId, fileName: draft.fileName, updatedAt: draft.updatedAt, errors });
  }
  return { projects, drafts };
}

/** A brief with errors becomes a draft (nothing is lost); a valid one becomes a project. */
export async function createProjectFromBrief(studio: Studio, fileName: string, text: string, t: TFunction) {
  const checked = validateBrief(text, t);
  if (!checked.material) {
    const draftId = await draftsOf(studio).create(baseName(fileName), checked.text);
    return { project: null, draftId, validation: checked.validation };
  }
  const project = await saveProjectBrief(studio, checked.material, checked.text, baseName(fileName));
  return { project, draftId: null, validation: checked.validation };
}

export async function createProjectFromSample(studio: Studio, sampleBrief: string, t: TFunction): Promise<{ project: ProjectRecord }> {
  const text = await readFile(sampleBrief, 'utf8').catch((cause: unknown) => {
    throw new StudioError('api.sampleMissing', { path: sampleBrief }, { cause });
  });
  const checked = validateBrief(text, t);
  if (!checked.material) throw new StudioError('api.sampleMissing', { path: sampleBrief });
  return { project: await saveProjectBrief(studio, checked.material, checked.text, path.basename(sampleBrief)) };
}

export async function openBrief(studio: Studio, ref: BriefRef, t: TFunction) {
  if ('draftId' in ref) {
    const draft = await draftsOf(studio).read(ref.draftId);
    return { ref, text: draft.text, savedText: '', isDraft: true, validation: validateBrief(draft.text, t).validation };
  }
  await requireProject(studio, ref.projectId);
  const dir = studio.library.projectDir(ref.projectId);
  const savedText = (await readProjectText(dir, PROJECT_BRIEF)) ?? '';
  const draft = await readProjectText(dir, PROJECT_DRAFT);
  const text = draft ?? savedText;
  return { ref, text, savedText, isDraft: draft !== null && draft !== savedText, validation: validateBrief(text, t).validation };
}

export async function saveBrief(
  studio: Studio, ref: BriefRef, text: string, t: TFunction,
): Promise<{ saved: 'brief' | 'draft'; ref: BriefRef; validation: Validation }> {
  const checked = validateBrief(text, t);
  if ('draftId' in ref) {
    const drafts = draftsOf(studio);
    const draft = await drafts.read(ref.draftId);
    if (!checked.material) {
      await drafts.write(ref.draftId, draft.fileName, checked.text);
      return { saved: 'draft', ref, validation: checked.validation };
    }
    const project = await saveProjectBrief(studio, checked.material, checked.text, draft.fileName);
    await drafts.remove(ref.draftId);
    return { saved: 'brief', ref: { projectId: project.id }, validation: checked.validation };
  }
  const dir = studio.library.projectDir(ref.projectId);
  if (!checked.material) {
    await writeProjectDraft(dir, checked.text);
    return { saved: 'draft', ref, validation: checked.validation };
  }
  if (checked.material.id !== ref.projectId) {
    // The id in the front matter names the project; a changed id is a new project.
    throw new StudioError('api.idChanged', { from: ref.projectId, to: checked.material.id });
  }
  const project = await studio.library.getProject(ref.projectId);
  await saveProjectBrief(studio, checked.material, checked.text, project?.briefOrigin ?? null);
  return { saved: 'brief', ref, validation: checked.validation };
}

async function savedBriefText(studio: Studio, projectId: string): Promise<string> {
  const text = await readProjectText(studio.library.projectDir(projectId), PROJECT_BRIEF);
  if (text === null) throw new StudioError('api.noMaterial', { projectId });
  return text;
}

/** The brief with new front-matter fields, checked; throws the first error when it no longer validates. */
function editedBrief(text: string, fields: Record<string, string>, t: TFunction): { material: Material; text: string } {
  const edited = withFrontMatterFields(text, fields);
  const checked = edited === null ? null : validateBrief(edited, t);
  if (!checked?.material) {
    const first = checked?.validation.diagnostics.find((d) => d.severity === 'error');
    throw new StudioError('project.editInvalid', { detail: first?.message ?? '' });
  }
  return { material: checked.material, text: checked.text };
}

/** A free id like `<id>-2`, `<id>-3` … for a copy. */
async function freeId(studio: Studio, base: string): Promise<string> {
  const taken = new Set((await studio.library.listProjects()).map((p) => p.id));
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A copy of the project under a new id (and title, if given): brief, brand kit
 * and other settings, translations and voice clips. Renders stay with the original.
 */
export async function duplicateProject(
  studio: Studio, projectId: string, options: { newId?: string | undefined; title?: string | undefined }, t: TFunction,
): Promise<ProjectRecord> {
  const { project } = await requireMaterial(studio, projectId);
  const newId = options.newId ?? (await freeId(studio, projectId));
  if (await studio.library.getProject(newId)) throw new StudioError('store.projectExists', { projectId: newId });
  const fields: Record<string, string> = { id: newId };
  if (options.title) fields['title'] = options.title;
  const copy = editedBrief(await savedBriefText(studio, projectId), fields, t);
  const { library } = studio;
  await library.saveBrief({ material: copy.material, briefText: copy.text, origin: project.briefOrigin });
  await library.updateSettings(newId, project.settings);
  const translations = (await library.listTranslations(projectId)).map(({ orphaned: _o, ...record }) => record);
  if (translations.length > 0) await library.putTranslations(newId, translations);
  const fromDir = library.projectDir(projectId);
  for (const clip of await library.listVoiceClips(projectId)) {
    const { path: clipPath, ...record } = clip;
    await library.putVoiceClip(newId, { ...record, extension: path.extname(clipPath).slice(1) }, path.join(fromDir, clipPath));
  }
  return requireProject(studio, newId);
}

/** A new title, written into the brief's front matter (the id, and so the project, stays). */
export async function renameProject(studio: Studio, projectId: string, title: string, t: TFunction): Promise<ProjectRecord> {
  const { project } = await requireMaterial(studio, projectId);
  const renamed = editedBrief(await savedBriefText(studio, projectId), { title }, t);
  return saveProjectBrief(studio, renamed.material, renamed.text, project.briefOrigin);
}

/** Moves the project to the library's bin; restoreProject() brings it back. */
export async function deleteProject(studio: Studio, projectId: string): Promise<BinEntry> {
  await requireProject(studio, projectId);
  return studio.library.moveProjectToBin(projectId);
}

export async function restoreProject(studio: Studio, binId: string): Promise<ProjectRecord> {
  return studio.library.restoreProject(binId);
}

export async function listBin(studio: Studio): Promise<BinEntry[]> {
  return studio.library.listBin();
}
