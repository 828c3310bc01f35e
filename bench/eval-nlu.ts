import { CLARIFY_BELOW } from '../flows/reception/reading.js';
import { parseArgs } from 'node:util';
import { INTENTS } from '../src/nlu/intent.js';
import { loadIntentData } from '../src/nlu/intent-data.js';
import { evaluate, loadEvaluationSet } from '../src/nlu/evaluation.js';
import { Understander } from '../src/nlu/understander.js';
import { EmergencyDetector } from '../src/nlu/emergency.js';
import type { Understanding } from '../src/nlu/intent.js';
import { createLogger } from '../src/log.js';
import { secondOpinionFor } from './understander-option.js';

/**
 * `npm run eval:nlu [-- --set FILE]`: accuracy on a labelled set (the tuned one by default; the
 * fresh held-out set is split in two: test/fixtures/nlu-holdout-guide.zh-CN.yaml, whose misses may
 * guide the training data, and nlu-holdout-untouched.zh-CN.yaml, which declares `scores_only`),
 * the confusion matrix, and every miss. `--understander offline|llm|fallback` (default offline): the
 * same report with a language model beside the offline reading (bench/understander-option.ts).
 */
const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: 'test/fixtures/nlu-eval.zh-CN.yaml' },
    understander: { type: 'string', default: 'offline' },
  },
});
const set = loadEvaluationSet(args.set);
const data = loadIntentData();
const offline = new Understander(data);
const { choice, factory } = await secondOpinionFor(args.understander);
let readings: Map<string, Understanding> | undefined;
if (factory) {
  // Each message asked once, before scoring (the model is asked outside the reading, as in the bot).
  const opinion = factory({
    clock: { now: () => set.now },
    log: createLogger(process.env.WUYE_LOG_LEVEL ?? 'warn'),
    notifyPaused: () => console.log('(the model failed three times in a row: paused, as the bot would be)'),
    emergencyKinds: new EmergencyDetector().kinds,
    clarifyBelow: CLARIFY_BELOW,
    staffTitles: Object.values(data.staff_titles).flat(),
  });
  readings = new Map();
  let asked = 0;
  let answered = 0;
  const began = performance.now();
  for (const { text } of set.messages) {
    const reading = offline.understand(text, set.now);
    const ask = opinion.wouldAsk(reading, false);
    const advice = await opinion.consult({ text, offline: reading, history: [], names: [], now: set.now });
    [asked, answered] = [asked + (ask ? 1 : 0), answered + (advice ? 1 : 0)];
    readings.set(
      text,
      opinion.decide(reading, advice, text, (span) => offline.understand(span, set.now).slots),
    );
  }
  const seconds = (performance.now() - began) / 1000;
  console.log(
    `understander: ${choice} — model asked for ${asked} of ${set.messages.length} messages, answered ${answered} (${seconds.toFixed(1)} s)`,
  );
} else console.log('understander: offline');
const result = evaluate(readings ? { understand: (text: string) => readings.get(text)! } : offline, set);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// The baseline the classifier was chosen over: the intent with the most keyword characters found.
let baselineRight = 0;
for (const m of set.messages) {
  let best = 'other';
  let score = 0;
  for (const intent of INTENTS) {
    const s = (data.intents[intent]?.keywords ?? []).reduce(
      (sum, k) => (m.text.toLowerCase().includes(k.toLowerCase()) ? sum + k.length : sum),
      0,
    );
    if (s > score) [best, score] = [intent, s];
  }
  if (best === m.intent) baselineRight += 1;
}

console.log(`set: ${args.set}\nmessages: ${result.messages}`);
console.log(
  `intent accuracy: ${pct(result.intentAccuracy)} (aim >= 92%); keyword-count baseline: ${pct(baselineRight / result.messages)}`,
);
console.log(`time accuracy:   ${pct(result.timeAccuracy)} of ${result.times} (aim >= 95%)`);
console.log(`unit accuracy:   ${pct(result.unitAccuracy)} of ${result.units}`);
if (set.scores_only) {
  console.log('\n(scores only: this set is kept untouched; its misses are not shown)');
  process.exit(0);
}
console.log('\nconfusion (rows expected, columns got):');
const short = INTENTS.map((i) => i.slice(0, 5));
console.log(`${''.padEnd(10)}${short.map((s) => s.padStart(6)).join('')}`);
for (const expected of INTENTS) {
  console.log(
    `${expected.padEnd(10)}${INTENTS.map((got) => String(result.confusion[expected][got] || '.').padStart(6)).join('')}`,
  );
}
for (const [title, misses] of [
  ['intent', result.intentMisses],
  ['time', result.timeMisses],
  ['unit', result.unitMisses],
] as const) {
  if (misses.length === 0) continue;
  console.log(`\n${title} misses:`);
  for (const m of misses) console.log(`  ${m.text}  — expected ${m.expected}, got ${m.got}`);
}
