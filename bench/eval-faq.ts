import { evaluateFaq, loadFaqEvaluationSet, type FaqEvaluation } from '../src/faq/evaluation.js';
import { FaqIndex } from '../src/faq/faq-index.js';
import { Understander } from '../src/nlu/understander.js';

/** `npm run eval:faq`: the knowledge base on held-out questions, at its threshold and around it. */
const set = loadFaqEvaluationSet('test/fixtures/faq-eval.zh-CN.yaml');
const understander = Understander.load();
const index = FaqIndex.load();
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
const line = (r: FaqEvaluation) =>
  `threshold ${r.threshold.toFixed(2)}: right ${pct(r.right.length, r.answerable)} of ${r.answerable} answerable, wrong ${r.wrong.length} (${pct(r.wrong.length, r.items)} of ${r.items}), missed ${r.missed.length}`;

const configured = evaluateFaq(set, understander, index);
console.log(
  `configured (data/faq.zh-CN.yaml) ${line(configured)}   (aim: wrong <= 3%; a question missed goes to staff, a wrong answer misleads)\n`,
);
console.log('sweep:');
for (let t = 0.1; t <= 0.501; t += 0.02) console.log(`  ${line(evaluateFaq(set, understander, index, t))}`);
for (const [title, outcomes] of [
  ['wrong', configured.wrong],
  ['missed', configured.missed],
] as const) {
  if (outcomes.length === 0) continue;
  console.log(`\n${title}:`);
  for (const o of outcomes)
    console.log(
      `  ${o.text}  — expected ${o.expected ?? 'no answer'}, got ${o.got ?? 'no answer'} (closest ${o.score.toFixed(3)})`,
    );
}
