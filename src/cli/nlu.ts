import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { Understander } from '../nlu/understander.js';
import { systemClock } from '../runtime/clock.js';
import { parseIso } from '../runtime/time.js';

export function registerNlu(program: Command): void {
  program
    .command('nlu')
    .description('understand resident text: one line in, one JSON object out {text, intent, confidence, slots}')
    .option('--now <iso>', 'reference time for relative times (default: now)')
    .action(async (options: { now?: string }) => {
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
