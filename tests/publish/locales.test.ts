/**
 * Every error code the publishing engine and its commands raise has a text
 * in Vietnamese and English: in engine/publish/locales (to be merged into
 * engine/i18n/locales), in the social adapters' messages, or already in the
 * main locale files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import mainEn from '../../engine/i18n/locales/en.json' with { type: 'json' };
import mainVi from '../../engine/i18n/locales/vi.json' with { type: 'json' };
import { CHANNEL_MESSAGES } from '../../engine/publish/channels/messages.js';
import { ROOT } from '../helpers/briefs.js';

/** engine/publish/locales/<name>.json until it is merged into the main locale files (then gone). */
function pending(name: string): unknown {
  const file = path.join(ROOT, 'engine/publish/locales', `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'channels' ? [] : sources(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

describe('publishing messages', () => {
  const files = [...sources(path.join(ROOT, 'engine/publish')), path.join(ROOT, 'cli/commands/publish.ts'), path.join(ROOT, 'cli/commands/report.ts')];
  const codes = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:StudioError\(|code: )'([a-zA-Z.]+)'/g)) codes.add(m[1]!);
  }

  it('finds the codes it checks', () => {
    expect(codes).toContain('publish.notApproved');
    expect(codes.size).toBeGreaterThan(30);
  });

  for (const [name, main, channels] of [['vi', mainVi, CHANNEL_MESSAGES.vi], ['en', mainEn, CHANNEL_MESSAGES.en]] as const) {
    const locale = pending(name);
    it(`has a ${name} text for every code`, () => {
      const missing = [...codes].filter((code) =>
        ![locale, main, channels].some((tree) => typeof lookup(tree, `error.${code}`) === 'string' || typeof lookup(tree, `diag.publish.${code}`) === 'string'));
      expect(missing).toEqual([]);
    });
  }
});
