#!/usr/bin/env node
// The build `npm install` runs (`prepare`), and `npm run build` after an edit: the `wuye` command
// compiled ahead of time into dist/ instead of at every start, each command's dependencies in
// chunks of their own (loaded when the command runs), and the intent classifier trained into
// dist/intent-model.json. bin/wuye.js runs dist/ while it is newer than every source it was built
// from, and the TypeScript sources through tsx otherwise.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const builtAt = Date.now();

rmSync(dist, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', 'build-data': 'scripts/build-data.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons, files read beside their code, and what is large and loaded only by one command.
  external: [
    'better-sqlite3',
    '@node-rs/jieba',
    'pino',
    'yaml',
    'exceljs',
    'wechaty',
    'wechaty-puppet-*',
    'file-box',
    'qrcode-terminal',
  ],
  // Bundled CommonJS packages call require().
  banner: {
    js: "import { createRequire as __wuyeRequire } from 'node:module'; const require = __wuyeRequire(import.meta.url);",
  },
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
});

const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
await import(pathToFileURL(path.join(dist, 'build-data.js')).href);
// Written last: a build cut short leaves no stamp, and the sources are run instead.
writeFileSync(path.join(dist, 'inputs.json'), JSON.stringify({ builtAt, inputs }));
