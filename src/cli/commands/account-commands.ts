// Registers the account commands (`users add`, `api-keys create`) on the CLI program, so main.ts
// needs one line for them.
import type { Command } from 'commander';
import { apiKeysCreateCommand } from './api-keys-command.js';
import type { CommandIo } from './run-command.js';
import { readAllStdin, usersAddCommand } from './users-command.js';

export function registerAccountCommands(program: Command, io: CommandIo): void {
  const users = program.command('users').description('Dashboard accounts');
  users
    .command('add')
    .description('Create a dashboard account; prints a generated password once unless --password-stdin is given')
    .requiredOption('--email <email>', 'the sign-in email')
    .requiredOption('--role <role>', 'admin (everything, incl. settings and SEND), operator (drafts, retries) or viewer (read only)')
    .option('--password-stdin', 'read the password (at least 12 characters) from standard input')
    .action(async (options: { email: string; role: string; passwordStdin?: boolean }) => {
      process.exitCode = await usersAddCommand(options, io, process.env, readAllStdin);
    });

  const keys = program.command('api-keys').description('API keys for machine clients (Authorization: Bearer <key>)');
  keys
    .command('create')
    .description('Create an API key; it is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'what the key is for, e.g. "crm-sync"')
    .option('--role <role>', 'admin, operator or viewer', 'operator')
    .action(async (options: { name: string; role: string }) => {
      process.exitCode = await apiKeysCreateCommand(options, io, process.env);
    });
}
