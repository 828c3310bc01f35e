import { z } from 'zod';
import { readYaml } from '../domain/data-file.js';
import { dataPath } from '../domain/data-path.js';

const words = z.array(z.string().min(1));

/** `data/complaints.zh-CN.yaml`: how residents say where, when, how often, a call back, a withdrawal. */
export const complaintWordsSchema = z.object({
  numerals: z.string().min(1),
  where: z.object({
    places: words,
    numbered: words,
    after: words,
    between: words,
    not_a_room: z.string().min(1),
    neighbours: words.default([]),
  }),
  when: z.object({
    times: words,
    weekday: words,
    weekday_before: words,
    weekday_days: z.string().min(1),
    clock: words,
    minute: z.string().min(1),
    clock_after: words,
    once: words,
    joiners: words,
    trailing: words,
    ongoing: words,
  }),
  since: z.object({ before: words, amounts: words, units: words, after: words }),
  often: z.object({
    words,
    repeated: words,
    counts: words,
    ordinal: z.string().min(1),
    every: z.string().min(1),
    every_unit: z.string().min(1),
  }),
  callback: z.object({
    no: words,
    yes: words,
    lead: words,
    not_after: words,
    not_before: words,
    by: z.object({ manager: words, supervisor: words }),
  }),
  answers: z.object({ no: words, yes: words, lead: words, particles: words, not: words }),
  withdraw: words,
  withdraw_alone: words,
  file_now: words,
  complaining: words,
  adds: words,
  again: words,
  questions: z.object({ marks: words, anonymity: words, how_long: words }),
  filler: words,
  vague: words,
  describes_from: z.number().int().positive(),
});

export type ComplaintWords = z.infer<typeof complaintWordsSchema>;

export function loadComplaintWords(file = dataPath('complaints.zh-CN.yaml')): ComplaintWords {
  return complaintWordsSchema.parse(readYaml(file));
}
