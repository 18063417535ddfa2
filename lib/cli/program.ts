// The `wua` command line: commands, flags, signals and exit statuses, over the package's facade.
import { createRequire } from 'node:module';

import { Command, CommanderError, InvalidArgumentError as InvalidOptionArgument, Option } from 'commander';

import { UpdateSession } from '../session.js';
import { type ChangeFlags, changeCommand, type ChangeKind } from './commands/change.js';
import {
  brokerInstallCommand, type BrokerInstallFlags, brokerStatusCommand, brokerUninstallCommand, detachCommand, type DetachFlags,
  jobAbortCommand, jobFollowCommand, jobListCommand, jobStatusCommand,
} from './commands/broker.js';
import { exportScenarioCommand } from './commands/export-scenario.js';
import { doctorCommand, type DoctorFlags } from './commands/doctor.js';
import { type HistoryFlags, historyCommand } from './commands/history.js';
import { infoCommand } from './commands/info.js';
import { DEFAULT_GRACE_SECONDS, hardDeadline } from './deadline.js';
import { type MarkCommand, markCommand, type MarkFlags } from './commands/marks.js';
import { scanCommand, type ScanFlags } from './commands/scan.js';
import {
  addMicrosoftUpdateCommand, automaticUpdatesCommand, listServicesCommand, registrationCommand, removeServiceCommand,
} from './commands/services.js';
import { searchCommand } from './commands/search.js';
import { detectCommand, settingsCommand } from './commands/settings.js';
import { showCommand } from './commands/show.js';
import { statusCommand } from './commands/status.js';
import { EXIT_CODE_HELP, ExitCode } from './exit-codes.js';
import { Output } from './output.js';
import { reportError, UsageError } from './report-error.js';
import { type FilterFlags, normalizeFlags } from './selection.js';
import { addNetworkOptions, type NetworkFlags, webProxyFromFlags } from './network-flags.js';

interface GlobalFlags {
  json?: boolean;
  progress?: boolean;
  verbose?: boolean;
  timeout?: number;
  clientId?: string;
  grace?: number;
  via?: Via;
}

/** Where `--via` runs the agent calls: here, in a child process, or in the broker service. */
type Via = 'local' | 'process' | 'broker';
const ISOLATION_OF: Record<Via, 'none' | 'process' | 'broker'> = { local: 'none', process: 'process', broker: 'broker' };

// The package's own version: both lib/cli and dist/cli sit two levels below package.json.
const { version: VERSION } = createRequire(__filename)('../../package.json') as { version: string };

const MORE_HELP = `With --json, every command writes one JSON document on stdout, errors and usage errors
included (they are {"error": {...}, "exitCode": n}); every document has "exitCode".
Tables fit the terminal's width (or COLUMNS off a terminal); without either, titles are whole.
Naming updates (--kb, --id) that are already as asked is a success: they are reported, not redone.`;

/** The commands, as a sentence: "search, download, ... or show". */
function commandList(program: Command): string {
  const names = program.commands.map((command) => command.name());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidOptionArgument('a positive number of seconds is needed.');
  return seconds;
}

function addFilterOptions(command: Command, installedDefault = 'by default: not installed'): Command {
  return command
    .option('--installed', `installed updates (${installedDefault})`)
    .option('--hidden', 'hidden updates (by default: not hidden)')
    .addOption(new Option('--type <type>', 'software or driver updates').choices(['software', 'driver']))
    .option('--category <category...>', 'classification name in any case (security, critical, drivers, ...) or category GUID')
    .option('--kb <number...>', 'updates with these KB numbers (5068781, KB5068781; a list may be comma-separated)')
    .option('--id <update-id...>', 'updates with these update IDs (a list may be comma-separated)');
}

function addSelectOptions(command: Command): Command {
  return addFilterOptions(command, 'by default: installed ones to uninstall, others to download or install; '
    + 'updates named with --kb or --id are searched either way')
    .option('--all', 'every update the search finds')
    .option('--dry-run', 'show what would be done, do nothing');
}

/**
 * Runs `wua` with `argv` (without the node and script paths) and returns the exit status.
 * Ctrl-C (or --timeout) asks the agent to abort and waits for it to confirm.
 */
export async function runCli(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.success;
  const controller = new AbortController();
  let interrupted = false;
  const onInterrupt = (): void => {
    if (interrupted) process.exit(ExitCode.aborted);  // a second Ctrl-C does not wait
    interrupted = true;
    process.stderr.write('\nAborting; waiting for the agent to confirm (Ctrl-C again to quit now)...\n');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onInterrupt);

  const run = (action: (session: UpdateSession, output: Output, signal: AbortSignal) => Promise<ExitCode>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args.at(-1) as Command;
      const flags = command.optsWithGlobals<GlobalFlags & NetworkFlags>();
      const output = new Output({ json: Boolean(flags.json), progress: Boolean(flags.progress), verbose: Boolean(flags.verbose) });
      const signal = flags.timeout ? AbortSignal.any([controller.signal, AbortSignal.timeout(flags.timeout * 1000)]) : controller.signal;
      let session: UpdateSession | undefined;
      const deadline = hardDeadline(signal, flags.grace ?? DEFAULT_GRACE_SECONDS, command.name(), output);
      try {
        const webProxy = webProxyFromFlags(flags);
        session = new UpdateSession({
          clientApplicationId: flags.clientId ?? 'wua', ...(webProxy ? { webProxy } : {}),
          ...(flags.via && flags.via !== 'local' ? { isolation: ISOLATION_OF[flags.via] } : {}),
        });
        exitCode = await action(session, output, signal);
      } catch (error) {
        exitCode = reportError(error, output);
      } finally {
        await session?.close().catch(() => {});
        deadline.cancel();
      }
    };

  // The broker's commands: no agent session of their own.
  const runAlone = (action: (output: Output) => Promise<ExitCode>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args.at(-1) as Command;
      const flags = command.optsWithGlobals<GlobalFlags>();
      const output = new Output({ json: Boolean(flags.json), progress: Boolean(flags.progress), verbose: Boolean(flags.verbose) });
      try {
        exitCode = await action(output);
      } catch (error) {
        exitCode = reportError(error, output);
      }
    };

  // Commander's own usage errors: in words on stderr, or with --json as the error document on
  // stdout (written below), since a program reading stdout must get JSON whatever went wrong.
  const wantsJson = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined).includes('--json');
  const wantsProgress = argv.includes('--progress');
  const program = new Command('wua')
    .configureOutput({
      outputError: (text, write) => { if (!wantsJson) write(text); },
      writeErr: (text) => { if (!wantsJson) process.stderr.write(text); },
    })
    .description('Search, download, install and uninstall Windows updates through the Windows Update Agent.')
    .version(VERSION)
    .option('--json', 'machine-readable output: one JSON document')
    .option('--progress', 'with --json: newline-delimited JSON events, then the result')
    .option('--verbose', 'show stacks and details of errors')
    .option('--timeout <seconds>', 'abort the operation after this many seconds', positiveSeconds)
    .option('--grace <seconds>', `after Ctrl-C or --timeout, how long the agent has to confirm the abort before wua ends without it (default ${DEFAULT_GRACE_SECONDS})`,
      positiveSeconds)
    .option('--client-id <name>', 'client application ID recorded in the update history', 'wua')
    .addOption(new Option('--via <where>', 'where the agent calls run: local (here), process (a child process), or broker (the broker '
      + 'service, for SSH, WinRM and other remote shells the agent refuses; see wua broker)').choices(['local', 'process', 'broker']).env('WUA_VIA'))
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n\n${MORE_HELP}`)
    .exitOverride()
    .showHelpAfterError('(run wua --help for usage)');

  addNetworkOptions(addFilterOptions(program.command('search').argument('[criteria]', 'raw criteria, e.g. "IsInstalled=0 and Type=\'Software\'"')
    .description('find updates (by default: not installed, not hidden)')))
    .action(run((session, output, signal) => {
      const command = program.commands.find((c) => c.name() === 'search')!;
      const [criteria] = command.args;
      return searchCommand(session, normalizeFlags({ ...command.opts<FilterFlags & NetworkFlags>(), criteria }), output, signal);
    }));

  const change = (kind: ChangeKind, description: string, extra: (command: Command) => Command): void => {
    const command = extra(addNetworkOptions(addSelectOptions(program.command(kind).description(description))))
      .option('--detach', 'run it as a job of the broker service, print the job\'s ID and end (see wua job)');
    command.action(async (...args: unknown[]) => {
      if (command.opts<{ detach?: boolean }>().detach) {
        await runAlone((output) => detachCommand(kind, argv, command.opts<DetachFlags>(), output))(...args);
        return;
      }
      await run((session, output, signal) => changeCommand(kind, session, normalizeFlags(command.opts<ChangeFlags>()), output, signal))(...args);
    });
  };
  change('download', 'download updates', (c) => c
    .addOption(new Option('--priority <priority>', 'download priority').choices(['low', 'normal', 'high', 'extraHigh']))
    .option('--force', 'download again what is already downloaded or installed'));
  change('install', 'install updates, downloading first what is not downloaded (never restarts the machine)', (c) => c
    .option('--accept-eulas', 'accept the license terms of the selected updates')
    .option('--force-quiet', 'install without any UI')
    .option('--force', 'install again what is already installed (also searches installed updates)'));
  change('uninstall', 'uninstall installed updates', (c) => c.option('--force-quiet', 'uninstall without any UI'));

  // Hiding and license terms (commands/marks.ts), with install's selection flags; the help of
  // --installed and --hidden says what these commands search by default.
  const mark = (kind: MarkCommand, description: string, hidden: string): void => {
    const command = addSelectOptions(program.command(kind).description(description));
    const help: Record<string, string> = {
      '--installed': 'installed updates (by default: not installed; updates named with --kb or --id are searched either way)',
      '--hidden': hidden,
    };
    for (const option of command.options) option.description = help[option.long ?? ''] ?? option.description;
    command.action(run((session, output, signal) => markCommand(kind, session, normalizeFlags(command.opts<MarkFlags>()), output, signal)));
  };
  mark('hide', 'hide updates, so that searches and Automatic Updates leave them out (mandatory ones and those with a deadline cannot be)',
    'hidden updates (by default: not hidden; updates named with --kb or --id are searched either way)');
  mark('unhide', 'show hidden updates again', 'hidden updates (the default; updates named with --kb or --id are searched either way)');
  mark('accept-eulas', "accept the selected updates' license terms, printing their start first (all of them with --verbose)",
    'hidden updates (by default: not hidden)');

  program.command('info').description("the agent's version and whether a restart is pending")
    .action(run((session, output) => infoCommand(session, output)));

  program.command('settings')
    .description('Automatic Updates: its settings, when it last searched and installed, and whether its service is enabled')
    .action(run((session, output) => settingsCommand(session, output)));
  program.command('detect').description('ask Automatic Updates to search for updates now (it runs in the background)')
    .action(run((session, output) => detectCommand(session, output)));
  const history = program.command('history').description('what the agent installed and uninstalled, newest first')
    .option('--last <n>', 'the newest n entries (after the other filters)')
    .option('--since <date>', 'entries from this date on: 2026-11-01 (UTC) or an ISO 8601 time')
    .option('--kb <number...>', 'entries whose title names these KB numbers (a list may be comma-separated)')
    .option('--result <code...>', 'entries that ended so: succeeded, succeededWithErrors, failed, aborted, ...')
    .option('--operation <operation>', 'install or uninstall entries only');
  history.action(run((session, output, signal) => historyCommand(session, history.opts<HistoryFlags>(), output, signal)));
  program.command('status')
    .description('whether a restart is pending, whether the installer is busy, the agent\'s version (exit status 3010 when a '
      + 'restart is pending); `info` is the part of it older scripts read, with status 0')
    .action(run((session, output) => statusCommand(session, output)));

  const doctor = program.command('doctor')
    .description('whether updates can work here and why not: elevation, logon, services, policies, pending restarts, '
      + 'installer, proxy, disk, Configuration Manager (exit status 5 when a check fails)')
    .option('--logs <client-id>', 'also the Windows Update and CBS log lines of the operations run under this client ID (wua --client-id)')
    .option('--windows-update-log <path>', 'the Windows Update log to read (default %windir%\\WindowsUpdate.log, or Get-WindowsUpdateLog\'s output)')
    .option('--cbs-log <path>', 'the CBS log to read (default %windir%\\Logs\\CBS\\CBS.log)');
  doctor.action(run((session, output) => doctorCommand(session, output, doctor.opts<DoctorFlags>())));

  const show = program.command('show').argument('<update...>', 'KB numbers (5068781, KB5068781) or update IDs')
    .description('every field of the updates with these KBs or IDs, installed or not, hidden or not, license terms included');
  show.action(run((session, output, signal) => showCommand(session, show.args, output, signal)));
  // Update services and the offline scan.
  const services = program.command('services')
    .description('list the update services (Windows Update, Microsoft Update, WSUS, scan packages), or change them')
    .action(run((session, output) => listServicesCommand(session, output)));
  const addMicrosoftUpdate = services.command('add-microsoft-update')
    .description('opt in to Microsoft Update: register it online now, or else at the next online search')
    .option('--no-register-au', 'do not make it the Automatic Updates service')
    .action(run((session, output) => addMicrosoftUpdateCommand(session, output,
      addMicrosoftUpdate.opts<{ registerAu: boolean }>())));
  const serviceCommand = (name: string, description: string,
    action: (session: UpdateSession, output: Output, serviceId: string) => Promise<ExitCode>): void => {
    const command = services.command(name).argument('<service-id>', 'the service\'s ID (a GUID)').description(description);
    command.action(run((session, output) => action(session, output, command.args[0]!)));
  };
  serviceCommand('remove', 'remove an update service (never the Windows Update service)', removeServiceCommand);
  serviceCommand('register-au', 'make a registered service the Automatic Updates service',
    (session, output, id) => automaticUpdatesCommand(session, output, id, true));
  serviceCommand('unregister-au', 'unregister a service from Automatic Updates',
    (session, output, id) => automaticUpdatesCommand(session, output, id, false));
  serviceCommand('registration', "a service's registration: registered, or pending", registrationCommand);

  const scan = addFilterOptions(program.command('scan').argument('[criteria]', 'raw criteria, as wua search takes them')
    .description('find updates in an offline catalog (wsusscn2.cab) without the network (by default: not installed, not hidden)')
    .requiredOption('--cab <path>', 'the offline catalog; one on a network path is copied to a local folder first')
    .option('--staging-dir <dir>', 'where a catalog on a network path is copied (by default: the temporary folder)'));
  scan.action(run((session, output, signal) => {
    const [criteria] = scan.args;
    return scanCommand(session, normalizeFlags({ ...scan.opts<ScanFlags>(), criteria }), output, signal);
  }));

  addBrokerCommands(program, runAlone);
  // The machine as a scenario, for the fake agent of windows-update-agent/testing.
  program.command('export-scenario')
    .description('write the machine (every update, installed or not, the history, services and settings) as a scenario '
      + 'to replay in tests: wua export-scenario > machine.json')
    .action(run((session, output, signal) => exportScenarioCommand(session, output, signal)));

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // Help and version end with status 0; everything else commander stops at is a usage error
    // (`wua` alone included: it prints the help, but did not say what to do).
    const bare = error instanceof CommanderError && error.code === 'commander.help';
    if (error instanceof CommanderError && error.exitCode === 0) exitCode = ExitCode.success;
    else if (error instanceof CommanderError && !wantsJson && !bare) exitCode = ExitCode.usage;  // commander said it already
    else {
      const reported = bare
        ? new UsageError(`say which command: ${commandList(program)}`) : error;
      exitCode = reportError(reported, new Output({ json: wantsJson, progress: wantsProgress, verbose: argv.includes('--verbose') }));
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  return exitCode;
}

function idleSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) throw new InvalidOptionArgument('a whole number of seconds from 1 to 86400 is needed.');
  return seconds;
}

/** `wua broker ...` and `wua job ...` (commands/broker.ts). */
function addBrokerCommands(program: Command,
  runAlone: (action: (output: Output) => Promise<ExitCode>) => (...args: unknown[]) => Promise<void>): void {
  const broker = program.command('broker')
    .description('the broker service, which runs agent calls for administrators in SSH, WinRM and other remote shells (see the README)');
  const install = broker.command('install')
    .description('install (or upgrade) the service: copies what it runs into a folder only administrators can change, registers it as LocalSystem, demand start')
    .option('--folder <dir>', 'the folder the service runs from (default: %ProgramFiles%\\windows-update-agent\\broker)')
    .option('--idle <seconds>', 'how long the service stays up with no client, no running job and no unread result (default 300)', idleSeconds);
  install.action(runAlone((output) => brokerInstallCommand(install.opts<BrokerInstallFlags>(), output)));
  broker.command('uninstall').description('stop and remove the service, its folder and its registry keys')
    .action(runAlone((output) => brokerUninstallCommand(output)));
  broker.command('status').description('whether the service is installed and running, its version, folder and jobs')
    .action(runAlone((output) => brokerStatusCommand(output)));

  const job = program.command('job')
    .description('jobs of the broker service: downloads, installs and uninstalls started with --detach');
  job.command('list').description('the jobs the broker holds, running or with a result kept')
    .action(runAlone((output) => jobListCommand(output)));
  const jobCommand = (name: string, description: string, action: (id: string, output: Output) => Promise<ExitCode>): void => {
    const command = job.command(name).argument('<id>', 'the job\'s ID, as --detach printed it').description(description);
    command.action(runAlone((output) => action(command.args[0]!, output)));
  };
  jobCommand('status', 'a job\'s state, progress and result (exit status: the job\'s own once it has finished)', jobStatusCommand);
  jobCommand('follow', 'a job\'s progress until it ends, then its result, as the command itself would print them', jobFollowCommand);
  jobCommand('abort', 'ask a running job to abort (as Ctrl-C would); wua job follow shows when the agent confirmed it', jobAbortCommand);
}
