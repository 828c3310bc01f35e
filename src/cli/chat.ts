import type { Command } from 'commander';
import { ConsoleTransport, runConsole } from '../adapters/console.js';
import { JsonLines, JsonlTransport, runJsonl } from '../adapters/jsonl.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { createApp, settingsFrom } from '../main.js';
import { ManualClock, OffsetClock } from '../runtime/clock.js';
import { parseIso } from '../runtime/time.js';
import { Store } from '../store/store.js';
import { seedSampleIfEmpty } from './seed.js';

export function registerChat(program: Command, config: Config): void {
  program
    .command('chat')
    .description('talk to the bot: interactively in the terminal, or as JSON lines with --jsonl')
    .option('--jsonl', 'read JSON lines on stdin, write one JSON line per message the bot sends')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .option('--now <iso>', 'start the simulated clock here (default: real time)')
    .option('--as <wechatId>', 'console: who you speak as (env WUYE_CONSOLE_AS)', config.consoleAs)
    .option('--no-seed', 'do not fill an empty database with the sample community')
    .action(async (options: { jsonl?: boolean; db: string; now?: string; as: string; seed: boolean }) => {
      const start = options.now === undefined ? undefined : parseIso(options.now);
      const clock = start === undefined ? new OffsetClock() : new ManualClock(start);
      const store = Store.open(options.db);
      const log = createLogger(config.logLevel);
      try {
        if (options.seed && config.seedSample && seedSampleIfEmpty(store, clock.now())) {
          process.stderr.write(`wuye: created ${options.db} with the sample community (data/sample/)\n`);
        }
        // Replies and sync answers share one ordered, batched output.
        const lines = new JsonLines(process.stdout);
        const transport = options.jsonl ? new JsonlTransport(lines) : new ConsoleTransport(process.stdout);
        const app = createApp({ store, clock, transport, log, ...settingsFrom(config) });
        // Whatever a crash left half done is finished before anything new is read.
        await app.bot.recover();
        await app.tick();
        if (options.jsonl) await runJsonl(app, process.stdin, lines, process.stderr);
        else await runConsole(app, options.as, process.stdin, process.stdout);
      } finally {
        store.close();
      }
    });
}
