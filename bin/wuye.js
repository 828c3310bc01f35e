#!/usr/bin/env node
// Runs the TypeScript sources directly, so `npx wuye` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv);
