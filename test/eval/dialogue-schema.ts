import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { durationParts, parseIso } from '../../src/domain/time.js';

/**
 * The dialogue format (test/fixtures/dialogues/README.md) as a schema: the documented vocabulary
 * and nothing else. A dialogue that does not fit is reported as malformed, never guessed at.
 */

const CATEGORIES = [
  'emergency',
  'yes_no',
  'context',
  'open_ticket',
  'multi_day',
  'two_topics',
  'words',
  'repair',
  'complaint',
  'arrears',
  'card',
  'inquiry',
  'praise',
  'handoff',
  'bad_input',
] as const;
export const QUESTION_KINDS = [
  'time',
  'hour',
  'unit',
  'phone_last4',
  'problem',
  'confirm',
  'callback',
  'detail',
  'rating',
  'resolved',
  'which',
  'window_choice',
  'card',
  'form',
  'reschedule',
  'anything_else',
  'none',
] as const;
export const EMERGENCY_KINDS = ['trapped', 'gas', 'fire', 'water', 'electric', 'injury'] as const;
const PLAIN_THINGS = [
  'greeting',
  'farewell',
  'advice',
  'statement',
  'answer',
  'progress',
  'no_open_ticket',
  'apology',
  'not_understood',
  'error',
  'refusal',
  'empathy',
  'receipt',
  'fee_standard',
  'praise_thanks',
] as const;
export const THINGS = [...PLAIN_THINGS, ...EMERGENCY_KINDS.map((k) => `advice:${k}` as const)] as const;
export const ROLES = ['service', 'technician', 'supervisor', 'manager'] as const;
export const TICKET_TYPES = ['repair', 'complaint', 'card', 'handoff', 'question'] as const;
const COMMITMENT_KINDS = [
  'repair_visit',
  'complaint_reply',
  'callback',
  'payment',
  'card_service',
  'inquiry_reply',
] as const;
const COMMITMENT_STATUSES = ['open', 'kept', 'broken', 'cancelled', 'renegotiated'] as const;

export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type Thing = (typeof THINGS)[number];
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];
export type TicketType = (typeof TICKET_TYPES)[number];

const iso = z.string().refine((s) => {
  try {
    parseIso(s);
    return /T\d{2}:\d{2}/.test(s);
  } catch {
    return false;
  }
}, 'an ISO time such as 2026-12-02T22:15:00+08:00');
const duration = z.string().refine((s) => {
  try {
    durationParts(s);
    return true;
  } catch {
    return false;
  }
}, 'a duration such as 90m, 3h or 2d');
const text = z.union([z.string(), z.number()]).transform(String);
/** A role of the format, or anyone else named: names are checked against the community when the dialogue runs. */
const staffRef = z.string().min(1);
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item);

export const ticketSpec = z.strictObject({ type: z.enum(TICKET_TYPES), emergency: z.enum(EMERGENCY_KINDS).optional() });
export type TicketSpec = z.infer<typeof ticketSpec>;

const expectSchema = z.strictObject({
  asks: z.enum(QUESTION_KINDS).optional(),
  not_asks: list(z.enum(QUESTION_KINDS)).optional(),
  says: list(z.enum(THINGS)).optional(),
  not_says: list(z.enum(THINGS)).optional(),
  emergency: z.enum(EMERGENCY_KINDS).optional(),
  not_emergency: z.literal(true).optional(),
  staff_told: list(staffRef).optional(),
  staff_not_told: list(staffRef).optional(),
  resident_told: z.boolean().optional(),
  new_tickets: list(ticketSpec).optional(),
  farewell: z.union([z.boolean(), z.literal('any')]).optional(),
  visit_day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-12-07')
    .optional(),
  visit_window: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a start such as 2026-12-07T09:00')
    .optional(),
});
export type Expect = z.infer<typeof expectSchema>;

/**
 * A step or a given is exactly one of several actions: one object with every action optional and
 * a check that exactly one is there, so that a mistake is reported at its path
 * (steps.3.expect.asks), which a union of the options would report as "no option fits".
 */
function oneOf<T extends Record<string, z.ZodTypeAny>>(actions: T, extra: z.ZodRawShape = {}) {
  const names = Object.keys(actions);
  return z
    .strictObject({ ...Object.fromEntries(names.map((n) => [n, actions[n]!.optional()])), ...extra })
    .refine(
      (o) => names.filter((n) => (o as Record<string, unknown>)[n] !== undefined).length === 1,
      `exactly one of ${names.join(', ')}`,
    );
}

const stepActions = {
  say: text,
  send: z.enum(['image', 'voice', 'video', 'file']),
  advance: duration,
  at: iso,
  staff: z.strictObject({ who: staffRef, text: text }),
};
export type Step = { expect?: Expect } & (
  | { say: string }
  | { send: 'image' | 'voice' | 'video' | 'file' }
  | { advance: string }
  | { at: string }
  | { staff: { who: string; text: string } }
);
const stepSchema = oneOf(stepActions, { expect: expectSchema.optional() }) as unknown as z.ZodType<Step>;

const givenActions = {
  repair_booked: z.strictObject({ problem: text, category: text.optional(), visit: iso }),
  complaint_filed: z.strictObject({ text, ago: duration }),
  emergency_open: z.strictObject({ text, kind: z.enum(EMERGENCY_KINDS), ago: duration }),
  repair_done: z.strictObject({ problem: text, ago: duration }),
  complaint_done: z.strictObject({ text, ago: duration }),
  reschedule_proposed: z.strictObject({ problem: text, visit: iso, new_time: text }),
};
type GivenActions = { [K in keyof typeof givenActions]: z.infer<(typeof givenActions)[K]> };
export type Given = { [K in keyof GivenActions]: Pick<GivenActions, K> }[keyof GivenActions];
const givenSchema = oneOf(givenActions) as unknown as z.ZodType<Given>;

const outcomeSchema = z.strictObject({
  tickets: list(ticketSpec).optional(),
  commitments: list(
    z.strictObject({
      kind: z.enum(COMMITMENT_KINDS),
      party: z.enum(['office', 'resident']).optional(),
      status: z.enum(COMMITMENT_STATUSES).optional(),
    }),
  ).optional(),
  no_commitments: list(z.enum(COMMITMENT_KINDS)).optional(),
  praise_for: z.string().min(1).optional(),
  staff_told: list(staffRef).optional(),
  staff_not_told: list(staffRef).optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const dialogueSchema = z.strictObject({
  id: text,
  category: z.enum(CATEGORIES),
  note: z.string().optional(),
  start: iso,
  resident: z.string().min(1),
  given: list(givenSchema).optional(),
  steps: list(stepSchema).min(1),
  outcome: outcomeSchema.optional(),
});
export type Dialogue = z.infer<typeof dialogueSchema> & { file: string };

export interface Malformed {
  file: string;
  id: string;
  problems: string[];
}

/** Every dialogue of the `*.yaml` files in a folder, and those that do not fit the format. */
export function loadDialogues(dir: string): { dialogues: Dialogue[]; malformed: Malformed[] } {
  const dialogues: Dialogue[] = [];
  const malformed: Malformed[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const file = path.join(dir, name);
    let items: unknown;
    try {
      items = parse(readFileSync(file, 'utf8'));
    } catch (error) {
      malformed.push({ file, id: '(file)', problems: [`not YAML: ${(error as Error).message}`] });
      continue;
    }
    if (!Array.isArray(items)) {
      malformed.push({ file, id: '(file)', problems: ['not a list of dialogues'] });
      continue;
    }
    items.forEach((item, index) => {
      const id = String((item as { id?: unknown })?.id ?? `#${index + 1}`);
      const parsed = dialogueSchema.safeParse(item);
      if (!parsed.success) {
        malformed.push({ file, id, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      } else if (seen.has(parsed.data.id)) {
        malformed.push({ file, id, problems: ['id used twice'] });
      } else {
        seen.add(parsed.data.id);
        dialogues.push({ ...parsed.data, file });
      }
    });
  }
  return { dialogues, malformed };
}
