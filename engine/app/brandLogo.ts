/**
 * A logo chosen with a file picker: its bytes are kept in the project folder
 * (`brand/logo.<ext>`) and the brand kit points at that file, so nobody types a path.
 */
import path from 'node:path';
import { StudioError } from '../errors.js';
import { writeFileDurably } from '../fs/durable.js';
import { putSettings } from './settings.js';
import { requireProject, type Studio } from './studio.js';

const LOGO_TYPES: Record<string, (b: Uint8Array) => boolean> = {
  png: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8,
  svg: (b) => /<svg[\s>]/i.test(new TextDecoder().decode(b.subarray(0, 4096))),
};

export async function putBrandLogo(studio: Studio, projectId: string, fileName: string, bytes: Uint8Array) {
  await requireProject(studio, projectId);
  const ext = path.extname(fileName).slice(1).toLowerCase().replace('jpeg', 'jpg');
  const check = LOGO_TYPES[ext];
  if (!check || !check(bytes)) throw new StudioError('ui.logoType', { file: fileName });
  const relative = `brand/logo.${ext}`;
  await writeFileDurably(path.join(studio.library.projectDir(projectId), ...relative.split('/')), bytes);
  return putSettings(studio, { projectId, brand: { logoPath: relative } });
}
