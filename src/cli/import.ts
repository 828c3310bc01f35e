import type { Command } from 'commander';
import type { Config } from '../config.js';
import { CliError } from './errors.js';

export function registerImport(program: Command, config: Config): void {
  program
    .command('import')
    .description("import the office's records from a UTF-8 CSV or an .xlsx file: residents, staff or arrears")
    .argument('<kind>', 'residents | staff | arrears')
    .argument('<file>', '.csv (UTF-8) or .xlsx (first sheet) with a header row (see README for the columns)')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action(async (kind: string, file: string, options: { db: string }) => {
      // Loaded when the command runs: `wuye --help` and the other commands do not pay for them.
      const [{ importFile, isImportKind }, { Store }, { systemClock }, { Receipts }, { Outbound }, { PhraseCatalog }] =
        await Promise.all([
          import('../import/import-table.js'),
          import('../store/store.js'),
          import('../domain/clock.js'),
          import('../arrears/receipts.js'),
          import('../runtime/outbound.js'),
          import('../phrases/catalog.js'),
        ]);
      if (!isImportKind(kind)) throw new CliError(`unknown import kind "${kind}": use residents, staff or arrears`);
      const store = Store.open(options.db);
      try {
        const at = systemClock.now();
        const receipts = new Receipts(store, new Outbound(store, PhraseCatalog.load(), {}));
        const s = await importFile(store, kind, file, 'cli', at, (unitId, items) =>
          receipts.paid(unitId, items, 'cli', at),
        );
        const paid = s.paid > 0 ? `, ${s.paid} paid (receipts queued)` : '';
        process.stdout.write(
          `imported ${s.rows} ${kind} rows from ${file}: ${s.added} added, ${s.updated} updated, ${s.unchanged} ` +
            `unchanged${paid}\n`,
        );
        // Imported all the same (the residents' file may come next), but said: nobody can be told of these bills.
        if (s.unitsWithoutResidents)
          process.stderr.write(
            `warning: no resident on record for ${s.unitsWithoutResidents.length} billed unit(s), ` +
              `import the residents' file or check the unit: ${s.unitsWithoutResidents.join(', ')}\n`,
          );
        // A re-import adds and updates, it removes nobody: who is missing is said, with how to record that they left.
        if (s.staffNotInFile)
          process.stderr.write(
            `note: ${s.staffNotInFile.length} staff member(s) on record are not in this file and still receive ` +
              `residents' matters: ${s.staffNotInFile.map((m) => `${m.id} ${m.name}`).join(', ')}; ` +
              `if they left: wuye staff leave <id>\n`,
          );
      } finally {
        store.close();
      }
    });
}
