// The `sales-agent` command line: the composition root for every entry point.
import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './commands/account-commands.js';
import { authGoogleCommand, DEFAULT_REDIRECT_URI } from './commands/auth-google-command.js';
import { checkSecretsCommand } from './commands/check-secrets-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { runCommand } from './commands/run-command.js';
import { runsListCommand, runsShowCommand } from './commands/runs-command.js';
import { startCommand } from './commands/start-command.js';

const io = {
  stdout: (text: string): void => void process.stdout.write(text),
  stderr: (text: string): void => void process.stderr.write(text),
};

const program = new Command()
  .name('sales-agent')
  .description('Turns inbound HubSpot form leads into grounded, threaded Gmail drafts (DRAFT_ONLY by default).')
  .exitOverride();

program
  .command('run')
  .description('Run the form-lead workflow once for a lead file against the demo workspace and print the report')
  .argument('<lead.json>', 'a HubSpot payload or a plain JSON lead')
  .option('--workspace <fixture.json>', 'the demo workspace fixture', 'examples/demo-workspace.json')
  .option('--json', 'print one JSON object instead of the readable report')
  .option('--now <iso>', "the run's clock, ISO-8601 with a zone (default: the lead's submission time)")
  .option('--memory', 'keep nothing: in-memory stores instead of the database')
  .option('--force', 'run again even if this lead was processed before (a new run)')
  .option('--live', 'use the systems the environment configures (HubSpot, Google, the model); the demo workspace for the rest')
  .action(async (leadPath: string, options: { workspace?: string; json?: boolean; now?: string; memory?: boolean; force?: boolean; live?: boolean }) => {
    process.exitCode = await runCommand(leadPath, options, io);
  });

const runs = program.command('runs').description('Stored runs (the database DATABASE_URL or DATA_DIR names)');
runs
  .command('list')
  .description('List stored runs, newest first')
  .option('--status <statuses>', 'only these statuses, comma-separated (e.g. failed,paused)')
  .option('--limit <n>', 'at most this many runs', '20')
  .option('--json', 'print one JSON object')
  .action(async (options: { status?: string; limit?: string; json?: boolean }) => {
    process.exitCode = await runsListCommand(options, io);
  });
runs
  .command('show')
  .description('Show one run with every step attempt and its audit trail')
  .argument('<id>', 'the run id')
  .option('--json', 'print one JSON object')
  .action(async (id: string, options: { json?: boolean }) => {
    process.exitCode = await runsShowCommand(id, options, io);
  });

program
  .command('migrate')
  .description('Apply pending database migrations (PostgreSQL with DATABASE_URL, else the embedded database)')
  .action(async () => {
    process.exitCode = await migrateCommand(io);
  });

program
  .command('start')
  .description('Run the service: API, worker and dashboard (one process by default)')
  .option('--role <role>', 'all, api or worker', 'all')
  .action(async (options: { role: string }) => {
    process.exitCode = await startCommand(options, io);
  });

registerAccountCommands(program, io);

program
  .command('check-secrets')
  .description('Report each connector setting (present, missing, invalid; secrets redacted) and probe each configured system with one read')
  .option('--json', 'print one JSON object')
  .option('--strict', 'also fail when a system is not configured (the demo workspace would stand in)')
  .action(async (options: { json?: boolean; strict?: boolean }) => {
    process.exitCode = await checkSecretsCommand(options, io);
  });

program
  .command('auth')
  .description('Connect an account')
  .command('google')
  .description('Connect the seller\'s Google account: prints the consent URL, takes the code, stores the refresh token encrypted')
  .option('--code <code>', 'the authorization code (or the whole redirect URL); read from stdin when absent')
  .option('--redirect-uri <uri>', 'the redirect URI registered on the OAuth client', DEFAULT_REDIRECT_URI)
  .action(async (options: { code?: string; redirectUri?: string }) => {
    process.exitCode = await authGoogleCommand(options, io);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
