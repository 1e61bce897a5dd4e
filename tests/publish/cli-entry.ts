/**
 * The CLI as cli/main.ts wires it, for the publish tests: the same global
 * options, the same commands (added by the same functions main.ts calls),
 * the same failure handling. Run as:
 *   node --import tsx tests/publish/cli-entry.ts [--library DIR] approve|publish|report …
 */
import { Command, CommanderError, Option } from 'commander';
import { LOCALES, localeFromEnv, translator } from '../../engine/i18n/index.js';
import { InvalidBrief } from '../../cli/briefs.js';
import { addPublishCommands } from '../../cli/commands/publish.js';
import { addReportCommand } from '../../cli/commands/report.js';
import { EXIT, reportFailure } from '../../cli/failures.js';

const t = translator(localeFromEnv());
let exit: number = EXIT.ok;
const program = new Command('luat-studio')
  .addOption(new Option('--locale <locale>').choices([...LOCALES]))
  .option('--library <dir>')
  .exitOverride();
const run = (action: () => Promise<number>) => async () => { exit = await action(); };
const globals = () => program.opts<{ library?: string; locale?: string }>();
addPublishCommands(program, t, run, globals);
addReportCommand(program, t, run, globals);

try {
  await program.parseAsync(process.argv, { from: 'node' });
} catch (error) {
  if (error instanceof CommanderError) exit = EXIT.usage;
  else if (error instanceof InvalidBrief) exit = EXIT.invalid;
  else exit = reportFailure(error, t, process.argv.slice(2).join(' '));
}
process.exitCode = exit;
