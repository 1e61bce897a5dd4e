/**
 * `luat-studio approve <brief> --out DIR --by NAME --role ROLE` records who
 * approved this brief and this build.
 * `luat-studio publish <brief> --out DIR --to wordpress,facebook,… [--lang vi]`
 * sends the approved build to the channels through the publish queue.
 *
 * Credentials come only from the SecretStore (LUAT_STUDIO_SECRET_<CHANNEL>_<NAME>
 * or the OS keyring), never from options: an option would end up in the
 * shell history and in `ps`.
 */
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import {
  CHANNEL_IDS, PreflightFailed, approveBuild, preflightMessages, publishJobError, publishProject, type PublishEvent, type PublishJob,
} from '../../engine/app/index.js';
import { loadBrief, parseList, saveBriefFile } from '../briefs.js';
import { EXIT, type Run } from '../failures.js';
import { withLibrary, type LibraryOptions } from '../library.js';
import { createProgress } from '../progress.js';

export interface ApproveOptions extends LibraryOptions {
  out: string;
  by: string;
  role: string;
}

export async function approveCommand(file: string, options: ApproveOptions, t: TFunction): Promise<number> {
  const brief = await loadBrief(file, t);
  const entry = await withLibrary(options, 'approve', async (studio) =>
    approveBuild(studio, { projectId: await saveBriefFile(studio, file, brief), outDir: options.out, by: options.by, role: options.role }));
  process.stdout.write(`${t('cli.approve.done', {
    title: entry.title, by: entry.by, role: entry.role, count: entry.outputs.length, at: entry.at, hash: entry.outputsHash.slice(0, 12),
    defaultValue: 'Approved "{{title}}" ({{count}} files, {{hash}}) by {{by}}, {{role}}, at {{at}}.',
  })}\n`);
  // Recorded with the approval, and said to the approver: documents not yet in force, amended or to be replaced.
  for (const note of entry.legalNotes ?? []) process.stdout.write(`  ${t('cli.legal.approvalNote', { note: t(`diag.${note.code}`, note.params) })}\n`);
  return EXIT.ok;
}

export interface PublishCommandOptions extends LibraryOptions {
  out: string;
  to: string;
  lang?: string;
  packageDir?: string;
}

function label(job: PublishJob): string {
  return `${job.channel} (${job.language})`;
}

export async function publishCommand(file: string, options: PublishCommandOptions, t: TFunction): Promise<number> {
  const brief = await loadBrief(file, t);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const progress = createProgress();
  const onEvent = (event: PublishEvent) => {
    if (event.type === 'progress') progress.update({ label: label(event.job), done: event.done, total: event.total });
    else if (event.type === 'retry') {
      process.stderr.write(`luat-studio: ${t('cli.publish.retrying', {
        job: label(event.job), seconds: Math.ceil(event.delayMs / 1000), message: event.message,
        defaultValue: '{{job}}: will try again in {{seconds}} s ({{message}})',
      })}\n`);
    }
  };
  try {
    const outcome = await withLibrary(options, 'publish', async (studio) => publishProject(studio, {
      projectId: await saveBriefFile(studio, file, brief),
      outDir: options.out,
      channels: parseList(options.to),
      languages: parseList(options.lang),
      packageDir: options.packageDir,
      signal: controller.signal,
      onEvent,
    }));
    progress.stop();
    for (const job of outcome.alreadyPublished) {
      process.stdout.write(`${t('cli.publish.already', { job: label(job), url: job.result?.url ?? '', defaultValue: 'Already published to {{job}}: {{url}}' })}\n`);
    }
    let failed = 0;
    for (const job of outcome.jobs) {
      if (job.status === 'done') {
        const params = { job: label(job), url: job.result?.url ?? '', path: job.result?.packagePath ?? '' };
        const line = job.result?.packagePath
          ? t('cli.publish.packaged', { ...params, defaultValue: 'Package for {{job}}, ready to upload: {{path}}' })
          : t('cli.publish.published', { ...params, defaultValue: 'Published to {{job}}: {{url}}' });
        process.stdout.write(`${line}\n`);
      } else {
        failed++;
        process.stderr.write(`luat-studio: error: ${t('cli.publish.failed', { job: label(job), reason: publishJobError(job, t) ?? '', defaultValue: 'Not published to {{job}}: {{reason}}' })}\n`);
      }
    }
    return failed > 0 ? EXIT.failure : EXIT.ok;
  } catch (error) {
    progress.stop();
    if (error instanceof PreflightFailed) for (const line of preflightMessages(error, t)) process.stderr.write(`luat-studio: ${line}\n`);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** Adds `approve` and `publish` to the program (called from cli/main.ts). */
export function addPublishCommands(program: Command, t: TFunction, run: Run, globals: () => LibraryOptions): void {
  program
    .command('approve')
    .description(t('cli.command.approve'))
    .argument('<brief>', t('cli.argument.brief'))
    .requiredOption('--out <dir>', t('cli.option.buildDir'))
    .requiredOption('--by <name>', t('cli.option.approvedBy'))
    .requiredOption('--role <role>', t('cli.option.approverRole'))
    .action((file: string, options: { out: string; by: string; role: string }) => run(() => approveCommand(file, { ...options, ...globals() }, t))());

  program
    .command('publish')
    .description(t('cli.command.publish'))
    .argument('<brief>', t('cli.argument.brief'))
    .requiredOption('--out <dir>', t('cli.option.buildDir'))
    .requiredOption('--to <channels>', t('cli.option.channels', { known: CHANNEL_IDS.join(',') }))
    .option('--lang <list>', t('cli.option.publishLang'))
    .option('--package-dir <dir>', t('cli.option.packageDir'))
    .action((file: string, options: { out: string; to: string; lang?: string; packageDir?: string }) =>
      run(() => publishCommand(file, { ...options, ...globals() }, t))());
}
