import { readFileSync } from 'node:fs';
import { parseYamlText } from '../domain/data-file.js';
import { z } from 'zod';
import { dataPath } from '../domain/data-path.js';
import { INTENTS } from './intent.js';

const intentName = z.enum(INTENTS);
const words = z.array(z.string().min(1));

export const intentDataSchema = z.object({
  intents: z.partialRecord(intentName, z.object({ keywords: words.default([]), examples: words.default([]) })),
  menu: z.record(z.string(), intentName),
  answers: z.object({ yes: words, no: words, not_no: words, correct: words, yes_anywhere: words, yes_tails: words }),
  questions: words,
  urgency: z.object({ now: words, later: words }),
  about_ticket: z.object({ chase: words, question: words, not: words.default([]) }),
  praise_work: words,
  cancel_words: words,
  not_questions: words.default([]),
  policy_questions: words.default([]),
  outside_complaint: words.default([]),
  others_contact: words.default([]),
  undecided_change: z.object({ when: words, change: words }).default({ when: [], change: [] }),
  staff_familiar: words.default([]),
  condition_words: words.default([]),
  cancel_replies: words,
  goodbye_words: words,
  goodbye_replies: words.default([]),
  bare_request: words.default([]),
  forgotten: words.default([]),
  forgot_words: words.default([]),
  resume: words.default([]),
  person_alone: words.default([]),
  /** What asks for the visit at the end of a repair's words (来, 能来个师傅不, 行不行): not the problem. */
  request_tails: words.default([]),
  just_telling: words.default([]),
  still_wrong: words.default([]),
  asks_for_others: words.default([]),
  asks_pending: words.default([]),
  demands_amends: words.default([]),
  leading_business: z.record(z.string(), z.enum(['complaint', 'repair'])).default({}),
  said_outright: z.record(z.string(), z.enum(['complaint', 'other'])).default({}),
  lift_inside: z
    .object({
      someone: words,
      someone_replies: words,
      nobody: words,
      nobody_replies: words,
      not_nobody: words.default([]),
    })
    .default({ someone: [], someone_replies: [], nobody: [], nobody_replies: [], not_nobody: [] }),
  emergency_over: z.object({ over: words, not_over: words }).default({ over: [], not_over: [] }),
  courtesy: z.object({ thanks: words, words, fillers: words }).default({ thanks: [], words: [], fillers: [] }),
  person_words: words,
  bot_question: words,
  visit_wanted: words,
  any_time: words,
  soonest: words.default([]),
  relative_window: z.object({ later: words, earlier: words }).default({ later: [], earlier: [] }),
  public_places: words,
  ordinals: words,
  at_home: words,
  cost_words: words,
  fixed: words,
  staff_titles: z.record(z.enum(['service', 'technician', 'supervisor', 'manager']), words),
  topics: z.object({
    joiners: words,
    not_joining: words.default([]),
    markers: z.partialRecord(intentName, words),
    real_matter: words.default([]),
    both: words.default([]),
    both_before_time: words.default([]),
    if_again: words.default([]),
  }),
  ticket_hints: z.object({ repair: words, complaint: words, card: words }),
  repair_categories: z.record(z.string(), words),
  phone_tail: words,
  currency: words,
  locations: words,
  dissatisfied: words,
  repair_change: z.object({
    cancel: words,
    not_cancel: words.default([]),
    reschedule: words,
    moved_to: words.default([]),
    arrival_questions: words.default([]),
    come: words.default([]),
    time_offers: words.default([]),
    time_offer_tails: words.default([]),
    time_alone_tails: words.default([]),
    believed: words.default([]),
    clock_now: words.default([]),
    clock_now_tails: words.default([]),
  }),
  complaint_categories: z.record(z.string(), words),
  paid_for_nothing: words.default([]),
  frequency: words,
  fault_words: words.default([]),
  card_loss_words: words.default([]),
  breaker_words: words.default([]),
  homes_contact: z
    .object({ contact: words, office: words, own_change: words })
    .default({ contact: [], office: [], own_change: [] }),
  insults: words,
  threats: words,
  pay_words: words,
  follow_up: z.object({ endings: words, longest: z.number().int().min(1) }).default({ endings: [], longest: 0 }),
  pay_with_time: words.default([]),
  disputes: words,
  disputes_not: words.default([]),
  /** Refuses to pay because of the service (不交了, 凭什么交): a complaint met with empathy, not a billing question. */
  withhold: words.default([]),
  opt_out: words,
  /** Asks the office to find out (帮我问问): after an approved answer that did not answer it, a question for staff. */
  find_out: words.default([]),
  own_matter: words.default([]),
  /** Speaks of another household (隔壁, 他家, 她手机号): whose bill the sender may not see. */
  others_household: words.default([]),
  others_household_not: words.default([]),
  others_household_patterns: words.default([]),
  anger: words,
  card_types: z.record(z.string(), words),
  card_business: z.record(z.string(), words),
  /** Asks for card business to be done, not only asked about (办一张, 帮我注销): alone, a new card. */
  card_request: words.default([]),
  /** Card business named without saying it is wanted (办停车卡要带什么): a new card if nothing else is said. */
  card_generic: words.default([]),
  /** The card is for the sender themself (本人, 我自己). */
  card_self: words.default([]),
  /** Says the card is for someone else (给我爸妈办, 给家里阿姨办): the holder is asked, not assumed. */
  card_others: words.default([]),
  /** A question about what card business costs or needs (多少钱, 押金, 带什么). */
  fee_question: words.default([]),
  plate_provinces: z.string().min(1),
  name_prefixes: words,
  /** A card form in one message: labels around its fields, and what a name looks like (surnames) or never is. */
  form_labels: words.default([]),
  surnames: z.string().default(''),
  compound_surnames: words.default([]),
  not_names: words.default([]),
});

/** `data/intents.zh-CN.yaml`: what the understanding layer learns from. */
export type IntentData = z.infer<typeof intentDataSchema>;

export function loadIntentData(file = dataPath('intents.zh-CN.yaml')): IntentData {
  return readIntentData(file).data;
}

/** The data and the text it was read from (a trained model is checked against the text). */
export function readIntentData(file = dataPath('intents.zh-CN.yaml')): { data: IntentData; text: string } {
  const text = readFileSync(file, 'utf8');
  return { data: intentDataSchema.parse(parseYamlText(text)), text };
}
