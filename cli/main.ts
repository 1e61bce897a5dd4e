/**
 * `luat-studio`: the command line over the engine. Each command lives in
 * ./commands; this file only wires options, the user's language and the
 * rule that no stack trace ever reaches the terminal.
 */
import { Command, CommanderError, Option } from 'commander';
import type { TFunction } from 'i18next';
import { ALL_FORMAT_NAMES } from '../engine/app/index.js';
import { LOCALES, localeFromEnv, translator, type Locale } from '../engine/i18n/index.js';
import packageJson from '../package.json' with { type: 'json' };
import { EXIT, reportFailure, type Run } from './failures.js';

// Each command's module is imported when that command runs: `check` must not
// pay for loading Remotion, Playwright, pdf-lib or exceljs (tests/bench/startup.ts).
const commands = {
  build: () => import('./commands/build.js'),
  worker: () => import('./commands/worker.js'),
  check: () => import('./commands/check.js'),
  publish: () => import('./commands/publish.js'),
  report: () => import('./commands/report.js'),
  serve: () => import('./commands/serve.js'),
  translations: () => import('./commands/translations.js'),
  voices: () => import('./commands/voices.js'),
  speech: () => import('./commands/speech.js'),
  brief: () => import('./commands/brief.js'),
  legal: () => import('./commands/legal.js'),
  cache: () => import('./commands/cache.js'),
};
const OPTIONS_WITH_VALUE = new Set(['--locale', '--library']);

/** The command word of argv (`check`, `build`…), or undefined for `--help`/`--version` alone. */
function commandWord(argv: string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** The UI language is needed before commander parses, to translate the help itself. */
function localeFromArgv(argv: string[], fallback: Locale): Locale {
  const i = argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : fallback;
}

async function buildProgram(t: TFunction, locale: Locale, setExit: (code: number) => void, word: string | undefined, argv: string[]): Promise<Command> {
  const program = new Command('luat-studio')
    .description(t('cli.description'))
    .version(packageJson.version, '-V, --version', t('cli.option.version'))
    .addOption(new Option('--locale <locale>', t('cli.option.locale')).choices([...LOCALES]))
    .option('--library <dir>', t('cli.option.library'))
    .helpOption('-h, --help', t('cli.option.help'))
    .helpCommand('help [command]', t('cli.command.help'))
    .showHelpAfterError(false)
    .exitOverride();

  const run: Run = (action) => async () => setExit(await action());
  const globals = () => program.opts<{ library?: string }>();

  program
    .command('check')
    .description(t('cli.command.check'))
    .argument('<brief...>', t('cli.argument.brief'))
    .option('--json', t('cli.option.json'))
    .option('--no-fit', t('cli.checkFit.noFit'))
    .option('--chromium <path>', t('cli.option.chromium'))
    .action((files: string[], options: { json?: boolean; fit: boolean; chromium?: string }) => run(async () => (await commands.check()).checkCommand(files, { ...options, ...globals() }, t))());

  program
    .command('build')
    .description(t('cli.command.build'))
    .argument('<brief>', t('cli.argument.brief'))
    .requiredOption('--out <dir>', t('cli.option.out'))
    .option('--formats <list>', t('cli.option.formats', { known: ALL_FORMAT_NAMES.join(',') }))
    .option('--lang <list>', t('cli.option.lang'))
    .option('--no-library', t('cli.option.noLibrary'))
    .option('--chromium <path>', t('cli.option.chromium'))
    .option('--speech-engine <id>', t('cli.option.speechEngine'))
    .option('--queue <url>', t('cli.option.queue'))
    .option('--shared <dir>', t('cli.option.shared'))
    .option('--split-video <seconds>', t('cli.option.splitVideo'))
    .action((file: string, options: { out: string; formats?: string; lang?: string; library: boolean; chromium?: string; speechEngine?: string; queue?: string; shared?: string; splitVideo?: string }) =>
      run(async () => {
        const { library: useLibrary, ...rest } = options;
        return (await commands.build()).buildCommand(file, { ...rest, ...globals(), useLibrary: useLibrary !== false, locale }, t);
      })(),
    );

  program
    .command('worker')
    .description(t('cli.command.worker'))
    .requiredOption('--queue <url>', t('cli.option.queue'))
    .requiredOption('--shared <dir>', t('cli.option.shared'))
    .option('--chromium <path>', t('cli.option.chromium'))
    .option('--stall-seconds <seconds>', t('cli.option.stallSeconds'), '30')
    .action((options: { queue: string; shared: string; chromium?: string; stallSeconds: string }) =>
      run(async () => (await commands.worker()).workerCommand({ ...options, ...globals() }, t))(),
    );

  const translations = program.command('translations').description(t('cli.command.translations'));
  translations
    .command('export')
    .description(t('cli.command.translationsExport'))
    .argument('<brief>', t('cli.argument.brief'))
    .requiredOption('--lang <language>', t('cli.option.targetLang'))
    .option('--format <format>', t('cli.option.translationFormat'))
    .option('--out <file>', t('cli.option.outFile'))
    .action((brief: string, options: { lang: string; format?: string; out?: string }) =>
      run(async () => (await commands.translations()).exportCommand(brief, { ...options, ...globals() }, t))(),
    );
  translations
    .command('import')
    .description(t('cli.command.translationsImport'))
    .argument('<brief>', t('cli.argument.brief'))
    .argument('<file>', t('cli.argument.translationFile'))
    .option('--lang <language>', t('cli.option.targetLang'))
    .option('--format <format>', t('cli.option.translationFormat'))
    .action((brief: string, file: string, options: { lang?: string; format?: string }) =>
      run(async () => (await commands.translations()).importCommand(brief, file, { ...options, ...globals() }, t))(),
    );
  translations
    .command('confirm')
    .description(t('cli.command.translationsConfirm'))
    .argument('<brief>', t('cli.argument.brief'))
    .requiredOption('--lang <language>', t('cli.option.targetLang'))
    .requiredOption('--unit <id>', t('cli.option.unit'))
    .requiredOption('--note <text>', t('cli.option.confirmNote'))
    .action((brief: string, options: { lang: string; unit: string; note: string }) =>
      run(async () => (await commands.translations()).confirmCommand(brief, { ...options, ...globals() }, t))(),
    );
  translations
    .command('status')
    .description(t('cli.command.translationsStatus'))
    .argument('<brief>', t('cli.argument.brief'))
    .option('--json', t('cli.option.json'))
    .action((brief: string, options: { json?: boolean }) => run(async () => (await commands.translations()).statusCommand(brief, { ...options, ...globals() }, t))());

  program
    .command('serve')
    .description(t('cli.command.serve'))
    .option('--port <port>', t('cli.option.port'), '0')
    .action((options: { port: string }) => run(async () => (await commands.serve()).serveCommand({ ...options, ...globals() }, t))());

  // `brief` (Word import/export) needs none of the commands below.
  if (word === 'brief') {
    (await commands.brief()).addBriefCommands(program, t, run);
    return program;
  }

  // publish, approve, report, voices and speech define themselves; load them only when they may be the one asked for
  // (or for help and unknown words, so the help lists them and commander can suggest them).
  const definedHere = ['check', 'build', 'worker', 'translations', 'serve'];
  const versionOnly = word === undefined && argv.some((a) => a === '-V' || a === '--version');
  if (word === undefined ? !versionOnly : !definedHere.includes(word)) {
    (await commands.publish()).addPublishCommands(program, t, run, globals);
    (await commands.report()).addReportCommand(program, t, run, globals);
    (await commands.voices()).addVoicesCommand(program, t, run, globals);
    (await commands.speech()).addSpeechCommands(program, t, run, globals);
    (await commands.brief()).addBriefCommands(program, t, run);
    (await commands.legal()).addLegalCommands(program, t, run, globals);
    (await commands.cache()).addCacheCommand(program, t, run, globals, locale);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const locale = localeFromArgv(argv, localeFromEnv());
  const t = translator(locale);
  let exit: number = EXIT.ok;
  const program = await buildProgram(t, locale, (code) => {
    exit = code;
  }, commandWord(argv), argv);
  program.configureOutput({
    writeErr: (text) => process.stderr.write(text),
    outputError: () => {
      // Commander's own English messages are replaced by ours below.
    },
  });
  try {
    await program.parseAsync(argv, { from: 'node' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return EXIT.ok;
      const key = `cli.usage.${error.code.replace('commander.', '')}`;
      process.stderr.write(`luat-studio: error: ${t(key, { defaultValue: t('cli.usage.generic'), detail: error.message.replace(/^error: /, '') })}\n`);
      return EXIT.usage;
    }
    // Imported here, not above: briefs.js brings the whole brief importer, which --version does not need.
    if (error instanceof (await import('./briefs.js')).InvalidBrief) return EXIT.invalid;
    return reportFailure(error, t, argv.slice(2).join(' '));
  }
}

process.exitCode = await main(process.argv);
