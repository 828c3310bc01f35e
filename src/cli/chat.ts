import type { Command } from 'commander';
import type { Config } from '../config.js';

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
      // Loaded when the command runs: `wuye --help` and the other commands do not pay for them.
      const [
        { ConsoleTransport },
        { JsonLines, JsonlTransport },
        { createLogger },
        { appFromConfig },
        { ManualClock, OffsetClock },
        { parseIso },
        { Store },
        { seedSampleIfEmpty },
      ] = await Promise.all([
        import('../adapters/console.js'),
        import('../adapters/jsonl.js'),
        import('../log.js'),
        import('./app-from-config.js'),
        import('../domain/clock.js'),
        import('../domain/time.js'),
        import('../store/store.js'),
        import('./seed.js'),
      ]);
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
        const transport = options.jsonl
          ? new JsonlTransport(lines, { input: process.stdin, err: process.stderr })
          : new ConsoleTransport(process.stdout, { input: process.stdin, speaker: options.as });
        const app = await appFromConfig(config, { store, clock, transport, log });
        // Both read their own input until it ends.
        await transport.start(app.sink);
      } finally {
        store.close();
      }
    });
}
