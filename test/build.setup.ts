import { execFileSync } from 'node:child_process';

/**
 * The command-line tests run bin/wuye.js, which runs the build in dist/ when it is up to date:
 * build it first, so that they test what `npm install` gives users, not a stale build.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
