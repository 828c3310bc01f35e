import { crashRun, freshDb, outcome, run, script, seeded } from '../test/reliability/crash-harness.js';

/**
 * The long form of the crash harness (`npm run soak`): a longer stream, many SIGKILLs at random
 * points, the outcome compared with a clean run. Prints its figures; exits non-zero on a difference.
 */
const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 8);
const KILLS = Number(process.env.SOAK_KILLS ?? 30);
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);

const lines = script(ROUNDS);
const clean = freshDb('soak-clean');
const started = performance.now();
const reference = await run(clean, lines);
const crashed = freshDb('soak-crashed');
const { sent, runs } = await crashRun(crashed, lines, KILLS, seeded(SEED));
const seconds = (performance.now() - started) / 1000;
const want = outcome(clean);
const got = outcome(crashed);
const same = (k: keyof typeof want) => JSON.stringify(want[k]) === JSON.stringify(got[k]);
const checks = {
  'integrity_check ok': got.integrity === 'ok',
  'inbound processed exactly once': same('inbound'),
  'outbox rows identical (each reply once, in order)': same('outbox'),
  'commitments identical': same('commitments'),
  'tickets identical': same('tickets'),
  'conversations at the same place': same('conversations'),
};
console.log(`soak: seed ${SEED}, ${lines.length} lines x ${runs} runs (${KILLS} SIGKILLs), ${seconds.toFixed(1)} s`);
console.log(
  `  sends in a clean run: ${reference.sent.length}; lines written across all runs: ${sent.length}; repeated at a kill: ${sent.length - reference.sent.length}`,
);
for (const [name, ok] of Object.entries(checks)) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
