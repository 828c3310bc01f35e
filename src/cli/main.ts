import { Command, CommanderError } from 'commander';
import { loadConfig, loadDotEnv } from '../config.js';
import { registerChat } from './chat.js';
import { registerImport } from './import.js';
import { registerExport } from './export.js';
import { registerLedger } from './ledger.js';
import { registerNlu } from './nlu.js';
import { registerRemind } from './remind.js';
import { registerBroadcast } from './broadcast.js';
import { registerStart } from './start.js';
import { registerStaff } from './staff.js';
import { registerCheck } from './check.js';

export function buildProgram(): Command {
  const program = new Command('wuye')
    .description('wuye-bot: the property-management office service assistant')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const config = loadConfig();
  registerStart(program, config);
  registerStaff(program, config);
  registerChat(program, config);
  registerImport(program, config);
  registerExport(program, config);
  registerLedger(program, config);
  registerNlu(program);
  registerRemind(program, config);
  registerBroadcast(program, config);
  registerCheck(program, config);
  return program;
}

/** Runs the `wuye` command line; returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  // Whatever the bot writes (the database, exports, residents' photos, Wechaty's login session in
  // its memory card, logs redirected to a file) is for its own user: files 0600, directories 0700.
  process.umask(0o077);
  try {
    loadDotEnv();
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`wuye: ${(error as Error).message}\n`);
    return 1;
  }
}
