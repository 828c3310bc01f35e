import { createInterface } from 'node:readline';
import type { Command } from 'commander';

export function registerNlu(program: Command): void {
  program
    .command('nlu')
    .description('understand resident text: one line in, one JSON object out {text, intent, confidence, slots}')
    .option('--now <iso>', 'reference time for relative times (default: now)')
    .action(async (options: { now?: string }) => {
      // Loaded when the command runs: `wuye --help` and the other commands do not pay for them.
      const [{ Understander }, { systemClock }, { parseIso }] = await Promise.all([
        import('../nlu/understander.js'),
        import('../domain/clock.js'),
        import('../domain/time.js'),
      ]);
      const now = options.now ? parseIso(options.now) : systemClock.now();
      const understander = Understander.load();
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        const text = line.trim();
        if (text === '') continue;
        const { intent, confidence, slots } = understander.understand(text, now);
        process.stdout.write(`${JSON.stringify({ text, intent, confidence, slots })}\n`);
      }
    });
}
