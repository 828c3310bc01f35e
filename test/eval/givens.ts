import type { Staff } from '../../src/store/community-repo.js';
import { fromWallClock, inZone, parseDuration, parseIso } from '../../src/domain/time.js';
import type { Ticket } from '../../src/store/ticket-repo.js';
import { loadConfig } from '../../src/config.js';
import { OutboundGovernor } from '../../src/runtime/governor.js';
import type { Dialogue, Given } from './dialogue-schema.js';
import type { Driver } from './driver.js';
import type { Sent } from './observer.js';
import { isEmergency, ticketsAfter } from './world.js';

/**
 * Givens made by the normal route: the resident (and staff) say what they would have said, at an
 * earlier time, with canonical wording; the clock then moves on to the dialogue's start, firing
 * every timer on the way. A given the bot will not produce is a harness error, with the reason.
 */
export class GivenError extends Error {}

const HOUR = 3_600_000;
/** A complaint that staff finish was filed this long before they finish it. */
const FILED_BEFORE_DONE = 2 * HOUR;
/** Staff propose a new time this long before the dialogue starts. */
const PROPOSED_BEFORE_START = 10 * 60_000;
/** The office's quiet hours: a proposal the resident has already seen was made outside them. */
const quiet = new OutboundGovernor(
  { jitterMs: 0, ...loadConfig({}).governor },
  { sentSince: () => 0, sendTimesSince: () => [] },
);

interface Action {
  at: number;
  run: (driver: Driver) => Promise<void>;
}

/** The wall-clock instant `hour`:00 on the day of `ms`, `days` later (negative: earlier). */
function dayAt(ms: number, days: number, hour: number): number {
  const day = inZone(ms).add(days, 'day');
  return fromWallClock(day.year(), day.month() + 1, day.date(), hour);
}

/** How a resident names a visit's start: 12月3日下午2点. */
function visitWords(visit: number): string {
  const t = inZone(visit);
  const hour = t.hour() < 12 ? `上午${t.hour()}点` : `下午${t.hour() - 12}点`;
  return `${t.month() + 1}月${t.date()}日${hour}${t.minute() ? `${t.minute()}分` : ''}`;
}

/** Booked at 10:00 the day before the visit, or at 10:00 two days before the start if that is earlier. */
const bookingTime = (visit: number, start: number) => Math.min(dayAt(visit, -1, 10), dayAt(start, -2, 10));

const keysOf = (sent: readonly Sent[]) => sent.flatMap((m) => m.keys);
const lastKeys = (sent: readonly Sent[]) => sent.at(-1)?.keys ?? [];
const said = (sent: readonly Sent[]) => `the bot said [${keysOf(sent).join(', ') || 'nothing'}]`;

/** Orders every given's moves by time: two givens may interleave (a booking days ahead, a complaint yesterday). */
export function planGivens(dialogue: Dialogue): Action[] {
  const start = parseIso(dialogue.start);
  const actions = (dialogue.given ?? []).flatMap((given) => actionsFor(given, start));
  return actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.at - y.a.at || x.i - y.i)
    .map(({ a }) => a);
}

function actionsFor(given: Given, start: number): Action[] {
  const ticket: { number?: string } = {};
  if ('repair_booked' in given) {
    const { problem, visit } = given.repair_booked;
    return [
      {
        at: bookingTime(parseIso(visit), start),
        run: async (d) => void (await bookRepair(d, problem, parseIso(visit), true)),
      },
    ];
  }
  if ('complaint_filed' in given) {
    const { text, ago } = given.complaint_filed;
    return [{ at: start - parseDuration(ago), run: async (d) => void (await fileComplaint(d, text)) }];
  }
  if ('emergency_open' in given) {
    const { text, ago } = given.emergency_open;
    return [{ at: start - parseDuration(ago), run: (d) => reportEmergency(d, text) }];
  }
  if ('repair_done' in given) {
    const { problem, ago } = given.repair_done;
    const doneAt = start - parseDuration(ago);
    // The visit: that morning if the work could have been done by then, else the morning before.
    const visit = dayAt(doneAt, inZone(doneAt).hour() >= 11 ? 0 : -1, 9);
    return [
      { at: dayAt(visit, -2, 10), run: async (d) => void (ticket.number = await bookRepair(d, problem, visit, false)) },
      { at: doneAt, run: (d) => finish(d, ticket.number!) },
    ];
  }
  if ('complaint_done' in given) {
    const { text, ago } = given.complaint_done;
    const doneAt = start - parseDuration(ago);
    return [
      { at: doneAt - FILED_BEFORE_DONE, run: async (d) => void (ticket.number = await fileComplaint(d, text)) },
      { at: doneAt, run: (d) => finish(d, ticket.number!) },
    ];
  }
  const { problem, visit, new_time } = given.reschedule_proposed;
  return [
    {
      at: bookingTime(parseIso(visit), start),
      run: async (d) => void (ticket.number = await bookRepair(d, problem, parseIso(visit), true)),
    },
    {
      at: quiet.lastAllowedAtOrBefore(start - PROPOSED_BEFORE_START),
      run: (d) => proposeTime(d, ticket.number!, new_time),
    },
  ];
}

/** Creates the givens and moves the clock to the start. */
export async function createGivens(driver: Driver, dialogue: Dialogue): Promise<void> {
  for (const action of planGivens(dialogue)) {
    await driver.advanceTo(action.at);
    await action.run(driver);
  }
  await driver.advanceTo(parseIso(dialogue.start));
}

/**
 * "<problem>，12月3日下午2点", then 对 at the repeat-back. `exact`: the window must start at
 * `visit` (offered first, or among the alternatives); otherwise the first window offered will do.
 */
async function bookRepair(d: Driver, problem: string, visit: number, exact: boolean): Promise<string> {
  const before = lastTicketId(d);
  let replies = d.toResident(await d.say(`${problem}，${visitWords(visit)}`));
  for (let turn = 0; turn < 5; turn += 1) {
    const keys = lastKeys(replies);
    const booked = ticketsAfter(d.app.store, before).find((t) => t.type === 'repair' && t.party === d.resident);
    if (booked) return checkVisit(d, booked, visit, exact);
    if (keys.includes('repair.repeat_back')) replies = d.toResident(await d.say('对'));
    else if (keys.some((k) => k.startsWith('repair.alternatives_'))) {
      const offered = (replies.at(-1)?.commitmentIds ?? []).map((id) => d.app.store.commitments.byId(id));
      const index = offered.findIndex((c) => c?.windowStart === visit);
      if (index < 0 && exact)
        throw new GivenError(`the window at ${visitWords(visit)} was not offered (${said(replies)})`);
      replies = d.toResident(await d.say(String(index < 0 ? 1 : index + 1)));
    } else if (keys.some((k) => ['repair.ask_time', 'repair.ask_hour', 'repair.ask_time_again'].includes(k)))
      replies = d.toResident(await d.say(visitWords(visit)));
    else if (keys.includes('repair.ask_problem')) replies = d.toResident(await d.say(problem));
    // Someone with two homes is asked which: the given names none, so the first of theirs.
    else if (keys.includes('repair.ask_unit')) {
      const home = d.app.store.community.residentsByWechat(d.resident)[0]?.unitId;
      if (!home) throw new GivenError(`booking "${problem}": asked for a home, and the resident has none`);
      replies = d.toResident(await d.say(home));
    }
    // A leak of unknown size is asked about: the booking a given describes can wait for its time.
    else if (keys.includes('emergency.ask_now_or_then')) replies = d.toResident(await d.say('不急，按这个时间来'));
    else throw new GivenError(`booking "${problem}": ${said(replies)}`);
  }
  throw new GivenError(`booking "${problem}" did not end in a booking: ${said(replies)}`);
}

function checkVisit(d: Driver, ticket: Ticket, visit: number, exact: boolean): string {
  if (isEmergency(ticket))
    throw new GivenError(`"${ticket.summary}" was taken for an emergency (${ticket.number}), not booked`);
  const promised = d.app.store.commitments
    .byTicket(ticket.id)
    .find((c) => c.kind === 'repair_visit' && c.status === 'open');
  if (!promised) throw new GivenError(`${ticket.number} was booked without a visit`);
  if (exact && promised.windowStart !== visit)
    throw new GivenError(`${ticket.number} was booked for another window than ${visitWords(visit)}`);
  return ticket.number;
}

/**
 * "我要投诉：<text>" (a resident filing a complaint says so: the given is that a complaint exists,
 * not whether the bot can tell one), each question answered plainly in the bot's own words, then
 * 对 at the repeat-back.
 */
const COMPLAINT_OPENING = '我要投诉：';
const COMPLAINT_ANSWERS: Record<string, string> = {
  'complaint.ask_where': '就在我们小区',
  'complaint.ask_when': '这几天',
  'complaint.ask_often': '经常发生',
  'complaint.ask_callback': '不需要',
  'complaint.repeat_back': '对',
  'complaint.repeat_back_call': '对',
  'complaint.confirm_again': '对',
};

async function fileComplaint(d: Driver, text: string): Promise<string> {
  const before = lastTicketId(d);
  let replies = d.toResident(await d.say(`${COMPLAINT_OPENING}${text}`));
  for (let turn = 0; turn < 8; turn += 1) {
    const filed = ticketsAfter(d.app.store, before).find((t) => t.type === 'complaint' && t.party === d.resident);
    if (filed) return filed.number;
    const key = lastKeys(replies).find((k) => k === 'complaint.ask_what' || k in COMPLAINT_ANSWERS);
    if (!key) throw new GivenError(`complaint "${text}": ${said(replies)}`);
    replies = d.toResident(await d.say(key === 'complaint.ask_what' ? text : COMPLAINT_ANSWERS[key]!));
  }
  throw new GivenError(`complaint "${text}" was never filed: ${said(replies)}`);
}

/** What a resident with an emergency answers to "now, or at a time that suits you?". */
const NOW_PLEASE = '现在就来';

async function reportEmergency(d: Driver, text: string): Promise<void> {
  const before = lastTicketId(d);
  let replies = d.toResident(await d.say(text));
  // The given says the emergency is open: asked whether someone should come now (a leak whose size was not said),
  // the resident said now.
  if (
    replies.some((m) => m.keys.includes('emergency.ask_now_or_later') || m.keys.includes('emergency.ask_now_or_then'))
  )
    replies = d.toResident(await d.say(NOW_PLEASE));
  // The kind cannot be checked by the route itself: the dialogue's own expectations judge it.
  if (!ticketsAfter(d.app.store, before).some(isEmergency))
    throw new GivenError(`emergency "${text}" opened no emergency ticket: ${said(replies)}`);
}

/** Whoever owns the ticket claims it if need be, then #完成; nobody owns it: the desk (a repair: the supervisor). */
async function finish(d: Driver, number: string): Promise<void> {
  const ticket = d.app.store.tickets.byNumber(number)!;
  const staff = worker(d, ticket);
  const replies: Sent[] = [];
  if (ticket.status === 'new' || ticket.status === 'reopened')
    replies.push(...(await d.command(staff, `#接单 ${number}`)));
  replies.push(...(await d.command(staff, `#完成 ${number}`)));
  if (d.app.store.tickets.byNumber(number)!.status !== 'done')
    throw new GivenError(`${staff.name}'s #完成 ${number} did not finish it: ${said(replies)}`);
}

async function proposeTime(d: Driver, number: string, time: string): Promise<void> {
  const ticket = d.app.store.tickets.byNumber(number)!;
  const staff = worker(d, ticket);
  const replies = await d.command(staff, `#改约 ${number} ${time}`);
  if (!d.toResident(replies).some((m) => m.keys.includes('reschedule.proposal'))) {
    throw new GivenError(`${staff.name}'s #改约 ${number} ${time} reached no resident: ${said(replies)}`);
  }
}

function worker(d: Driver, ticket: Ticket): Staff {
  const owner = ticket.ownerId ? d.app.store.community.staffById(ticket.ownerId) : undefined;
  const fallback =
    ticket.type === 'repair'
      ? d.app.store.community.staffByRole('supervisor')[0]
      : d.app.store.community.staffByRole('service')[0];
  const staff = owner ?? fallback;
  if (!staff) throw new GivenError(`nobody on staff can finish ${ticket.number}`);
  return staff;
}

const lastTicketId = (d: Driver) => ticketsAfter(d.app.store).at(-1)?.id ?? 0;
