import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The repository's `data/` folder, wherever the command is run from and whether this code runs
 * from `src/` or from the bundle in `dist/`: the nearest folder above with a package.json and a
 * `data/` beside it.
 */
function findDataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'data')))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('data/ folder not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return path.join(dir, 'data') + path.sep;
}

export const DATA_DIR = findDataDir();

export function dataPath(...parts: string[]): string {
  return path.join(DATA_DIR, ...parts);
}
