import type { Command } from 'commander';
import type { Config } from '../config.js';

export function registerCheck(program: Command, config: Config): void {
  program
    .command('check')
    .description(
      'check every data file against the database: unknown staff, empty roles, unused levels and fee items, ' +
        'missing phrases',
    )
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action(async (options: { db: string }) => {
      // Loaded when the command runs: `wuye --help` and the other commands do not pay for it.
      const [{ Store }, { configurationProblems, countProblems, report }] = await Promise.all([
        import('../store/store.js'),
        import('./configuration-problems.js'),
      ]);
      // A path mistyped would otherwise become an empty database, reported as a community with no staff.
      const { existsSync } = await import('node:fs');
      if (options.db !== ':memory:' && !existsSync(options.db))
        throw new Error(`no database at ${options.db}: check the path (wuye start or wuye import creates one)`);
      const store = Store.open(options.db);
      try {
        const problems = configurationProblems(store, options.db, config.llm);
        report(problems);
        if (problems.length > 0) throw new Error(`${countProblems(problems)}: configuration not ready`);
        process.stdout.write('wuye: configuration ok\n');
      } finally {
        store.close();
      }
    });
}
