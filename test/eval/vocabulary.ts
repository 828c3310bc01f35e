import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { QUESTION_KINDS, THINGS, type QuestionKind, type Thing } from './dialogue-schema.js';

const VOCABULARY_FILE = 'test/fixtures/dialogues/vocabulary.yaml';

const patterns = z.array(z.string().min(1));
const vocabularySchema = z.strictObject({
  asks: z.strictObject(
    Object.fromEntries(QUESTION_KINDS.filter((k) => k !== 'none').map((k) => [k, patterns])) as Record<
      Exclude<QuestionKind, 'none'>,
      typeof patterns
    >,
  ),
  says: z.strictObject(Object.fromEntries(THINGS.map((t) => [t, patterns])) as Record<Thing, typeof patterns>),
  paging: patterns,
});

/** `repair.alternatives_*` → a test of a whole phrase key. */
const toRegExp = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** The dialogue vocabulary read as phrase keys: what a message asks, what it says. */
export class Vocabulary {
  private readonly asks: Array<[QuestionKind, RegExp[]]>;
  private readonly says: Array<[Thing, RegExp[]]>;
  private readonly paging: RegExp[];

  constructor(readonly spec: z.infer<typeof vocabularySchema>) {
    this.asks = Object.entries(spec.asks).map(([k, p]) => [k as QuestionKind, p.map(toRegExp)]);
    // Safety advice of any kind is advice.
    this.says = Object.entries(spec.says).map(([t, p]) => {
      const own = p.map(toRegExp);
      if (t !== 'advice') return [t as Thing, own];
      const kinds = Object.entries(spec.says)
        .filter(([k]) => k.startsWith('advice:'))
        .flatMap(([, q]) => q.map(toRegExp));
      return [t as Thing, [...own, ...kinds]];
    });
    this.paging = spec.paging.map(toRegExp);
  }

  static load(file = VOCABULARY_FILE): Vocabulary {
    return new Vocabulary(vocabularySchema.parse(parse(readFileSync(file, 'utf8'))));
  }

  /** The question kinds a message of these keys asks (empty: it asks nothing). */
  asked(keys: readonly string[]): QuestionKind[] {
    return this.asks.filter(([, res]) => keys.some((key) => res.some((re) => re.test(key)))).map(([kind]) => kind);
  }

  said(keys: readonly string[]): Thing[] {
    return this.says.filter(([, res]) => keys.some((key) => res.some((re) => re.test(key)))).map(([thing]) => thing);
  }

  pages(keys: readonly string[]): boolean {
    return keys.some((key) => this.paging.some((re) => re.test(key)));
  }

  /** Every pattern with the keys it matches among `known` (the catalog's): a pattern matching none is stale. */
  patterns(): Array<{ where: string; pattern: string; re: RegExp }> {
    const of = (where: string, list: string[]) => list.map((pattern) => ({ where, pattern, re: toRegExp(pattern) }));
    return [
      ...Object.entries(this.spec.asks).flatMap(([k, p]) => of(`asks.${k}`, p)),
      ...Object.entries(this.spec.says).flatMap(([t, p]) => of(`says.${t}`, p)),
      ...of('paging', this.spec.paging),
    ];
  }
}
