import { z } from 'zod';
import { readYaml } from '../domain/data-file.js';
import { dataPath } from '../domain/data-path.js';
import { escapeRegExp } from '../domain/regexp.js';

const table = z.record(z.string().min(1), z.string().min(1));

export const variantsSchema = z.object({
  typos: table,
  dialect: table,
  sentence_end: table,
  english: table,
  keep_traditional: z.array(z.string().min(1)).default([]),
});

const longestFirst = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');

/**
 * Typos, homophones and dialect words (马统, 屋头, 坏咗…) replaced by the common words they stand
 * for, from `data/variants.zh-CN.yaml`: the classifier and the slot finders then read one
 * vocabulary. One scan, longest word first, so a longer entry wins over the shorter inside it.
 */
export class Variants {
  private readonly words: Map<string, string>;
  private readonly pattern: RegExp;
  private readonly endings: Map<string, string>;
  private readonly endingPattern: RegExp;
  private readonly english: Map<string, string>;
  private readonly englishPattern: RegExp;
  /** Traditional characters Cantonese writes on purpose, read as they are (src/nlu/traditional.ts). */
  readonly keepTraditional: readonly string[];

  constructor(data: z.infer<typeof variantsSchema>) {
    this.keepTraditional = data.keep_traditional;
    this.words = new Map([...Object.entries(data.typos), ...Object.entries(data.dialect)]);
    this.pattern = new RegExp(longestFirst([...this.words.keys()]) || '(?!)', 'g');
    this.endings = new Map(Object.entries(data.sentence_end));
    // Only where a sentence ends: 上班伐？ is a question, 砍伐 is not.
    this.endingPattern = new RegExp(
      `(?:${longestFirst([...this.endings.keys()]) || '(?!)'})(?=[\\s\\p{P}\\p{S}]|$)`,
      'gu',
    );
    this.english = new Map(Object.entries(data.english).map(([k, v]) => [k.toLowerCase(), v]));
    // Whole English words in any case: light, not the light inside lighter.
    this.englishPattern = new RegExp(
      `(?<![A-Za-z])(?:${longestFirst([...this.english.keys()]) || '(?!)'})(?![A-Za-z])`,
      'gi',
    );
  }

  static load(file = dataPath('variants.zh-CN.yaml')): Variants {
    return new Variants(variantsSchema.parse(readYaml(file)));
  }

  /** The text in common words. */
  rewrite(text: string): string {
    return text
      .replace(this.englishPattern, (word) => this.english.get(word.toLowerCase())!)
      .replace(this.pattern, (word) => this.words.get(word)!)
      .replace(this.endingPattern, (word) => this.endings.get(word)!);
  }
}
