import { chmodSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { CliError } from './errors.js';

/** Back to the import formats of DESIGN §3, so an export can be edited and imported again. */
export function registerExport(program: Command, config: Config): void {
  program
    .command('export')
    .description('write residents or unpaid arrears as UTF-8 CSV in the import format')
    .argument('<kind>', 'residents | arrears')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (kind: string, options: { db: string; out?: string }) => {
      if (kind !== 'residents' && kind !== 'arrears')
        throw new CliError(`unknown export kind "${kind}": use residents or arrears`);
      // Loaded when the command runs: `wuye --help` and the other commands do not pay for them.
      const [{ stringify }, { formatYuan }, { Store }, { PRIVATE_FILE }] = await Promise.all([
        import('csv-stringify/sync'),
        import('../domain/money.js'),
        import('../store/store.js'),
        import('../store/db.js'),
      ]);
      const store = Store.open(options.db);
      try {
        const csv =
          kind === 'residents'
            ? stringify(
                store.community.allResidents().map((r) => [r.id, r.name, r.phone, r.unitId, r.wechatId ?? '']),
                {
                  header: true,
                  columns: ['id', 'name', 'phone', 'unit', 'wechat_id'],
                },
              )
            : stringify(
                store.community.allOpenArrears().map((a) => [a.unitId, a.item, a.period, formatYuan(a.amountFen)]),
                {
                  header: true,
                  columns: ['unit', 'item', 'period', 'amount'],
                },
              );
        if (options.out) {
          // Residents' phones and debts: readable by this user only, also when the file was there before.
          writeFileSync(options.out, csv, { mode: PRIVATE_FILE });
          chmodSync(options.out, PRIVATE_FILE);
        } else process.stdout.write(csv);
      } finally {
        store.close();
      }
    });
}
