import { measureDormant } from './load.js';

// Run in a process of its own (bench/run.ts spawns it): the RSS is the bot's, not the other benchmarks'.
const result = await measureDormant(Number(process.argv[2] ?? 100_000));
process.stdout.write(JSON.stringify(result));
