import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BuiltFile } from '../domain/built-file.js';

/**
 * Traditional characters (Hong Kong, Taiwan, Macau: 師傅, 電閘, 單元) read as the simplified ones the office's data
 * is written in, one character for one, from opencc-js's traditional-to-simplified table. Its phrase and regional
 * variant tables are left out: they choose between words in writing (Taiwan's 么 is 幺), and understanding a message
 * needs only the character. Characters Cantonese writes on purpose (係, 𨋢, 搵) are kept as they are:
 * `keep_traditional` in data/variants.zh-CN.yaml.
 */
const TO_SIMPLIFIED = 'TSCharacters';

const require = createRequire(import.meta.url);
const tableFile = (name: string) => require.resolve(`opencc-js/dict/${name}`);

/**
 * Each table is an ES module whose default export is one string, "繁 简|…". It is read as text: these modules cannot
 * be required synchronously, and the table is wanted while a message is read.
 */
function readTable(name: string): Map<string, string> {
  const source = readFileSync(tableFile(name), 'utf8');
  const entries = JSON.parse(source.slice(source.indexOf('"'), source.lastIndexOf('"') + 1)) as string;
  const table = new Map<string, string>();
  for (const entry of entries.split('|')) {
    const [from, to] = entry.split(' ');
    // One-to-many entries (乾 → 干 乾) take opencc's first choice.
    if (from && to && [...from].length === 1 && !table.has(from)) table.set(from, [...to][0]!);
  }
  return table;
}

function makeTable(): string {
  const table: Record<string, string> = {};
  for (const [c, simple] of readTable(TO_SIMPLIFIED)) if (simple !== c) table[c] = simple;
  return JSON.stringify(table);
}

// Its package.json is not exported: it lies three folders above the tables (dist/esm-lib/dict/).
const version = () =>
  (
    JSON.parse(readFileSync(path.join(path.dirname(tableFile(TO_SIMPLIFIED)), '../../../package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

let characters: Map<string, string> | undefined;
const built = () => new BuiltFile('traditional', [version()], makeTable);

/** The build step. */
export const writeTraditionalTable = (): void => built().write();

/** Reads text written in traditional characters as simplified, leaving alone the ones the data keeps. */
export class Simplifier {
  private readonly keep: ReadonlySet<string>;

  constructor(keep: readonly string[]) {
    this.keep = new Set(keep);
    characters ??= new Map(Object.entries(JSON.parse(built().read()) as Record<string, string>));
  }

  /** The text with every traditional character replaced by its simplified one. */
  simplified(text: string): string {
    let out = '';
    for (const c of text) out += (!this.keep.has(c) && characters!.get(c)) || c;
    return out;
  }
}
