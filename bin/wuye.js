#!/usr/bin/env node
// Runs the build in dist/ (made by `npm install` through `prepare`, again by `npm run build`) while
// it is newer than every source it was built from; otherwise (no build, or sources edited since)
// the TypeScript sources through tsx: slower to start, the same command.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function built() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL('dist/inputs.json', root), 'utf8'));
    return inputs.every((file) => statSync(new URL(file, root)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

let runCli;
if (built()) ({ runCli } = await import('../dist/cli.js'));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli/main.ts'));
}
process.exitCode = await runCli(process.argv);
