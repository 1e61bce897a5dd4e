/**
 * `luat-studio voices add|list|remove`: offline neural voices in the
 * library (engine/speech/neural). A voice is added once from the folder or
 * archive it was downloaded as; builds use it offline from then on.
 */
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { addLibraryVoice, listLibraryVoices, removeLibraryVoice, type VoiceRecord } from '../../engine/app/index.js';
import { EXIT, type Run } from '../failures.js';
import { readingLibrary, withLibrary, type LibraryOptions } from '../library.js';

export async function voicesAddCommand(source: string, options: LibraryOptions & { name: string; lang: string }, t: TFunction): Promise<number> {
  const record = await withLibrary(options, 'voices add', (studio) => addLibraryVoice(studio, source, { name: options.name, language: options.lang }));
  process.stdout.write(`${t('cli.voices.added', describe(record))}\n`);
  if (record.licence) process.stdout.write(`${t('cli.voices.licence')}\n${record.licence.trim()}\n`);
  else process.stderr.write(`${t('cli.voices.noLicence')}\n`);
  return EXIT.ok;
}

export async function voicesListCommand(options: LibraryOptions & { json?: boolean }, t: TFunction): Promise<number> {
  const voices = await readingLibrary(options, (studio) => listLibraryVoices(studio));
  if (options.json) process.stdout.write(`${JSON.stringify(voices.map(({ licence: _l, ...rest }) => rest), null, 2)}\n`);
  else if (voices.length === 0) process.stdout.write(`${t('cli.voices.none')}\n`);
  else for (const v of voices) process.stdout.write(`${t('cli.voices.line', { ...describe(v), speakers: v.numSpeakers, interpolation: { escapeValue: false } })}\n`);
  return EXIT.ok;
}

export async function voicesRemoveCommand(id: string, options: LibraryOptions, t: TFunction): Promise<number> {
  await withLibrary(options, 'voices remove', (studio) => removeLibraryVoice(studio, id));
  process.stdout.write(`${t('cli.voices.removed', { id })}\n`);
  return EXIT.ok;
}

function describe(v: VoiceRecord) {
  return { id: v.id, name: v.name, language: v.language, modelType: v.modelType, sampleRate: v.sampleRate };
}

/** Adds `voices` to the program (called from cli/main.ts). */
export function addVoicesCommand(program: Command, t: TFunction, run: Run, globals: () => LibraryOptions): void {
  const voices = program.command('voices').description(t('cli.command.voices'));
  voices
    .command('add')
    .description(t('cli.command.voicesAdd'))
    .argument('<source>', t('cli.argument.voiceSource'))
    .requiredOption('--name <name>', t('cli.option.voiceName'))
    .requiredOption('--lang <language>', t('cli.option.voiceLang'))
    .action((source: string, options: { name: string; lang: string }) => run(() => voicesAddCommand(source, { ...options, ...globals() }, t))());
  voices
    .command('list')
    .description(t('cli.command.voicesList'))
    .option('--json', t('cli.option.json'))
    .action((options: { json?: boolean }) => run(() => voicesListCommand({ ...options, ...globals() }, t))());
  voices
    .command('remove')
    .description(t('cli.command.voicesRemove'))
    .argument('<id>', t('cli.argument.voiceId'))
    .action((id: string) => run(() => voicesRemoveCommand(id, globals(), t))());
}
