import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { dataPath } from '../data-path.js';

const table = z.record(z.string().min(1), z.string().min(1));

export const variantsSchema = z.object({ typos: table, dialect: table });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Typos, homophones and dialect words (马统, 屋头, 坏咗…) replaced by the common words they stand
 * for, from `data/variants.zh-CN.yaml`: the classifier and the slot finders then read one
 * vocabulary. One scan, longest word first, so a longer entry wins over the shorter inside it.
 */
export class Variants {
  private readonly words: Map<string, string>;
  private readonly pattern: RegExp;

  constructor(data: z.infer<typeof variantsSchema>) {
    this.words = new Map([...Object.entries(data.typos), ...Object.entries(data.dialect)]);
    const keys = [...this.words.keys()].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(keys.map(escape).join('|') || '(?!)', 'g');
  }

  static load(file = dataPath('variants.zh-CN.yaml')): Variants {
    return new Variants(variantsSchema.parse(parse(readFileSync(file, 'utf8'))));
  }

  /** The text in common words. */
  rewrite(text: string): string {
    return text.replace(this.pattern, (word) => this.words.get(word)!);
  }
}
