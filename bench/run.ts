import { measureFloor, measurePipeline, type Figures } from './pipeline.js';

/** Benchmarks (not tests): figures with the floor they compare against, measured in the same run. */

const ROUNDS = 5;
const MESSAGES = 10_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 0);

async function main(): Promise<void> {
  await measurePipeline(2_000); // warm up the JIT and the file cache
  measureFloor(2_000);
  const pipeline: Figures[] = [];
  const floor: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    pipeline.push(await measurePipeline(MESSAGES));
    floor.push(measureFloor(MESSAGES));
  }
  const p = { rate: median(pipeline.map((f) => f.perSecond)), p50: median(pipeline.map((f) => f.p50Us)), p99: median(pipeline.map((f) => f.p99Us)) };
  const f = { rate: median(floor.map((x) => x.perSecond)), p50: median(floor.map((x) => x.p50Us)), p99: median(floor.map((x) => x.p99Us)) };
  const ratio = f.rate / p.rate;
  console.log(`pipeline (file DB, ${MESSAGES} msgs x ${ROUNDS} rounds, medians)`);
  console.log(`  whole pipeline : ${fmt(p.rate)} msg/s   p50 ${fmt(p.p50)} us   p99 ${fmt(p.p99)} us   (aim >= 5000 msg/s, p99 < 5000 us)`);
  console.log(`  floor          : ${fmt(f.rate)} msg/s   p50 ${fmt(f.p50)} us   p99 ${fmt(f.p99)} us   (1 bare SQLite commit + 1 bare XState transition)`);
  console.log(`  ratio          : ${ratio.toFixed(2)}x the floor's time per message (aim < 5)`);
  const met = p.rate >= 5000 && p.p99 < 5000 && ratio < 5;
  console.log(`  aims ${met ? 'met' : 'NOT met'}`);
}

await main();
