#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { VERSION } from '../server/app.js';
import { UserInputError } from '../users/user-service.js';
import { registerCallCommands } from './commands/calls.js';
import { registerContactCommands } from './commands/contacts.js';
import { registerNumberCommands } from './commands/numbers.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSimulateCommands } from './commands/simulate.js';
import { registerSourceCommands } from './commands/sources.js';
import { registerUserCommands } from './commands/users.js';
import { registerWatchCommand } from './commands/watch.js';
import { CliError, type GlobalOptions } from './context.js';

const program = new Command('switchboard')
  .description('Switchboard: call popups, caller identification and the call log for your phone system')
  .version(VERSION)
  .option('-c, --config <file>', 'configuration file (default: ./switchboard.json when present, or SWITCHBOARD_CONFIG)')
  .showHelpAfterError()
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();
registerServeCommand(program, globals);
registerUserCommands(program, globals);
registerSourceCommands(program, globals);
registerContactCommands(program, globals);
registerCallCommands(program, globals);
registerNumberCommands(program, globals);
registerSimulateCommands(program, globals);
registerWatchCommand(program, globals);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof CliError || error instanceof ConfigError || error instanceof UserInputError) {
    process.stderr.write(`switchboard: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`switchboard: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
