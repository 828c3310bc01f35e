import type { Command } from 'commander';
import type { Config } from '../config.js';
import { checkConfiguration } from '../check/configuration.js';
import { formatProblem, type Problem } from '../check/yaml-source.js';
import { Store } from '../store/store.js';
import { checkLlmSettings, type LlmSettings } from '../nlu/llm/settings.js';

export function registerCheck(program: Command, config: Config): void {
  program
    .command('check')
    .description(
      'check every data file against the database: unknown staff, empty roles, unused levels and fee items, ' +
        'missing phrases',
    )
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action((options: { db: string }) => {
      const store = Store.open(options.db);
      try {
        const problems = [...checkConfiguration(store, options.db), ...checkLlmSettings(config.llm)];
        report(problems);
        if (problems.length > 0) throw new Error(`${count(problems)}: configuration not ready`);
        process.stdout.write('wuye: configuration ok\n');
      } finally {
        store.close();
      }
    });
}

const count = (problems: Problem[]) => {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${errors} error(s), ${problems.length - errors} warning(s)`;
};

/**
 * One line per problem on stderr, as `wuye check` and `wuye start` both print them.
 * @public `wuye start` loads it lazily (src/cli/start.ts).
 */
export function report(problems: Problem[]): void {
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
}

/**
 * `wuye start`: warnings are printed and it goes on; an error stops it with the same lines.
 * @public `wuye start` loads it lazily (src/cli/start.ts).
 */
export function refuseOnErrors(store: Store, db: string, llm?: LlmSettings): void {
  const problems = [...checkConfiguration(store, db), ...(llm ? checkLlmSettings(llm) : [])];
  report(problems);
  if (problems.some((p) => p.severity === 'error'))
    throw new Error(`${count(problems)}: fix them, then start again (wuye check --db ${db})`);
}
