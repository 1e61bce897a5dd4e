/**
 * `luat-studio`: the command line over the engine. Each command lives in
 * ./commands; this file only wires options, the user's language and the
 * rule that no stack trace ever reaches the terminal.
 */
import { Command, CommanderError, Option } from 'commander';
import type { TFunction } from 'i18next';
import { LOCALES, localeFromEnv, translator, type Locale } from '../engine/i18n/index.js';
import { InvalidBrief } from './briefs.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { addPublishCommands } from './commands/publish.js';
import { addReportCommand } from './commands/report.js';
import { serveCommand } from './commands/serve.js';
import { exportCommand, importCommand, statusCommand } from './commands/translations.js';
import { EXIT, reportFailure } from './failures.js';

/** The UI language is needed before commander parses, to translate the help itself. */
function localeFromArgv(argv: string[], fallback: Locale): Locale {
  const i = argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : fallback;
}

function buildProgram(t: TFunction, setExit: (code: number) => void): Command {
  const program = new Command('luat-studio')
    .description(t('cli.description'))
    .addOption(new Option('--locale <locale>', t('cli.option.locale')).choices([...LOCALES]))
    .option('--library <dir>', t('cli.option.library'))
    .helpOption('-h, --help', t('cli.option.help'))
    .helpCommand('help [command]', t('cli.command.help'))
    .showHelpAfterError(false)
    .exitOverride();

  const run = (action: () => Promise<number>) => async () => setExit(await action());
  const globals = () => program.opts<{ library?: string }>();

  program
    .command('check')
    .description(t('cli.command.check'))
    .argument('<brief...>', t('cli.argument.brief'))
    .option('--json', t('cli.option.json'))
    .action((files: string[], options: { json?: boolean }) => run(() => checkCommand(files, options, t))());

  program
    .command('build')
    .description(t('cli.command.build'))
    .argument('<brief>', t('cli.argument.brief'))
    .requiredOption('--out <dir>', t('cli.option.out'))
    .option('--formats <list>', t('cli.option.formats'))
    .option('--lang <list>', t('cli.option.lang'))
    .option('--no-library', t('cli.option.noLibrary'))
    .option('--chromium <path>', t('cli.option.chromium'))
    .option('--speech-engine <id>', t('cli.option.speechEngine'))
    .action((file: string, options: { out: string; formats?: string; lang?: string; library: boolean; chromium?: string; speechEngine?: string }) =>
      run(() => {
        const { library: useLibrary, ...rest } = options;
        return buildCommand(file, { ...rest, ...globals(), useLibrary: useLibrary !== false }, t);
      })(),
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
      run(() => exportCommand(brief, { ...options, ...globals() }, t))(),
    );
  translations
    .command('import')
    .description(t('cli.command.translationsImport'))
    .argument('<brief>', t('cli.argument.brief'))
    .argument('<file>', t('cli.argument.translationFile'))
    .option('--lang <language>', t('cli.option.targetLang'))
    .option('--format <format>', t('cli.option.translationFormat'))
    .action((brief: string, file: string, options: { lang?: string; format?: string }) =>
      run(() => importCommand(brief, file, { ...options, ...globals() }, t))(),
    );
  translations
    .command('status')
    .description(t('cli.command.translationsStatus'))
    .argument('<brief>', t('cli.argument.brief'))
    .option('--json', t('cli.option.json'))
    .action((brief: string, options: { json?: boolean }) => run(() => statusCommand(brief, { ...options, ...globals() }, t))());

  program
    .command('serve')
    .description(t('cli.command.serve'))
    .option('--port <port>', t('cli.option.port'), '0')
    .action((options: { port: string }) => run(() => serveCommand({ ...options, ...globals() }, t))());

  addPublishCommands(program, t, run, globals);
  addReportCommand(program, t, run, globals);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const locale = localeFromArgv(argv, localeFromEnv());
  const t = translator(locale);
  let exit: number = EXIT.ok;
  const program = buildProgram(t, (code) => {
    exit = code;
  });
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
    if (error instanceof InvalidBrief) return EXIT.invalid;
    return reportFailure(error, t, argv.slice(2).join(' '));
  }
}

process.exitCode = await main(process.argv);
