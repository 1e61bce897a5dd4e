/**
 * `luat-studio speech normalize "<text>"`: the words the voice will say for a
 * line, after the pronunciation lexicon (with --project, from the library) and
 * the Vietnamese normaliser — the same "Đọc là" the app shows per line.
 */
import { Option, type Command } from 'commander';
import type { TFunction } from 'i18next';
import { readingsOf } from '../../engine/app/index.js';
import { EXIT, type Run } from '../failures.js';
import { readingLibrary } from '../library.js';

export interface NormalizeOptions {
  voice: 'north' | 'south';
  lang: string;
  project?: string;
  json?: boolean;
  library?: string;
}

export async function speechNormalizeCommand(texts: string[], options: NormalizeOptions): Promise<number> {
  const lines = texts.join(' ').split(/\r?\n/);
  const wanted = { language: options.lang, accent: options.voice, projectId: options.project };
  // Only a project's lexicon needs the library, and reading it changes nothing.
  const readings = options.project
    ? await readingLibrary(options, (studio) => readingsOf(studio, lines, wanted))
    : await readingsOf(null, lines, wanted);
  if (options.json) process.stdout.write(`${JSON.stringify(readings, null, 2)}\n`);
  else process.stdout.write(`${readings.map((r) => r.spoken).join('\n')}\n`);
  return EXIT.ok;
}

export function addSpeechCommands(
  program: Command,
  t: TFunction,
  run: Run,
  globals: () => { library?: string },
): void {
  const speech = program.command('speech').description(t('cli.command.speech'));
  speech
    .command('normalize')
    .description(t('cli.command.speechNormalize'))
    .argument('<text...>', t('cli.argument.speechText'))
    .addOption(new Option('--voice <accent>', t('cli.option.voiceAccent')).choices(['north', 'south']).default('north'))
    .option('--lang <language>', t('cli.option.speechLang'), 'vi')
    .option('--project <id>', t('cli.option.lexiconProject'))
    .option('--json', t('cli.option.json'))
    .action((texts: string[], options: Omit<NormalizeOptions, 'library'>) => run(() => speechNormalizeCommand(texts, { ...options, ...globals() }))());
}
