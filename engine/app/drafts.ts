/**
 * Brief texts that do not validate are never lost. A project's draft is
 * `projects/<id>/draft.md` beside its last valid `brief.md`; a brief that
 * never validated has no project yet (its id comes from a valid front
 * matter), so it is kept as `drafts/<draftId>.json` in the library until it does.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StudioError } from '../errors.js';
import { ensureDirDurably, fsyncDir, writeFileDurably } from '../fs/durable.js';

const DraftFile = z.object({ fileName: z.string(), text: z.string(), updatedAt: z.string() });
export type DraftFile = z.infer<typeof DraftFile>;

const DRAFT_ID = /^[0-9a-f-]{36}$/;

export class DraftStore {
  private readonly dir: string;

  constructor(libraryDir: string) {
    this.dir = path.join(libraryDir, 'drafts');
  }

  private file(draftId: string): string {
    if (!DRAFT_ID.test(draftId)) throw new StudioError('api.noDraft', { draftId });
    return path.join(this.dir, `${draftId}.json`);
  }

  async create(fileName: string, text: string): Promise<string> {
    const draftId = randomUUID();
    await this.write(draftId, fileName, text);
    return draftId;
  }

  async write(draftId: string, fileName: string, text: string): Promise<void> {
    await ensureDirDurably(this.dir);
    const body: DraftFile = { fileName, text, updatedAt: new Date().toISOString() };
    await writeFileDurably(this.file(draftId), JSON.stringify(body));
  }

  async read(draftId: string): Promise<DraftFile> {
    try {
      return DraftFile.parse(JSON.parse(await readFile(this.file(draftId), 'utf8')));
    } catch (cause) {
      if (cause instanceof StudioError) throw cause;
      throw new StudioError('api.noDraft', { draftId }, { cause });
    }
  }

  async remove(draftId: string): Promise<void> {
    await rm(this.file(draftId), { force: true });
    await fsyncDir(this.dir).catch(() => undefined);
  }

  async list(): Promise<Array<DraftFile & { draftId: string }>> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const out: Array<DraftFile & { draftId: string }> = [];
    for (const name of names) {
      const draftId = name.replace(/\.json$/, '');
      if (!name.endsWith('.json') || !DRAFT_ID.test(draftId)) continue;
      const draft = await this.read(draftId).catch(() => null);
      if (draft) out.push({ ...draft, draftId });
    }
    return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
}

/** A project's own draft: the text of its last save that did not validate. */
export const PROJECT_DRAFT = 'draft.md';
export const PROJECT_BRIEF = 'brief.md';

export async function readProjectText(projectDir: string, name: string): Promise<string | null> {
  return readFile(path.join(projectDir, name), 'utf8').catch(() => null);
}

export async function writeProjectDraft(projectDir: string, text: string): Promise<void> {
  await writeFileDurably(path.join(projectDir, PROJECT_DRAFT), text);
}

export async function removeProjectDraft(projectDir: string): Promise<void> {
  await rm(path.join(projectDir, PROJECT_DRAFT), { force: true });
}
