import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Any string or template literal holding a Han character, outside comments. */
const CHINESE_LITERAL = /(["'`])(?:(?!\1)[^\\\n]|\\.)*\p{Script=Han}(?:(?!\1)[^\\\n]|\\.)*\1/u;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function offenders(files: string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line: line.replace(/\/\*.*?\*\//g, '').replace(/\/\/.*$/, ''), no: i + 1 }))
      .filter(({ line }) => !/^\s*(\/\*|\*)/.test(line) && CHINESE_LITERAL.test(line))
      .map(({ no }) => `${file}:${no}`),
  );
}

describe('no Chinese sentence in code', () => {
  it('src/ and flows/ name phrases by key; the words live in data/', () => {
    expect(offenders([...tsFiles('src'), ...tsFiles('flows')])).toEqual([]);
  });

  it('the check itself catches a literal', () => {
    const sample = path.join('test', 'fixtures', 'chinese-literal.ts.txt');
    const found = readFileSync(sample, 'utf8')
      .split('\n')
      .filter((l) => CHINESE_LITERAL.test(l));
    expect(found).toHaveLength(2);
  });
});
