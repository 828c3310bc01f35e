import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BuiltFile, dataText } from '../domain/built-file.js';
import { readYaml } from '../domain/data-file.js';
import { DATA_DIR, dataPath } from '../domain/data-path.js';
import { loadIntentData } from './intent-data.js';
import { features } from './tokens.js';

/** What the model is told apart: the kinds of emergencies.zh-CN.yaml, and everything else. */
const NONE = 'none';
/** Laplace smoothing, as the intent classifier's. */
const ALPHA = 0.5;
/**
 * Words beyond which a message's words are tempered (20: chosen on the third emergency set held out of training, where
 * 12 heard 9 of the 23 emergencies the rules of its first sight missed, 20 heard 15, and no tempering 15 with five
 * more false alarms on the 5,204 ordinary messages of the dialogue sets).
 */
const USUAL_WORDS = 20;

const examplesSchema = z.record(z.string(), z.array(z.string().min(1)));

/** What training learns, as JSON: for each word of the danger examples, in how many examples of each class it is. */
interface ModelData {
  classes: string[];
  words: string[];
  /** counts[w][c]: examples of class c that have word w. */
  counts: number[][];
}

export interface EmergencyGuess {
  kind: string;
  /** Share of the probability mass, 0..1. */
  confidence: number;
}

const WORDLESS = /^[^\p{L}]*$/u;
const evidence = (text: string) => [...new Set(features(text).filter((f) => !WORDLESS.test(f)))];

/**
 * Danger heard in words the rules of `data/emergencies.zh-CN.yaml` do not know ("电梯门只开了一条缝就卡死了 我们几个人
 * 挤不出去", "燃气管接头抹了肥皂水 一直在冒泡泡"): a Bernoulli naive Bayes over the words and character pairs of
 * `data/emergency-examples.zh-CN.yaml` (messages residents sent in danger, by kind, and look-alikes), with everything
 * residents otherwise say (the intents' examples) learnt as no danger. Its vocabulary is the danger examples' words
 * alone: the ordinary messages teach how often those words come without danger, not words of their own. On the third
 * emergency set, held out of its training (2026-11-29), it heard 15 of the 23 emergencies the rules had missed at its
 * first sight (all for sure, each of the right kind), one of its 48 look-alikes, and one of the 5,204 ordinary
 * messages of the dialogue sets (还没人来吗 水一直往下滴 盆都接满两个了, a danger too). Trained at build time
 * (dist/), like the intent model.
 */
export class EmergencyModel {
  private readonly classes: string[];
  private readonly index = new Map<string, number>();
  /** logPresent[w][c], logAbsent[w][c]: the log chance that an example of class c has, or lacks, word w. */
  private readonly logPresent: number[][];
  private readonly logAbsent: number[][];
  /** The log-score of a text with none of the words, per class: the sum of every word's absence. */
  private readonly baseline: number[];
  private readonly logPrior: number[];

  constructor(data: ModelData & { docs: number[] }) {
    this.classes = data.classes;
    data.words.forEach((w, i) => this.index.set(w, i));

    // Every kind as likely as the others beforehand, and danger as likely as not: the examples' numbers are what was
    // written, not how often each happens.
    this.logPrior = data.docs.map(() => Math.log(1 / data.classes.length));
    this.logPresent = data.counts.map((row) => row.map((n, c) => Math.log((n + ALPHA) / (data.docs[c]! + 2 * ALPHA))));
    this.logAbsent = data.counts.map((row) =>
      row.map((n, c) => Math.log((data.docs[c]! - n + ALPHA) / (data.docs[c]! + 2 * ALPHA))),
    );
    this.baseline = this.classes.map((_, c) => this.logAbsent.reduce((sum, row) => sum + row[c]!, 0));
  }

  /** The likeliest kind of danger in the text and how sure, or undefined when no danger is likelier than none. */
  guess(text: string): EmergencyGuess | undefined {
    const known = evidence(text)
      .map((word) => this.index.get(word))
      .filter((w) => w !== undefined);
    // Naive Bayes grows surer with every word, as if each were news: a long rant about many things came out certain of
    // some danger. The words' weight is tempered beyond a message's usual length.
    const weight = Math.min(1, Math.sqrt(USUAL_WORDS / Math.max(1, known.length)));
    const scores = this.classes.map((_, c) => this.logPrior[c]! + this.baseline[c]!);
    for (const w of known)
      for (let c = 0; c < scores.length; c++) scores[c]! += weight * (this.logPresent[w]![c]! - this.logAbsent[w]![c]!);
    const max = Math.max(...scores);
    const weights = scores.map((s) => Math.exp(s - max));
    const sum = weights.reduce((a, b) => a + b, 0);
    let best = 0;
    for (let c = 1; c < weights.length; c++) if (weights[c]! > weights[best]!) best = c;
    const kind = this.classes[best]!;
    return kind === NONE ? undefined : { kind, confidence: weights[best]! / sum };
  }

  /** Trained on the danger examples and, as no danger, every intent example. */
  static train(
    examples = examplesSchema.parse(readYaml(dataPath('emergency-examples.zh-CN.yaml'))),
    ordinary = Object.values(loadIntentData().intents).flatMap((i) => i?.examples ?? []),
  ): ModelData & { docs: number[] } {
    const classes = [...Object.keys(examples).filter((k) => k !== NONE), NONE];
    const docs = classes.map(() => 0);
    const dangerWords = new Set<string>();
    const labelled: Array<[number, string[]]> = [];
    for (const [kind, texts] of Object.entries(examples))
      for (const text of texts) {
        const words = evidence(text);
        if (kind !== NONE) words.forEach((w) => dangerWords.add(w));
        labelled.push([classes.indexOf(kind), words]);
      }
    for (const text of ordinary) labelled.push([classes.length - 1, evidence(text)]);
    const words = [...dangerWords];
    const index = new Map(words.map((w, i) => [w, i]));
    const counts = words.map(() => classes.map(() => 0));
    for (const [c, seen] of labelled) {
      docs[c]! += 1;
      for (const w of seen) {
        const i = index.get(w);
        if (i !== undefined) counts[i]![c]! += 1;
      }
    }
    return { classes, words, counts, docs };
  }

  static load(): EmergencyModel {
    return (loaded ??= new EmergencyModel(JSON.parse(built().read()) as ModelData & { docs: number[] }));
  }
}

let loaded: EmergencyModel | undefined;

/** The code that decides what training learns, beside the data it learns from. */
const CODE = ['src/nlu/emergency-model.ts', 'src/nlu/tokens.ts', 'node_modules/@node-rs/jieba/package.json'];
const codeText = () =>
  CODE.map((file) => path.join(DATA_DIR, '..', file))
    .map((file) => (existsSync(file) ? readFileSync(file, 'utf8') : ''))
    .join('\0');
const built = () =>
  new BuiltFile('emergency-model', [dataText(), codeText()], () => JSON.stringify(EmergencyModel.train()));

/** The build step. */
export const writeEmergencyModel = (): void => built().write();
