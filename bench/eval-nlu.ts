import { parseArgs } from 'node:util';
import { INTENTS } from '../src/nlu/intent.js';
import { loadIntentData } from '../src/nlu/intent-data.js';
import { evaluate, loadEvaluationSet } from '../src/nlu/evaluation.js';
import { Understander } from '../src/nlu/understander.js';

/**
 * `npm run eval:nlu [-- --set FILE]`: accuracy on a labelled set (the tuned one by default; the
 * fresh held-out set is split in two: test/fixtures/nlu-holdout-guide.zh-CN.yaml, whose misses may
 * guide the training data, and nlu-holdout-untouched.zh-CN.yaml, which declares `scores_only`),
 * the confusion matrix, and every miss.
 */
const { values: args } = parseArgs({ options: { set: { type: 'string', default: 'test/fixtures/nlu-eval.zh-CN.yaml' } } });
const set = loadEvaluationSet(args.set);
const data = loadIntentData();
const result = evaluate(new Understander(data), set);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// The baseline the classifier was chosen over: the intent with the most keyword characters found.
let baselineRight = 0;
for (const m of set.messages) {
  let best = 'other';
  let score = 0;
  for (const intent of INTENTS) {
    const s = (data.intents[intent]?.keywords ?? []).reduce((sum, k) => (m.text.toLowerCase().includes(k.toLowerCase()) ? sum + k.length : sum), 0);
    if (s > score) [best, score] = [intent, s];
  }
  if (best === m.intent) baselineRight += 1;
}

console.log(`set: ${args.set}\nmessages: ${result.messages}`);
console.log(`intent accuracy: ${pct(result.intentAccuracy)} (aim >= 92%); keyword-count baseline: ${pct(baselineRight / result.messages)}`);
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
  console.log(`${expected.padEnd(10)}${INTENTS.map((got) => String(result.confusion[expected][got] || '.').padStart(6)).join('')}`);
}
for (const [title, misses] of [['intent', result.intentMisses], ['time', result.timeMisses], ['unit', result.unitMisses]] as const) {
  if (misses.length === 0) continue;
  console.log(`\n${title} misses:`);
  for (const m of misses) console.log(`  ${m.text}  — expected ${m.expected}, got ${m.got}`);
}
