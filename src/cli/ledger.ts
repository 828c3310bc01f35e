import type { Command } from 'commander';
import type { Config } from '../config.js';
import type { KeptFigures, LedgerEntry } from '../report/ledger-report.js';
import { table } from './table.js';

/** Loaded when a command runs: `wuye --help` and the other commands do not pay for them. */
const load = () =>
  Promise.all([
    import('../report/ledger-report.js'),
    import('../domain/clock.js'),
    import('../domain/time.js'),
    import('../store/store.js'),
  ]).then(([report, clock, time, store]) => ({ ...report, ...clock, ...time, ...store }));

export function registerLedger(program: Command, config: Config): void {
  program
    .command('ledger')
    .description('the commitments ledger: every promise, overdue first')
    .option('--json', 'print a JSON array (DESIGN §3 fields)')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .option('--now <iso>', 'judge overdue at this time (default: now)')
    .action(async (options: { json?: boolean; db: string; now?: string }) => {
      const { ledgerEntries, systemClock, parseIso, Store } = await load();
      const now = options.now ? parseIso(options.now) : systemClock.now();
      const store = Store.open(options.db);
      try {
        const entries = ledgerEntries(store, now);
        process.stdout.write(options.json ? `${JSON.stringify(entries, null, 2)}\n` : ledgerTable(entries));
      } finally {
        store.close();
      }
    });

  program
    .command('report')
    .description('promises kept on time: overall, by kind, by staff member and by week')
    .option('--json', 'print the figures as JSON')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action(async (options: { json?: boolean; db: string }) => {
      const { promiseReport, Store } = await load();
      const store = Store.open(options.db);
      try {
        const report = promiseReport(store);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const section = (title: string, rows: Record<string, KeptFigures>) =>
          `${title}\n${table(
            ['', 'kept on time', 'kept', 'broken'],
            Object.entries(rows).map(([name, f]) => [name, percent(f), String(f.kept), String(f.broken)]),
          )}`;
        process.stdout.write(
          [
            `Promises kept on time: ${percent(report.overall)} (${report.overall.kept} kept, ` +
              `${report.overall.broken} broken, ${report.open} still open)`,
            `Complaints finished: ${report.complaints.satisfied} satisfied, ${report.complaints.notSatisfied} not ` +
              `satisfied, ${report.complaints.resolvedUnconfirmed} closed without an answer ` +
              `(resolved-unconfirmed)\n`,
            section('By kind', report.byKind),
            section('By staff member', report.byStaff),
            section('By week due', report.byWeek),
            `Praise from residents\n${table(
              ['', 'times praised'],
              Object.entries(report.praise).map(([name, n]) => [name, String(n)]),
            )}`,
          ].join('\n'),
        );
      } finally {
        store.close();
      }
    });
}

const percent = (f: KeptFigures) => (f.keptPercent === null ? '-' : `${f.keptPercent}%`);

function ledgerTable(entries: LedgerEntry[]): string {
  if (entries.length === 0) return 'No commitments yet.\n';
  return table(
    ['', 'due', 'status', 'kind', 'party', 'ticket', 'unit', 'owner', 'summary'],
    entries.map((e) => [
      e.overdue || e.status === 'broken' ? '!' : '',
      e.dueAt.slice(0, 16).replace('T', ' '),
      e.status,
      e.kind,
      e.party,
      e.ticket ?? '-',
      e.unit ?? '-',
      e.ownerName ?? '-',
      e.summary.length > 30 ? `${e.summary.slice(0, 30)}…` : e.summary,
    ]),
  );
}
