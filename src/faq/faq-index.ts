import { readYaml } from '../domain/data-file.js';
import { z } from 'zod';
import { dataPath } from '../domain/data-path.js';
import { features } from '../nlu/tokens.js';
import { escapeRegExp } from '../domain/regexp.js';

const entrySchema = z
  .object({
    id: z.string().min(1),
    questions: z.array(z.string().min(1)).min(1),
    answer: z.string().min(1).optional(),
    /** Answered from data/fees.yaml (one source for money): the management fee, or the late-fee policy. */
    fees: z.enum(['management', 'late_fee']).optional(),
    /** A group of data/fees.yaml whose amounts, deposits and documents follow the answer (装修押金 with 装修手续). */
    fee_group: z.string().min(1).optional(),
    /** Tasks whose words it shares and still answers when asked (停车费怎么交 支付宝可以吗: how to pay, not the bill). */
    beside_task: z.array(z.string().min(1)).optional(),
    /** How to pay the office: a verified household asking in the words of its bill sees that bill first. */
    with_bill: z.boolean().optional(),
  })
  .refine((e) => (e.answer === undefined) !== (e.fees === undefined), {
    message: 'an entry has either an answer or fees, not both',
  });

export const faqSchema = z.object({
  threshold: z.number().min(0).max(1),
  filler: z.array(z.string().min(1)).default([]),
  entries: z.array(entrySchema).min(1),
});

export type FaqEntry = z.infer<typeof entrySchema>;

export interface FaqMatch {
  id: string;
  /** Cosine similarity to the entry's centroid, 0..1. */
  score: number;
}

type Vector = Map<string, number>;

/**
 * The knowledge base of consultations (data/faq.zh-CN.yaml plus the answers staff added): a
 * question is matched by meaning — TF-IDF over jieba words and character bigrams, cosine to each
 * entry's centroid (the sum of its wordings, each normalised) — so "物业几点上班" and "管理处的办公时间"
 * find the same approved answer. The centroid gathers what all the ways of asking share, so a
 * new wording need not be close to any single listed one (held-out questions: `npm run eval:faq`).
 * Below the threshold nothing matches: an honest "I will find out" beats a wrong answer.
 */
/** Questions whose match is kept; past it the oldest goes. */
const MATCHES_KEPT = 5_000;

export class FaqIndex {
  private readonly entries = new Map<string, FaqEntry>();
  private centroids: Array<{ id: string; norm: number }> = [];
  /**
   * term → the entries whose centroid has it, with its weight there: a question is compared only where it shares a
   * term.
   */
  private postings = new Map<string, Array<{ centroid: number; weight: number }>>();
  private idf = new Map<string, number>();
  private unknownWeight = 1;

  private readonly filler: RegExp;
  /** Matches of questions asked again (物业电话多少), until an answer joins the index. */
  private readonly matched = new Map<string, FaqMatch | undefined>();
  /** Built at the first question, not at start-up: segmenting every wording is a good part of a start. */
  private stale = true;

  constructor(
    entries: FaqEntry[],
    readonly threshold: number,
    filler: string[] = [],
  ) {
    for (const e of entries) this.entries.set(e.id, e);
    const longestFirst = [...filler].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.filler = new RegExp(longestFirst.join('|') || '(?!)', 'g');
  }

  static load(file = dataPath('faq.zh-CN.yaml')): FaqIndex {
    const spec = faqSchema.parse(readYaml(file));
    return new FaqIndex(spec.entries, spec.threshold, spec.filler);
  }

  /** An answer staff approved in the chat joins the index at once. */
  add(entry: FaqEntry): void {
    this.entries.set(entry.id, entrySchema.parse(entry));
    this.stale = true;
    this.matched.clear();
  }

  entry(id: string): FaqEntry | undefined {
    return this.entries.get(id);
  }

  /** The approved answer this question asks for, if one is close enough (the threshold). */
  match(text: string): FaqMatch | undefined {
    if (this.matched.has(text)) {
      const kept = this.matched.get(text);
      return kept && { ...kept };
    }
    const best = this.closest(text);
    const found =
      best && best.score >= this.threshold ? { id: best.id, score: Math.round(best.score * 1000) / 1000 } : undefined;
    if (this.matched.size >= MATCHES_KEPT) this.matched.delete(this.matched.keys().next().value!);
    this.matched.set(text, found && { ...found });
    return found;
  }

  /** The closest entry and its similarity, however low (the evaluation sweeps thresholds over it). */
  closest(text: string): FaqMatch | undefined {
    if (this.stale) this.rebuild();
    const query = this.vector(features(text.replace(this.filler, ' ')));
    if (query.size === 0) return undefined;
    const dots = new Map<number, number>();
    for (const [term, weight] of query) {
      for (const p of this.postings.get(term) ?? [])
        dots.set(p.centroid, (dots.get(p.centroid) ?? 0) + weight * p.weight);
    }
    const queryNorm = norm(query);
    let best: FaqMatch | undefined;
    for (const [i, dot] of dots) {
      const score = dot / (queryNorm * this.centroids[i]!.norm);
      if (!best || score > best.score) best = { id: this.centroids[i]!.id, score };
    }
    return best;
  }

  private rebuild(): void {
    this.stale = false;
    const docs = [...this.entries.values()].flatMap((e) => e.questions.map((q) => ({ id: e.id, terms: features(q) })));
    const df = new Map<string, number>();
    for (const d of docs) for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + 1);
    // Words in every other question (请问, 吗, 怎么) say little about which question it is.
    this.idf = new Map([...df].map(([t, n]) => [t, Math.log((1 + docs.length) / (1 + n)) + 1]));
    this.unknownWeight = Math.log(1 + docs.length) + 1;
    // Each wording counts once, however long: a long one does not drown the short ones.
    const centroids = new Map<string, Vector>();
    for (const d of docs) {
      const vector = this.vector(d.terms);
      const length = norm(vector);
      const centroid = centroids.get(d.id) ?? new Map<string, number>();
      for (const [term, weight] of vector) centroid.set(term, (centroid.get(term) ?? 0) + weight / length);
      centroids.set(d.id, centroid);
    }
    this.postings = new Map();
    this.centroids = [...centroids].map(([id, vector], centroid) => {
      for (const [term, weight] of vector)
        this.postings.set(term, [...(this.postings.get(term) ?? []), { centroid, weight }]);
      return { id, norm: norm(vector) };
    });
  }

  /**
   * A term no question has weighs as much as the rarest known one: "游泳池几点开" is not the
   * question "装修几点开始" just because its only known word is 几点.
   */
  private vector(terms: string[]): Vector {
    const v: Vector = new Map();
    for (const t of terms) v.set(t, (v.get(t) ?? 0) + (this.idf.get(t) ?? this.unknownWeight));
    return v;
  }
}

function norm(v: Vector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}
