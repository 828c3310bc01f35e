import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from './data-path.js';
import { dataYamlFiles } from './data-file.js';

/**
 * Something made from a library's tables and the office's data (the segmenter's words, the traditional-character
 * table): made once by the build into dist/, under a name that says what it was made from, and made again in
 * memory whenever that file is not there (no build, or the data edited since). What is read is always what the
 * sources give now.
 */
export class BuiltFile {
  private readonly file: string;

  constructor(
    name: string,
    madeFrom: string[],
    private readonly make: () => string,
  ) {
    const key = createHash('sha1').update(madeFrom.join('\0')).digest('hex').slice(0, 16);
    this.file = path.join(DATA_DIR, '..', 'dist', `${name}-${key}`);
  }

  read(): string {
    return existsSync(this.file) ? readFileSync(this.file, 'utf8') : this.make();
  }

  /** The build step. */
  write(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, this.make());
  }
}

/** Every data file's text but those in `except`, in a stable order: what a built file made from them is keyed by. */
export const dataText = (except: readonly string[] = []): string =>
  dataYamlFiles()
    .filter((file) => !except.includes(path.basename(file)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
