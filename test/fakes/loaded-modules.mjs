// `node --import ./test/fakes/loaded-modules.mjs …`: appends to $WUYE_LOADED_LOG every module the
// process loads, ES modules as the loader resolves them and CommonJS ones as they sit in require's
// cache at exit (a package required on demand goes through require only).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import process from 'node:process';

const log = process.env.WUYE_LOADED_LOG;
register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
      return resolved;
    }`)}`,
);
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(log, Object.keys(require.cache).join('\n') + '\n'));
