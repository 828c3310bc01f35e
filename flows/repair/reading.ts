import type { ConversationEvent, TextEvent } from '../events.js';
import type { PhraseRef } from '../../src/phrases/phrase-ref.js';

/** What the repair booking knows so far, and what it reads from a message; pure functions, no state. */
export interface RepairContext {
  problem?: string;
  category?: string;
  location?: string;
  /** The wanted time (ISO, +08:00), and whether an hour was given with it. */
  wanted?: string;
  wantedHasHour?: boolean;
  /** The wanted hour is a lower bound (三点以后). */
  wantedOnwards?: true;
  /** The wanted hour stands for a part of the day (傍晚 is 18:00): near it will do. */
  wantedFromPeriod?: true;
  /** A part of the day said before any day ("上午吧"): it completes the day said next. */
  period?: string;
  /** A fault in the common parts (楼道灯): nobody needs to be at home, so no visit time is asked. */
  publicArea?: boolean;
  /** A lift out of order (nobody inside): a building without its lift is put right the same day, not in two. */
  liftDown?: true;
  /** The resident's homes, when there are several (asked which one), and the one chosen. */
  units?: string[];
  unit?: string;
  /** Windows held for the resident while they choose or confirm (commitment ids). */
  holds: number[];
  /** How the windows were found: the wanted one full, the windows of the day said, or the soonest. */
  offer?: 'full' | 'day' | 'soonest';
  chosen?: number;
  messageId?: string;
  /** Left at the repeat-back and gone quiet: a yes on their return books the time it named, if still free. */
  confirmedOnReturn?: true;
  /** That yes was given: the wanted window, offered exactly, is booked without asking again. */
  bookOnOffer?: true;
  /** A phone given along the way (姓吴 电话135…): the number the technician rings. */
  contact?: string;
  /** The soonest was asked for (最早那个): the first window found is read back at once. */
  soonest?: true;
  /** The time was left to us when the repair was first told (…你们啥时候有空): the soonest windows are offered. */
  leftToUs?: true;
  /** Someone the office does not know yet: no number on file for the technician to ring, so one is asked for. */
  stranger?: true;
  /** Hurry was said with nothing said of what is wrong (救命 快来人): what happened is asked as an emergency would be. */
  urgent?: true;
}

/** "说错了 不是厨房 是卫生间": the place changes, in the problem as told too; nothing else does. */
export function corrected(context: RepairContext, event: ConversationEvent): Partial<RepairContext> {
  const place = event.type === 'TEXT' ? event.slots.location : undefined;
  if (!place) return {};
  const problem =
    context.problem && context.location ? context.problem.split(context.location).join(place) : context.problem;
  return { location: place, ...(problem && { problem }) };
}

/** What a message tells about the repair; later answers fill in, never erase, what was said. */
export function learned(context: RepairContext, event: ConversationEvent): Partial<RepairContext> {
  if (event.type !== 'TEXT') return {};
  const s = event.slots;
  // "我要报修" asks for a repair; "卧室窗户关不上" describes one (it names a kind of repair or a place).
  const describes = !event.menu && (s.category !== undefined || s.location !== undefined);
  const wantedDay = context.wanted?.slice(0, 10);
  return {
    ...(event.urgency === 'now' && { urgent: true as const }),
    ...(event.identity === 'unbound' && { stranger: true as const }),
    // In the common parts the words that place it (3栋2单元12楼, 晚上) are what staff need to find it: kept whole.
    ...(describes &&
      !context.problem && { problem: event.publicArea ? event.text : (event.matter ?? event.topic ?? event.text) }),
    ...(s.category && { category: s.category }),
    ...(s.location && !context.location && { location: s.location }),
    ...(event.publicArea && { publicArea: true }),
    ...(event.publicArea && event.liftOut && { liftDown: true as const }),
    ...(event.anyTime && !s.time && !context.problem && describes && { leftToUs: true as const }),
    ...(event.units && event.units.length > 1 && !context.units && { units: event.units }),
    ...(s.unit && (context.units ?? [s.unit]).includes(s.unit) && { unit: s.unit }),
    // "1102的门锁坏了": one of their homes named by its room.
    ...(!s.unit &&
      !context.unit &&
      event.units &&
      roomNamed(event.units, event.text) && { unit: roomNamed(event.units, event.text) }),
    ...(s.time &&
      !s.timePast && {
        ...timeLearned(context, s, wantedDay),
        wantedOnwards: s.timeOnwards,
        wantedFromPeriod: s.timeFromPeriod || undefined,
      }),
    ...(event.messageId && !context.messageId && { messageId: event.messageId }),
    // A number to ring said with the request (电话15011112222): the one the technician calls.
    ...(s.phone && !context.contact && { contact: s.phone }),
  };
}

function timeLearned(
  context: RepairContext,
  s: TextEvent['slots'],
  wantedDay: string | undefined,
): Partial<RepairContext> {
  // A part of the day alone, before any day is known: kept until the day is said.
  if (s.periodOnly && !wantedDay) return { period: s.time! };
  // "上午" after "明天": the hour completes the day already given, or moves within it ("改成下午2点"
  // at the repeat-back of tomorrow morning is tomorrow afternoon); a day after "上午吧", the other way round.
  if (wantedDay && s.timeWithoutDay) return { wanted: `${wantedDay}${s.time!.slice(10)}`, wantedHasHour: true };
  if (s.timeWithoutHour && context.period)
    return { wanted: `${s.time!.slice(0, 10)}${context.period.slice(10)}`, wantedHasHour: true, period: undefined };
  // "不是 是后天" after "明天下午2点": another day, the same hour.
  if (s.timeWithoutHour && context.wanted && context.wantedHasHour)
    return { wanted: `${s.time!.slice(0, 10)}${context.wanted.slice(10)}`, wantedHasHour: true };
  return { wanted: s.time!, wantedHasHour: !s.timeWithoutHour };
}

/** The home whose room is named; of two, the one named last (1101的门 不对 是1102). */
const roomNamed = (units: readonly string[], text: string) =>
  units
    .map((unit) => ({ unit, at: text.lastIndexOf(unit.split('-').at(-1)!) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => b.at - a.at)[0]?.unit;

/** Another of their homes named in a correction (唔係 係1102): the one meant, with the problem's room put right. */
export function otherHomeNamed(context: RepairContext, event: ConversationEvent): Partial<RepairContext> | undefined {
  if (event.type !== 'TEXT' || !event.units || event.units.length < 2 || !context.unit) return undefined;
  const slotUnit = event.slots.unit;
  // 不对 是1102 不是1101: of the homes named, the one not read back.
  const others = event.units.filter((u) => u !== context.unit);
  const named = slotUnit && others.includes(slotUnit) ? slotUnit : roomNamed(others, event.text);
  if (!named) return undefined;
  const room = (unit: string) => unit.split('-').at(-1)!;
  return { unit: named, ...(context.problem && { problem: context.problem.replace(room(context.unit), room(named)) }) };
}

/** The booking as repeated back: the place, then the problem (unless it already says where). */
export function describe(context: RepairContext): string {
  const problem = context.problem ?? '';
  return context.location && !problem.includes(context.location) ? `${context.location} ${problem}` : problem;
}

/** The windows on offer, said the way they were found. */
export function windowsOffered(context: RepairContext): PhraseRef {
  const times = Object.fromEntries(context.holds.map((id, i) => [`w${i + 1}`, id]));
  const lead = context.offer === 'day' ? 'day_windows' : context.offer === 'soonest' ? 'soonest' : 'alternatives';
  return { key: `repair.${lead}_${context.holds.length}`, times };
}

/** The window a reply picks among those offered: 1–3, 第一个, 晚一点那个 (the last), or "都行 / 最早那个" for the first. */
const POINTS_AT_ONE = /那个|那一个|那档|那一档/u;
/** The window pointed at by its hour (4点那个, 两点的那个): that hour, whatever else is said (我早点溜). */
const HOUR_POINTED = /(\d{1,2}|[一二两三四五六七八九十]{1,2})点(半)?(的)?(那个|那一个|那档|那一档)/u;

export function pickedIndex(context: RepairContext, event: ConversationEvent): number | undefined {
  if (event.type !== 'TEXT' || context.holds.length === 0) return undefined;
  // 下午早点 names a part of the day: that is read as a time, not as the first window offered; but 最晚那个 points at
  // one of those offered, whatever time is said beside it (我们5点前能赶回来).
  // 下午 早点那个 is the earliest of the afternoon: the part of the day said is where that window is found.
  const pointsAtOne =
    POINTS_AT_ONE.test(event.text) && !(event.relative === 'earlier' && event.slots.timeFromPeriod === true);
  const relative =
    event.slots.time !== undefined && (!pointsAtOne || HOUR_POINTED.test(event.text))
      ? undefined
      : event.relative === 'later'
        ? context.holds.length
        : event.relative === 'earlier'
          ? 1
          : undefined;
  const n = event.ordinal ?? relative ?? (event.anyTime ? 1 : undefined);
  return n !== undefined && n >= 1 && n <= context.holds.length ? n - 1 : undefined;
}

/** The home a reply picks among the resident's several: by unit, by room number, or by order. */
export function pickedUnit(context: RepairContext, event: ConversationEvent): string | undefined {
  if (event.type !== 'TEXT' || !context.units) return undefined;
  if (event.slots.unit && context.units.includes(event.slots.unit)) return event.slots.unit;
  const room = roomNamed(context.units, event.text);
  if (room) return room;
  return event.ordinal !== undefined ? context.units[event.ordinal - 1] : undefined;
}
