import type { Command } from 'commander';
import type { Config } from '../config.js';
import { CliError } from './errors.js';

export function registerRemind(program: Command, config: Config): void {
  program
    .command('remind')
    .description("send the arrears reminder campaign (queued; the running bot sends at the governor's pace)")
    .argument('<what>', 'arrears')
    .option('--min-amount <yuan>', 'leave units owing less than this', '0')
    .option('--building <b>', 'only this building')
    .option('--dry-run', 'print who would get what, and the counts; send nothing')
    .option('--cap <duration>', 'skip residents reminded within this long', '7d')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .option('--now <iso>', 'plan as of this time (default: now)')
    .action(
      async (
        what: string,
        options: { minAmount: string; building?: string; dryRun?: boolean; cap: string; db: string; now?: string },
      ) => {
        if (what !== 'arrears') throw new CliError(`unknown reminder "${what}": use arrears`);
        // Loaded when the command runs: `wuye --help` and the other commands do not pay for them.
        const [
          { ArrearsCampaign },
          { formatYuan, yuanToFen },
          { PhraseCatalog },
          { Outbound },
          { systemClock },
          { parseDuration, parseIso },
          { Store },
        ] = await Promise.all([
          import('../arrears/campaign.js'),
          import('../domain/money.js'),
          import('../phrases/catalog.js'),
          import('../runtime/outbound.js'),
          import('../domain/clock.js'),
          import('../domain/time.js'),
          import('../store/store.js'),
        ]);
        const minAmountFen = yuanToFen(options.minAmount);
        if (minAmountFen === undefined)
          throw new CliError(`--min-amount "${options.minAmount}" is not an amount in yuan like 100 or 268.50`);
        const at = options.now ? parseIso(options.now) : systemClock.now();
        const store = Store.open(options.db);
        try {
          const campaign = new ArrearsCampaign(store, new Outbound(store, PhraseCatalog.load(), {}));
          const plan = campaign.plan({
            minAmountFen,
            at,
            capMs: parseDuration(options.cap),
            ...(options.building && { building: options.building }),
          });
          if (options.dryRun) {
            for (const r of plan.reminders)
              process.stdout.write(`${r.wechatId}\t${r.unitId}\t${formatYuan(r.totalFen)}\t${r.items.length} items\n`);
            for (const s of plan.skipped)
              process.stdout.write(`skip\t${s.wechatId ?? '-'}\t${s.unitId}\t${s.reason}\n`);
          } else {
            campaign.run(plan, at);
          }
          const reasons = plan.skipped.reduce<Record<string, number>>(
            (acc, s) => ({ ...acc, [s.reason]: (acc[s.reason] ?? 0) + 1 }),
            {},
          );
          const skipped =
            Object.entries(reasons)
              .map(([reason, n]) => `${n} ${reason}`)
              .join(', ') || 'none';
          process.stdout.write(
            `${options.dryRun ? 'would remind' : 'queued reminders for'} ${plan.reminders.length} residents; ` +
              `skipped: ${skipped}\n`,
          );
        } finally {
          store.close();
        }
      },
    );
}
