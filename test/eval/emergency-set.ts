import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { EMERGENCY_KINDS, dialogueSchema, type Dialogue } from './dialogue-schema.js';
import { DialogueRunner, type DialogueResult } from './dialogue-runner.js';
import { handled } from './report.js';

/**
 * A set of single messages labelled with the emergency they tell (or `none`), each played as the first
 * message of a verified resident's conversation through the whole bot, at an hour of the day or of the
 * night in turn, and judged as a dialogue step is: an emergency must open an emergency ticket of its
 * kind with its advice and never ask for a visit time; a look-alike (`none`) must page nobody.
 */
const setSchema = z.object({
  /** Kept honest: its misses are never printed, only its scores. */
  scores_only: z.boolean().default(false),
  messages: z.array(
    z.object({
      text: z.union([z.string(), z.number()]).transform(String),
      kind: z.enum([...EMERGENCY_KINDS, 'none']),
    }),
  ),
});
export type EmergencySet = z.infer<typeof setSchema>;

export const loadEmergencySet = (file: string): EmergencySet => setSchema.parse(parse(readFileSync(file, 'utf8')));

/** Office hours, noon, evening and the middle of the night, in turn. */
const MOMENTS = [
  '2026-12-02T10:30:00+08:00',
  '2026-12-05T12:40:00+08:00',
  '2026-12-06T20:15:00+08:00',
  '2026-12-08T03:10:00+08:00',
];

export interface MessageResult {
  text: string;
  kind: string;
  handled: boolean;
  result: DialogueResult;
}

export async function playEmergencySet(set: EmergencySet, file: string): Promise<MessageResult[]> {
  const runner = new DialogueRunner();
  const results: MessageResult[] = [];
  for (const [i, m] of set.messages.entries()) {
    const dialogue: Dialogue = {
      ...dialogueSchema.parse({
        id: `msg-${i + 1}`,
        category: m.kind === 'none' ? 'words' : 'emergency',
        start: MOMENTS[i % MOMENTS.length],
        resident: 'wx_zhangwei',
        steps: [
          {
            say: m.text,
            expect: m.kind === 'none' ? { not_emergency: true } : { emergency: m.kind, not_asks: ['time'] },
          },
        ],
      }),
      file,
    };
    const result = await runner.run(dialogue);
    results.push({ text: m.text, kind: m.kind, handled: handled(result), result });
  }
  return results;
}

export interface Tally {
  right: number;
  all: number;
}

/** Handled of each kind (and of `none`, the look-alikes left alone). */
export function tallyByKind(results: readonly MessageResult[]): Map<string, Tally> {
  const byKind = new Map<string, Tally>();
  for (const r of results) {
    const tally = byKind.get(r.kind) ?? { right: 0, all: 0 };
    tally.all += 1;
    if (r.handled) tally.right += 1;
    byKind.set(r.kind, tally);
  }
  return byKind;
}
