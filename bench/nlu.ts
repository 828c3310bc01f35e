import { loadEvaluationSet } from '../src/nlu/evaluation.js';
import { Understander } from '../src/nlu/understander.js';
import { features } from '../src/nlu/tokens.js';

/** Start-up cost and per-message time of understanding, over the evaluation set's messages. */
export function measureUnderstanding(rounds: number) {
  const t0 = performance.now();
  const set = loadEvaluationSet('test/fixtures/nlu-eval.zh-CN.yaml');
  const understander = Understander.load(); // the model trained at build time (or training, when stale)
  understander.understand('你好', set.now); // jieba's dictionary, loaded at the first message
  const loadMs = performance.now() - t0;
  const samples: number[] = [];
  const floor: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of set.messages) {
      const a = performance.now();
      understander.understand(m.text, set.now);
      samples.push(performance.now() - a);
      const b = performance.now();
      features(m.text);
      floor.push(performance.now() - b);
    }
  }
  const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.floor(p * xs.length)]! * 1000;
  return {
    loadMs,
    p50Us: q(samples, 0.5),
    p99Us: q(samples, 0.99),
    floorP50Us: q(floor, 0.5),
    messages: samples.length,
  };
}
