import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { formatIso, parseIso } from '../domain/time.js';
import { INTENTS, type Intent } from './intent.js';
import type { Understander } from './understander.js';

const fixtureSchema = z.object({
  now: z.union([z.string(), z.date()]).transform((v) => (typeof v === 'string' ? parseIso(v) : v.getTime())),
  /** A held-out set kept honest: its misses are never printed, only its scores. */
  scores_only: z.boolean().default(false),
  messages: z.array(
    z.object({
      text: z.union([z.string(), z.number()]).transform(String),
      intent: z.enum(INTENTS),
      time: z.string().optional(),
      unit: z.string().optional(),
    }),
  ),
});

export type EvaluationSet = z.infer<typeof fixtureSchema>;

export function loadEvaluationSet(file: string): EvaluationSet {
  return fixtureSchema.parse(parse(readFileSync(file, 'utf8')));
}

export interface Miss {
  text: string;
  expected: string;
  got: string;
}

export interface EvaluationResult {
  messages: number;
  intentAccuracy: number;
  /** Of the messages with a time: date right, and hour and minute right where one is expected. */
  timeAccuracy: number;
  times: number;
  unitAccuracy: number;
  units: number;
  /** confusion[expected][got] = count */
  confusion: Record<Intent, Record<Intent, number>>;
  intentMisses: Miss[];
  timeMisses: Miss[];
  unitMisses: Miss[];
}

/** Scores an understander against a labelled set: what `npm run eval:nlu` prints and the test asserts. */
export function evaluate(understander: Pick<Understander, 'understand'>, set: EvaluationSet): EvaluationResult {
  const confusion = Object.fromEntries(
    INTENTS.map((e) => [e, Object.fromEntries(INTENTS.map((g) => [g, 0]))]),
  ) as EvaluationResult['confusion'];
  const intentMisses: Miss[] = [];
  const timeMisses: Miss[] = [];
  const unitMisses: Miss[] = [];
  let correct = 0;
  let times = 0;
  let timesRight = 0;
  let units = 0;
  let unitsRight = 0;
  for (const m of set.messages) {
    const u = understander.understand(m.text, set.now);
    confusion[m.intent][u.intent] += 1;
    if (u.intent === m.intent) correct += 1;
    else intentMisses.push({ text: m.text, expected: m.intent, got: `${u.intent} (${u.confidence})` });
    if (m.time) {
      times += 1;
      const got = u.slots.time ? formatIso(parseIso(u.slots.time)).slice(0, 16).replace('T', ' ') : 'none';
      const right = m.time.length > 10 ? got === m.time && !u.slots.timeWithoutHour : got.slice(0, 10) === m.time;
      if (right) timesRight += 1;
      else
        timeMisses.push({
          text: m.text,
          expected: m.time,
          got: u.slots.timeWithoutHour ? `${got.slice(0, 10)} (no hour)` : got,
        });
    }
    if (m.unit) {
      units += 1;
      if (u.slots.unit === m.unit) unitsRight += 1;
      else unitMisses.push({ text: m.text, expected: m.unit, got: u.slots.unit ?? 'none' });
    }
  }
  return {
    messages: set.messages.length,
    intentAccuracy: correct / set.messages.length,
    timeAccuracy: times === 0 ? 1 : timesRight / times,
    times,
    unitAccuracy: units === 0 ? 1 : unitsRight / units,
    units,
    confusion,
    intentMisses,
    timeMisses,
    unitMisses,
  };
}
