/**
 * `luat-studio speech normalize "<text>"`: the words the voice will say for a
 * line, after the pronunciation lexicon (with --project, from the library) and
 * the Vietnamese normaliser — the same "Đọc là" the app shows per line.
 */
import { Option, type Command } from 'commander';
import type { TFunction } from 'i18next';
import { normalizeForSpeech, type PronunciationEntry } from '../../engine/speech/normalize/index.js';
import { EXIT } from '../failures.js';
import { withLibrary } from '../library.js';

export interface NormalizeOptions {
  voice: 'north' | 'south';
  lang: string;
  project?: string;
  json?: boolean;
  library?: string;
}

export async function speechNormalizeCommand(texts: string[], options: NormalizeOptions): Promise<number> {
  const lexicon: PronunciationEntry[] = options.project
    ? await withLibrary(options, 'speech normalize', (library) => library.pronunciationLexicon(options.project!, options.lang))
    : [];
  const lines = texts.join(' ').split(/\r?\n/);
  const spoken = lines.map((line) => normalizeForSpeech(line, { language: options.lang, accent: options.voice, lexicon }));
  if (options.json) process.stdout.write(`${JSON.stringify(lines.map((text, i) => ({ text, spoken: spoken[i] })), null, 2)}\n`);
  else process.stdout.write(`${spoken.join('\n')}\n`);
  return EXIT.ok;
}

export function addSpeechCommands(
  program: Command,
  t: TFunction,
  run: (action: () => Promise<number>) => () => Promise<void>,
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
