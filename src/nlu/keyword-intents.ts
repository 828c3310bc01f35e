import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { dataPath } from '../data-path.js';
import { INTENTS, type Intent, type Understanding } from './intent.js';

const intentName = z.enum(INTENTS);
const fileSchema = z.object({
  intents: z.partialRecord(intentName, z.array(z.string().min(1))),
  menu: z.record(z.string(), intentName),
  answers: z.object({ yes: z.array(z.string().min(1)), no: z.array(z.string().min(1)) }),
  urgent: z.array(z.string().min(1)),
});

/** A simple keyword classifier over `data/intents.zh-CN.yaml`. */
export class KeywordIntents {
  private readonly intents: Array<[Intent, string[]]>;
  private readonly menu: Map<string, Intent>;
  private readonly answers: { yes: string[]; no: string[] };
  private readonly urgentWords: string[];

  constructor(spec: z.infer<typeof fileSchema>) {
    this.intents = Object.entries(spec.intents).map(([intent, words]) => [intent as Intent, words.map((w) => w.toLowerCase())]);
    this.menu = new Map(Object.entries(spec.menu));
    this.answers = { yes: spec.answers.yes.map((w) => w.toLowerCase()), no: spec.answers.no.map((w) => w.toLowerCase()) };
    this.urgentWords = spec.urgent;
  }

  /** A yes or a no, if the text is one; no wins, because most Chinese no's contain a yes word. */
  answer(text: string): 'yes' | 'no' | undefined {
    const normalized = text.trim().toLowerCase();
    if (this.answers.no.some((w) => normalized.includes(w))) return 'no';
    if (this.answers.yes.some((w) => normalized.includes(w))) return 'yes';
    return undefined;
  }

  isUrgent(text: string): boolean {
    return this.urgentWords.some((w) => text.includes(w));
  }

  static load(file = dataPath('intents.zh-CN.yaml')): KeywordIntents {
    return new KeywordIntents(fileSchema.parse(parse(readFileSync(file, 'utf8'))));
  }

  classify(text: string): Understanding {
    const normalized = text.trim().toLowerCase();
    const menuChoice = this.menu.get(normalized);
    if (menuChoice) return { intent: menuChoice, confidence: 1, slots: {} };

    let best: Intent = 'other';
    let bestScore = 0;
    for (const [intent, words] of this.intents) {
      const score = words.reduce((sum, word) => (normalized.includes(word) ? sum + word.length : sum), 0);
      if (score > bestScore) [best, bestScore] = [intent, score];
    }
    // Saturates at two characters of evidence: a rough figure, honest about being a keyword match.
    const confidence = bestScore === 0 ? 0 : Math.min(0.9, 0.4 + 0.25 * bestScore);
    return { intent: best, confidence, slots: {} };
  }
}
