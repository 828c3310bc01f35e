import type { Command } from 'commander';
import type { Config } from '../config.js';
import { importFile, isImportKind } from '../import/import-table.js';
import { Store } from '../store/store.js';
import { CliError } from './errors.js';
import { systemClock } from '../runtime/clock.js';

export function registerImport(program: Command, config: Config): void {
  program
    .command('import')
    .description('import the office\'s records from a UTF-8 CSV or an .xlsx file: residents, staff or arrears')
    .argument('<kind>', 'residents | staff | arrears')
    .argument('<file>', '.csv (UTF-8) or .xlsx (first sheet) with a header row (see README for the columns)')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action(async (kind: string, file: string, options: { db: string }) => {
      if (!isImportKind(kind)) throw new CliError(`unknown import kind "${kind}": use residents, staff or arrears`);
      const store = Store.open(options.db);
      try {
        const s = await importFile(store, kind, file, 'cli', systemClock.now());
        process.stdout.write(`imported ${s.rows} ${kind} rows from ${file}: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged\n`);
      } finally {
        store.close();
      }
    });
}
