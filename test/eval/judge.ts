import type { Staff } from '../../src/store/community-repo.js';
import { formatIso } from '../../src/domain/time.js';
import type { Store } from '../../src/store/store.js';
import type { Ticket } from '../../src/store/ticket-repo.js';
import type { Dialogue, Expect, Outcome, Step } from './dialogue-schema.js';
import type { Sent } from './observer.js';
import type { Vocabulary } from './vocabulary.js';
import {
  describeTickets,
  eachHasOwn,
  emergencyKind,
  exactlyMatch,
  isEmergency,
  isOpen,
  isPromise,
  ticketsAfter,
  type StaffDirectory,
} from './world.js';

/**
 * Judging exactly as the format says: only what a dialogue writes is checked, plus its defaults
 * (a `say` step fails on a farewell unless it allows one; an internal error fails any step).
 */

export interface Miss {
  /** 1-based step, or 0 for the outcome. */
  step: number;
  expected: string;
  got: string;
}

/** What one step caused, as observed. */
export interface StepRecord {
  index: number;
  step: Step;
  toResident: Sent[];
  /** Messages to staff, each with its recipient; a staff step's own answers to its author are left out… */
  toStaff: Array<{ sent: Sent; staff: Staff }>;
  /** …and kept here. */
  toAuthor: Sent[];
  newTickets: Ticket[];
  /** Thrown errors and failed turns. */
  errors: string[];
  /** Why the step could not be played as written (a ticket placeholder with no ticket). */
  unplayable?: string;
}

export interface Judging {
  dialogue: Dialogue;
  store: Store;
  vocabulary: Vocabulary;
  directory: StaffDirectory;
  /** Tickets with an id above this were opened during the steps (below: the givens'). */
  firstStepTicketId: number;
  firstStepCommitmentId: number;
  startMs: number;
}

export const staffLabel = (s: Staff) => `${s.name}(${s.role})`;

/** A step's effects in one line: for a miss, and for a transcript. */
export function happened(record: StepRecord): string {
  const said = record.toResident.map((m) => `[${m.keys.join(', ') || '?'}]`).join(' ') || 'nothing';
  const staff = [...new Set(record.toStaff.map((t) => staffLabel(t.staff)))].join(', ') || 'nobody';
  const author =
    'staff' in record.step
      ? `; ${record.step.staff.who} answered [${record.toAuthor.flatMap((m) => m.keys).join(', ') || 'nothing'}]`
      : '';
  return `resident told ${said}; staff told ${staff}${author}; new tickets: ${describeTickets(record.newTickets)}`;
}

export function judgeStep(j: Judging, record: StepRecord, keysEver: readonly string[]): Miss[] {
  const misses: Miss[] = [];
  const miss = (expected: string, got: string) => misses.push({ step: record.index, expected, got });
  if (record.unplayable) miss('the step as written', record.unplayable);
  const errorSaid = record.toResident.some((m) => j.vocabulary.said(m.keys).includes('error'));
  if (record.errors.length > 0 || errorSaid)
    miss(
      'no internal error',
      [...record.errors, ...(errorSaid ? ['the internal-error apology was said'] : [])].join('; '),
    );

  const e: Expect = record.step.expect ?? {};
  const asked = record.toResident.map((m) => j.vocabulary.asked(m.keys));
  const things = new Set(record.toResident.flatMap((m) => j.vocabulary.said(m.keys)));
  if (e.asks !== undefined) {
    const last = asked.at(-1) ?? [];
    const ok = e.asks === 'none' ? last.length === 0 : last.includes(e.asks);
    if (!ok)
      miss(
        `asks ${e.asks}`,
        record.toResident.length === 0
          ? 'the resident was told nothing'
          : `the last message asks ${last.join(', ') || 'nothing'} [${record.toResident.at(-1)!.keys.join(', ')}]`,
      );
  }
  for (const kind of e.not_asks ?? [])
    if (asked.some((a) => a.includes(kind))) miss(`does not ask ${kind}`, 'it asked');
  for (const thing of e.says ?? []) if (!things.has(thing)) miss(`says ${thing}`, 'not said');
  for (const thing of e.not_says ?? []) if (things.has(thing)) miss(`does not say ${thing}`, 'it was said');
  if (e.emergency) {
    const handling = allTickets(j).filter((t) => isEmergency(t) && isOpen(t));
    const advice = j.vocabulary.said(keysEver).includes(`advice:${e.emergency}`);
    const ofKind = handling.some((t) => emergencyKind(t) === e.emergency);
    if (!ofKind || !advice) {
      const ticket = ofKind
        ? 'an open emergency ticket of that kind'
        : handling.length > 0
          ? `open emergency tickets but none of kind ${e.emergency}: ${describeTickets(handling)}`
          : 'no open emergency ticket';
      miss(
        `emergency ${e.emergency}`,
        `${ticket}; ${advice ? 'its advice given' : `no advice for ${e.emergency} said`}`,
      );
    }
  }
  if (e.not_emergency) {
    // An emergency handled and finished earlier in the dialogue is no reading of this step.
    const emergencies = stepTickets(j).filter(
      (t) => isEmergency(t) && (isOpen(t) || record.newTickets.some((n) => n.id === t.id)),
    );
    const paged = record.toStaff.filter((t) => j.vocabulary.pages(t.sent.keys)).map((t) => staffLabel(t.staff));
    if (emergencies.length > 0 || paged.length > 0)
      miss(
        'not an emergency',
        [
          emergencies.length ? `emergency tickets ${describeTickets(emergencies)}` : '',
          paged.length ? `paged ${[...new Set(paged)].join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      );
  }
  told(
    j,
    record.toStaff.map((t) => t.staff),
    e.staff_told,
    e.staff_not_told,
    miss,
  );
  if (e.resident_told !== undefined && e.resident_told !== record.toResident.length > 0)
    miss(`resident_told ${e.resident_told}`, happened(record));
  if (e.new_tickets && !exactlyMatch(e.new_tickets, record.newTickets))
    miss(`new tickets ${specs(e.new_tickets)}`, describeTickets(record.newTickets));
  const farewell = e.farewell ?? ('say' in record.step ? false : 'any');
  if (farewell !== 'any' && things.has('farewell') !== farewell)
    miss(farewell ? 'a farewell' : 'no farewell', farewell ? 'none said' : 'a farewell was said');
  if (e.visit_day || e.visit_window) {
    const visits = namedVisits(j, record);
    const shown = visits.map((v) => formatIso(v).slice(0, 16)).join(', ') || 'no visit time offered or booked';
    if (e.visit_day && !visits.some((v) => formatIso(v).startsWith(e.visit_day!)))
      miss(`visit on ${e.visit_day}`, shown);
    if (e.visit_window && !visits.some((v) => formatIso(v).startsWith(e.visit_window!)))
      miss(`visit window at ${e.visit_window}`, shown);
  }
  return misses;
}

export function judgeOutcome(j: Judging, records: readonly StepRecord[]): Miss[] {
  const misses: Miss[] = [];
  const miss = (expected: string, got: string) => misses.push({ step: 0, expected, got });
  const o: Outcome = j.dialogue.outcome ?? {};
  const opened = stepTickets(j);
  if (o.tickets && !exactlyMatch(o.tickets, opened)) miss(`tickets ${specs(o.tickets)}`, describeTickets(opened));
  const promises = j.store.commitments.all().filter(isPromise);
  const describe = (list: typeof promises) => list.map((c) => `${c.kind}/${c.party}/${c.status}`).join(', ') || 'none';
  if (o.commitments) {
    const fit = (spec: (typeof o.commitments)[number], c: (typeof promises)[number]) =>
      c.kind === spec.kind &&
      (spec.party === undefined || c.party === spec.party) &&
      (spec.status === undefined || c.status === spec.status);
    if (!eachHasOwn(o.commitments, promises, fit))
      miss(
        `commitments ${o.commitments.map((c) => [c.kind, c.party, c.status].filter(Boolean).join('/')).join(', ')}`,
        describe(promises),
      );
  }
  const made = promises.filter((c) => c.id > j.firstStepCommitmentId);
  for (const kind of o.no_commitments ?? [])
    if (made.some((c) => c.kind === kind)) miss(`no ${kind} promise`, describe(made.filter((c) => c.kind === kind)));
  if (o.praise_for) {
    const credited = j.store.events
      .ofTypes(['praise'])
      .filter((ev) => ev.at >= j.startMs)
      .map((ev) => (ev.data as { staff?: string | null } | undefined)?.staff ?? null);
    const names = credited
      .filter((id): id is string => id !== null)
      .map((id) => j.store.community.staffById(id)?.name ?? id);
    const ok = o.praise_for === 'nobody' ? names.length === 0 : names.includes(o.praise_for);
    if (!ok)
      miss(
        `praise for ${o.praise_for}`,
        credited.length === 0
          ? 'no praise recorded'
          : `praise recorded for ${credited.map((id, i) => (id === null ? 'nobody' : (names[i] ?? id))).join(', ')}`,
      );
  }
  told(
    j,
    records.flatMap((r) => r.toStaff.map((t) => t.staff)),
    o.staff_told,
    o.staff_not_told,
    miss,
  );
  return misses;
}

function told(
  j: Judging,
  recipients: Staff[],
  want: string[] | undefined,
  not: string[] | undefined,
  miss: (expected: string, got: string) => void,
): void {
  const who = [...new Set(recipients.map(staffLabel))].join(', ') || 'nobody';
  for (const ref of want ?? [])
    if (!recipients.some((s) => j.directory.is(ref, s))) miss(`staff told ${ref}`, `told ${who}`);
  for (const ref of not ?? [])
    if (recipients.some((s) => j.directory.is(ref, s))) miss(`staff not told ${ref}`, `told ${who}`);
}

const specs = (list: ReadonlyArray<{ type: string; emergency?: string }>) =>
  list.length === 0
    ? 'none'
    : list.map((s) => (s.emergency ? `${s.type} emergency:${s.emergency}` : s.type)).join(', ');

/** Every ticket of the dialogue, givens' included, as it stands now. */
const allTickets = (j: Judging): Ticket[] => ticketsAfter(j.store);
/** Those opened since the first step. */
const stepTickets = (j: Judging): Ticket[] => ticketsAfter(j.store, j.firstStepTicketId);

/** Visit windows the step's messages to the resident name (offered, repeated back, booked, proposed): their starts. */
function namedVisits(j: Judging, record: StepRecord): number[] {
  return record.toResident
    .flatMap((m) => m.commitmentIds)
    .map((id) => j.store.commitments.byId(id))
    .filter((c) => c !== undefined && c.kind === 'repair_visit')
    .map((c) => c!.windowStart ?? c!.dueAt);
}
