import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's `data/` folder, wherever the command is run from. */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

export function dataPath(...parts: string[]): string {
  return path.join(DATA_DIR, ...parts);
}
