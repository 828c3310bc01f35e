import { checkConfiguration } from '../check/configuration.js';
import { formatProblem, type Problem } from '../check/yaml-source.js';
import { checkLlmSettings, type LlmSettings } from '../nlu/llm/settings.js';
import type { Store } from '../store/store.js';

// Apart from src/cli/check.ts so that registering the commands (and `wuye --help`) loads none of it.

export const countProblems = (problems: Problem[]) => {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${errors} error(s), ${problems.length - errors} warning(s)`;
};

/** Every problem of the data files and, when given, of the language-model settings. */
export function configurationProblems(store: Store, db: string, llm?: LlmSettings): Problem[] {
  return [...checkConfiguration(store, db), ...(llm ? checkLlmSettings(llm) : [])];
}

/** One line per problem on stderr, as `wuye check` and `wuye start` both print them. */
export function report(problems: Problem[]): void {
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
}

/**
 * `wuye start`: warnings are printed and it goes on; an error stops it with the same lines.
 * @public `wuye start` loads it lazily (src/cli/start.ts).
 */
export function refuseOnErrors(store: Store, db: string, llm?: LlmSettings): void {
  const problems = configurationProblems(store, db, llm);
  report(problems);
  if (problems.some((p) => p.severity === 'error'))
    throw new Error(`${countProblems(problems)}: fix them, then start again (wuye check --db ${db})`);
}
