import { parseArgs } from 'node:util';
import { EMERGENCY_KINDS } from '../test/eval/dialogue-schema.js';
import { loadEmergencySet, playEmergencySet, tallyByKind, type Tally } from '../test/eval/emergency-set.js';
import { formatMisses } from '../test/eval/report.js';

/**
 * `npm run eval:emergencies [-- --set FILE]`: single messages labelled with the emergency they tell, or
 * `none` for a look-alike, played through the whole bot (test/eval/emergency-set.ts). Prints recall by
 * kind, the look-alikes left alone, and every miss unless the set is `scores_only`. An evaluation, not a
 * test: it always exits 0.
 */
const { values: args } = parseArgs({
  options: { set: { type: 'string', default: 'test/fixtures/emergency-study.zh-CN.yaml' } },
});
const set = loadEmergencySet(args.set);
const results = await playEmergencySet(set, args.set);
if (!set.scores_only)
  for (const r of results) if (!r.handled) console.log(`[${r.kind}] ${r.text}\n${formatMisses(r.result)}\n`);
const byKind = tallyByKind(results);
const pct = (t: Tally) => `${((100 * t.right) / Math.max(1, t.all)).toFixed(1)}% (${t.right}/${t.all})`;
const total = EMERGENCY_KINDS.map((k) => byKind.get(k) ?? { right: 0, all: 0 }).reduce(
  (a, t) => ({ right: a.right + t.right, all: a.all + t.all }),
  { right: 0, all: 0 },
);
console.log(`set: ${args.set}${set.scores_only ? ' (scores only: misses not shown)' : ''}`);
console.log(`emergencies recognised and handled: ${pct(total)}`);
for (const kind of EMERGENCY_KINDS) if (byKind.has(kind)) console.log(`  ${kind.padEnd(9)} ${pct(byKind.get(kind)!)}`);
if (byKind.has('none')) console.log(`look-alikes left alone: ${pct(byKind.get('none')!)}`);
