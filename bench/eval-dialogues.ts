import { parseArgs } from 'node:util';
import { loadDialogues, type Dialogue } from '../test/eval/dialogue-schema.js';
import { DialogueRunner, type DialogueResult } from '../test/eval/dialogue-runner.js';
import { formatMisses, formatScores, formatTranscript, handled, scores } from '../test/eval/report.js';
import { Vocabulary } from '../test/eval/vocabulary.js';
import { secondOpinionFor } from './understander-option.js';

/**
 * `npm run eval:dialogues`: the share of the tuning dialogues the bot handles, by category, with
 * every miss. `--holdout` adds the set kept aside, as scores only (its misses stay unseen unless
 * `--show-holdout-misses`), so whoever tunes the bot never tunes to it; `--holdout-2` to `--holdout-15`
 * the sets aside written later, each played once at the end of a round, scores only. `--id X` plays one
 * dialogue with its transcript; `--category C` only that category. An evaluation, not a test:
 * it always exits 0. `--understander offline|llm|fallback` (default offline) plays them with a
 * language model beside the offline reading (bench/understander-option.ts): the same report for each.
 */
const { values: args } = parseArgs({
  options: {
    holdout: { type: 'boolean', default: false },
    'holdout-2': { type: 'boolean', default: false },
    'holdout-3': { type: 'boolean', default: false },
    'holdout-4': { type: 'boolean', default: false },
    'holdout-5': { type: 'boolean', default: false },
    'holdout-6': { type: 'boolean', default: false },
    'holdout-7': { type: 'boolean', default: false },
    'holdout-8': { type: 'boolean', default: false },
    'holdout-9': { type: 'boolean', default: false },
    'holdout-10': { type: 'boolean', default: false },
    'holdout-11': { type: 'boolean', default: false },
    'holdout-12': { type: 'boolean', default: false },
    'holdout-13': { type: 'boolean', default: false },
    'holdout-14': { type: 'boolean', default: false },
    'holdout-15': { type: 'boolean', default: false },
    'show-holdout-misses': { type: 'boolean', default: false },
    id: { type: 'string' },
    category: { type: 'string' },
    understander: { type: 'string', default: 'offline' },
  },
});

const DIR = 'test/fixtures/dialogues';
const understander = await secondOpinionFor(args.understander);
const runner = new DialogueRunner(Vocabulary.load(), understander.factory);
console.log(`understander: ${understander.choice}`);

async function playAll(dialogues: Dialogue[]): Promise<DialogueResult[]> {
  const results: DialogueResult[] = [];
  for (const d of dialogues) results.push(await runner.run(d));
  return results;
}

const LATER_SETS = [
  'holdout-2',
  'holdout-3',
  'holdout-4',
  'holdout-5',
  'holdout-6',
  'holdout-7',
  'holdout-8',
  'holdout-9',
  'holdout-10',
  'holdout-11',
  'holdout-12',
  'holdout-13',
  'holdout-14',
  'holdout-15',
] as const;

function load(set: 'tuning' | 'holdout' | (typeof LATER_SETS)[number]) {
  const { dialogues, malformed } = loadDialogues(`${DIR}/${set}`);
  return { dialogues: dialogues.filter((d) => !args.category || d.category === args.category), malformed };
}

const began = performance.now();
if (args.id) {
  const all = [
    ...load('tuning').dialogues,
    ...(args.holdout ? load('holdout').dialogues : []),
    ...LATER_SETS.flatMap((set) => (args[set] ? load(set).dialogues : [])),
  ];
  const dialogue = all.find((d) => d.id === args.id);
  console.log(
    dialogue
      ? formatTranscript(await runner.run(dialogue))
      : `no dialogue ${args.id} in the tuning set${args.holdout ? ' or the holdout' : ' (add --holdout to look there too)'}`,
  );
} else {
  const tuning = load('tuning');
  const results = await playAll(tuning.dialogues);
  for (const r of results) if (!handled(r)) console.log(`${formatMisses(r)}\n`);
  for (const m of tuning.malformed) console.log(`MALFORMED ${m.file} ${m.id}: ${m.problems.join('; ')}`);
  console.log(formatScores('\nTUNING set — share of dialogues handled', scores(results)));
  report(results, tuning.malformed.length);
  if (args.holdout) {
    const holdout = load('holdout');
    const held = await playAll(holdout.dialogues);
    if (args['show-holdout-misses']) for (const r of held) if (!handled(r)) console.log(`\n${formatMisses(r)}`);
    console.log(formatScores('\nHOLDOUT set — share of dialogues handled (misses not shown)', scores(held)));
    report(held, holdout.malformed.length);
  }
  for (const set of LATER_SETS) {
    if (!args[set]) continue;
    // A set aside written after the earlier ones had been read: played once, at the end of a round.
    const fresh = load(set);
    const held = await playAll(fresh.dialogues);
    if (args['show-holdout-misses']) for (const r of held) if (!handled(r)) console.log(`\n${formatMisses(r)}`);
    console.log(
      formatScores(`\n${set.toUpperCase()} set — share of dialogues handled (misses not shown)`, scores(held)),
    );
    report(held, fresh.malformed.length);
  }
}
console.log(`\n(${((performance.now() - began) / 1000).toFixed(1)} s)`);

function report(results: DialogueResult[], malformedFiles: number): void {
  const harness = results.filter((r) => r.harnessError).length;
  const malformed = results.filter((r) => r.malformed).length + malformedFiles;
  console.log(`  harness errors: ${harness} (counted as not handled) · malformed dialogues: ${malformed} (left out)`);
}
