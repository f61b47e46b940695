// The `sales-agent` command line: the composition root for every entry point.
import { Command, CommanderError } from 'commander';
import { runCommand } from './commands/run-command.js';
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
  .action(async (leadPath: string, options: { workspace?: string; json?: boolean; now?: string }) => {
    process.exitCode = await runCommand(leadPath, options, io);
  });

program
  .command('start')
  .description('Run the service: API, worker and dashboard (one process by default)')
  .option('--role <role>', 'all, api or worker', 'all')
  .action(async (options: { role: string }) => {
    process.exitCode = await startCommand(options, io);
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
