import type { Command } from 'commander';
import type { Config } from '../config.js';
import { importCsvFile, isImportKind } from '../import/csv-import.js';
import { Store } from '../store/store.js';
import { CliError } from './errors.js';
import { systemClock } from '../runtime/clock.js';

export function registerImport(program: Command, config: Config): void {
  program
    .command('import')
    .description('import the office\'s records from a UTF-8 CSV file: residents, staff or arrears')
    .argument('<kind>', 'residents | staff | arrears')
    .argument('<file>', 'CSV file with a header row (see README for the columns)')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action((kind: string, file: string, options: { db: string }) => {
      if (!isImportKind(kind)) throw new CliError(`unknown import kind "${kind}": use residents, staff or arrears`);
      const store = Store.open(options.db);
      try {
        const summary = importCsvFile(store, kind, file, 'cli', systemClock.now());
        process.stdout.write(`imported ${summary.rows} ${kind} rows from ${file}: ${summary.added} added, ${summary.updated} updated\n`);
      } finally {
        store.close();
      }
    });
}
