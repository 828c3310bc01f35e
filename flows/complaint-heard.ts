import type { ComplaintFacts } from '../src/nlu/intent.js';
import type { ComplaintSummary, TextEvent } from './events.js';
import type { PhraseRef } from '../src/phrases/phrase-ref.js';

/**
 * What a complaint flow has heard so far, and what it still needs: pure functions over the facts
 * each message carries (see `ComplaintFacts`), so the machine in complaint.ts only says when.
 */

export type Field = 'what' | 'where' | 'when' | 'often' | 'callback';

export interface Heard {
  category: string;
  /** The opening message and each one that says what happened, in the resident's words. */
  what: string[];
  /** Whether any message said what happened (an opening "我要投诉楼上" does not). */
  described: boolean;
  where: string[];
  when: string[];
  /** How long it has gone on: answers when and how often both. */
  since: string[];
  often: string[];
  /** A day gone by was named and nothing said it keeps happening: it happened once. */
  once: boolean;
  callback?: boolean;
  callbackBy?: 'manager' | 'supervisor';
  /** When the resident asked to be called (明天中午之前打给我, 最好晚上打): the call-back is promised for then. */
  callbackAt?: string;
  /** The time asked is when to start calling (晚上七点以后打我电话), not a time to call by. */
  callbackFrom?: true;
  phone?: string;
  staff?: string;
  /** The trade of a fault the complaint names (单元门锁坏了): its technicians hear of it as well. */
  fault?: string;
  /** How often each fact was asked: asked twice and still not told, it is not asked again. */
  asked: Partial<Record<Field, number>>;
}

/**
 * The facts each kind of complaint needs before it is read back. About a staff member, who it was
 * matters, not where; a safety hazard is looked at now, whenever and however often it happened.
 */
const NEEDED: Record<string, readonly Field[]> = {
  staff_attitude: ['what', 'when', 'callback'],
  safety: ['what', 'where', 'callback'],
  fees: ['what', 'callback'],
};
/**
 * A resident who twice does not say is not asked a third time: what is known goes ahead (what happened is always
 * needed).
 */
const ASK_AT_MOST = 2;
const mayAsk = (h: Heard, f: Field) => f === 'what' || (h.asked[f] ?? 0) < ASK_AT_MOST;
const ALL_FIELDS: readonly Field[] = ['what', 'where', 'when', 'often', 'callback'];

const known: Record<Field, (h: Heard) => boolean> = {
  what: (h) => h.described,
  where: (h) => h.where.length > 0,
  // Something that keeps happening (天天, 好几次了) or has for a while says when it happens.
  when: (h) => h.when.length + h.since.length + h.often.length > 0,
  often: (h) => h.often.length + h.since.length > 0 || h.once,
  callback: (h) => h.callback !== undefined,
};

/** The first fact still missing (and not asked twice already), in the order a person would ask. */
export const missing = (h: Heard): Field | undefined =>
  (NEEDED[h.category] ?? ALL_FIELDS).find((f) => !known[f](h) && mayAsk(h, f));

/** Counts a question asked. */
export const asking = (h: Heard, field: Field): Partial<Record<Field, number>> => ({
  ...h.asked,
  [field]: (h.asked[field] ?? 0) + 1,
});

/** Nothing heard yet: where a complaint starts. */
export const emptyHeard = (): Heard => ({
  category: 'other',
  what: [],
  described: false,
  where: [],
  when: [],
  since: [],
  often: [],
  once: false,
  asked: {},
});

export const factsOf = (event: TextEvent): ComplaintFacts => event.complaint ?? { said: event.text };

/** Bare words of the message, with nothing in them a flow could take as a fact. */
const saysNothing = (f: ComplaintFacts) =>
  !f.describes && !f.where && !f.when && !f.since && !f.often && f.callback === undefined && f.answer === undefined;

const add = (list: string[], more: string[] | undefined) => [...list, ...(more ?? []).filter((m) => !list.includes(m))];

/** The opening message: kept as the start of what happened when it tells anything at all. */
export function hearFirst(event: TextEvent): Heard {
  const f = factsOf(event);
  const heard = hear(emptyHeard(), event);
  return saysNothing(f) ? { ...heard, what: [] } : { ...heard, what: [f.said] };
}

/**
 * Takes every fact the message tells. `asked`: the question it answers — a message that tells
 * nothing recognisable answers it as said ("不记得了"), and a bare yes or no answers a call back.
 * `replace`: a correction at the read-back replaces what it names instead of adding to it.
 */
export function hear(h: Heard, event: TextEvent, asked?: Field | 'change', replace = false): Heard {
  const f = factsOf(event);
  const s = event.slots;
  const merge = (list: string[], more: string[] | undefined) => (replace && more ? [...more] : add(list, more));
  // The answer to "shall we call you?" with a time in it (要 最好晚上打) says when to call, not when it happened.
  const aboutTheCall =
    asked === 'callback' && (f.answer !== undefined || f.callback !== undefined) && s.time !== undefined;
  const next: Heard = {
    ...h,
    where: merge(h.where, f.where),
    when: merge(h.when, aboutTheCall ? undefined : f.when),
    since: merge(h.since, f.since),
    often: merge(h.often, f.often),
    once: h.once || f.once === true,
  };
  // A staff member named makes it a complaint about staff, whatever else the words name.
  if (s.staff) next.staff ??= s.staff;
  if (next.staff) next.category = 'staff_attitude';
  else if (next.category === 'other' && s.complaintCategory) next.category = s.complaintCategory;
  const answered = asked === 'callback' && f.callback === undefined ? f.answer : undefined;
  if (f.callback !== undefined || answered) next.callback = f.callback ?? answered === 'yes';
  if (f.callbackBy) next.callbackBy = f.callbackBy;
  if (aboutTheCall && next.callback && !s.timePast) {
    next.callbackAt = s.time;
    if (s.timeOnwards === true || s.periodOnly === true) next.callbackFrom = true;
    else delete next.callbackFrom;
  }
  if (s.phone) next.phone = s.phone;
  if (f.fault) next.fault ??= f.fault;
  if (asked === 'change') next.what = [f.said];
  if (asked === 'change' || (f.describes && !aboutTheCall) || (asked === 'what' && f.answer === undefined)) {
    if (asked !== 'change') next.what = add(h.what, [f.said]);
    next.described = true;
  } else if (asked && asked !== 'callback' && saysNothing(f) && f.said !== '') next[asked] = [...next[asked], f.said];
  return next;
}

/** Whether the message adds anything to what is known (a correction at the read-back). */
export const tellsMore = (event: TextEvent): boolean => factsOf(event).describes === true || tellsFacts(event);

/** Where, when, since when or how often it happens, or whether a call back is wanted: more than words. */
export const tellsFacts = (event: TextEvent): boolean => {
  const f = factsOf(event);
  return !!f.where || !!f.when || !!f.since || !!f.often || f.callback !== undefined;
};

/** The complaint as filed and as the staff see it: each fact as the resident said it. */
export function summaryOf(h: Heard): ComplaintSummary {
  const join = (list: string[]) => (list.length > 0 ? list.join('，') : undefined);
  // 天天 says how often, not when; each fact is said once, where it says most.
  const times = h.when.filter((w) => !h.often.includes(w));
  const shownWhen = times.length > 0 ? times : h.since;
  const when = join(shownWhen);
  const often = join([...new Set([...h.often, ...h.since])].filter((o) => !shownWhen.includes(o)));
  // 楼上 beside 楼上1301 is said once, in its fuller form.
  const fuller = (w: string) => h.where.some((o) => o.length > w.length && o.includes(w));
  const where = join(h.where.filter((w) => !fuller(w)));
  return { what: join(h.what) ?? '', ...(where && { where }), ...(when && { when }), ...(often && { often }) };
}

/** The read-back, one fact a line, ending with the question: only what was said is read back. */
export function readBack(h: Heard): PhraseRef[] {
  const s = summaryOf(h);
  return [
    { key: 'complaint.repeat_back', params: { what: s.what } },
    ...(s.where ? [{ key: 'complaint.repeat_back_where', params: { where: s.where } }] : []),
    ...(s.when ? [{ key: 'complaint.repeat_back_when', params: { when: s.when } }] : []),
    ...(s.often ? [{ key: 'complaint.repeat_back_often', params: { often: s.often } }] : []),
    { key: h.callback ? 'complaint.repeat_back_call' : 'complaint.repeat_back_no_call' },
  ];
}

/**
 * Complaints the classifier reads as something else, heard by the complaint flow first: a threat of
 * harm (the manager at once), whatever else the words say; it happening again ("又吵了 上次投诉了
 * 没用") or a message that says it is a complaint with nothing open to ask after ("…还堆在那 投诉
 * 一下"), though either reads like a chase; more said about something open, or it happening again,
 * with no chase words ("补充一下…", "装修那个 今天又在钻了": onto the complaint, else to whoever handles
 * what is open); a kind of complaint told in words that read as a cancel ("不要再吵了 楼上天天跺脚");
 * a shared facility that fails again and again ("电梯这个月第四次坏了"), though it reads like a repair;
 * and a neighbour's fault that keeps troubling the resident.
 */
export function complainsFirst(e: TextEvent): boolean {
  const f = e.complaint;
  const kind = e.slots.complaintCategory !== undefined;
  if (e.tone === 'threat') return true;
  // "姓孙的师傅上次来修马桶 态度差得要死", nothing of theirs open to chase: a staff member named with what is wrong
  // with them is a complaint about them, never a chase passed to them.
  if (
    e.slots.staff !== undefined &&
    e.slots.complaintCategory === 'staff_attitude' &&
    (e.intent === 'complaint' || (e.alternative === 'complaint' && e.intent !== 'praise')) &&
    (e.openTickets ?? 0) === 0
  )
    return true;
  // "热水器那个不用来了 是燃气卡没钱了": a booked visit called off, whatever the words share with a complaint.
  if (e.repairChange === 'cancel' && (e.openTickets ?? 0) > 0) return false;
  // "今天下午4点 再不来我就投诉了" after a missed visit: a new time for it, read back, not a complaint yet.
  if (e.namesVisitTime === true && e.intent === 'progress' && (e.openTickets ?? 0) > 0) return false;
  // "又吵了 上次投诉了一点用没有": it happening again is heard as a complaint, chase words and all.
  if (
    (e.intent === 'progress' || e.intent === 'complaint') &&
    kind &&
    (f?.refersBack === 'again' || (f?.complaining === true && e.openTickets === 0 && e.aboutTicket === undefined))
  )
    return true;
  if (f?.refersBack !== undefined && (e.openTickets ?? 0) > 0 && e.aboutTicket === undefined) return true;
  if (e.intent === 'cancel' && kind && f?.describes === true && !f.withdraws) return true;
  // "我要投诉：…" says what it is, whatever else the words resemble (纸箱 旧家具 are no card business).
  if (f?.complaining === true && ['card', 'arrears', 'other', 'greeting'].includes(e.intent) && !e.asksFees)
    return true;
  // A neighbour's fault that keeps troubling them (楼上1302空调外机滴水 天天晚上睡不着) is theirs to hear about.
  if (e.intent === 'repair' && !e.emergency && f?.neighbour === true && (f.often ?? f.since) !== undefined) return true;
  return e.intent === 'repair' && e.slots.complaintCategory === 'facilities' && f?.repeated === true;
}
