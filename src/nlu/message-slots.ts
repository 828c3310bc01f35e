/** The slots of one message beside its intent: time, phone, ticket, amount, repair category, place, frequency, card. */
import { formatIso } from '../domain/time.js';
import type { Slots } from './intent.js';
import type { IntentData } from './intent-data.js';
import { longestMatch, type SlotFinder } from './slots.js';
import { onDayOf, parseChineseTime, type ParsedTime } from './times.js';
import { loadWords } from './time-words.js';

export class MessageSlots {
  /** The time words of data/times.zh-CN.yaml, read and checked once for every reader of times. */
  private readonly timeWords = loadWords();
  /** The words of a part of the day (上午, 下午…). */
  private readonly periods = new Set(Object.keys(this.timeWords.periods));

  constructor(
    private readonly data: IntentData,
    private readonly slots: SlotFinder,
  ) {}

  /**
   * "后天我上班 能不能改到周一上午": the time after the word that moves a visit is the one wanted, not
   * the first one said.
   */
  timeMovedTo(text: string, now: number): ParsedTime | undefined {
    const { reschedule, moved_to: movedTo } = this.data.repair_change;
    const at = Math.max(...[...reschedule, ...movedTo].map((w) => text.lastIndexOf(w)));
    if (at <= 0) return undefined;
    // The time named right after the move word, not one of a later clause (改到下午吗 上午临时要开会).
    const clauses = text
      .slice(at)
      .split(/[\s，,。！!？?；;]+/u)
      .filter(Boolean);
    const upTo = (n: number) => parseChineseTime(clauses.slice(0, n).join(' '), now);
    let n = 0;
    let moved: ParsedTime | undefined;
    while (n < clauses.length && !moved) moved = upTo(++n);
    // …with the hour said in the clause after its day (改到后天 还是下午两点), or after its part of the day
    // (改到周二下午吗 4点以后).
    const withHour = moved && (!moved.hasTime || moved.fromPeriod) && n < clauses.length ? upTo(n + 1) : undefined;
    if (
      withHour?.hasTime &&
      !withHour.fromPeriod &&
      withHour.at >= moved!.at &&
      formatIso(withHour.at).slice(0, 10) === formatIso(moved!.at).slice(0, 10)
    )
      moved = withHour;
    if (!moved || moved.dayGiven !== false) return moved;
    // "9号下午行 不过能不能提前到两点那个时段": the day said before it is the day of the hour moved to.
    const before = parseChineseTime(text.slice(0, at), now);
    return before?.dayGiven === false || !before ? moved : onDayOf(before, moved);
  }

  find(text: string, time: ParsedTime | undefined, now: number): Slots {
    const slots: Slots = {};
    if (time) {
      slots.time = formatIso(time.at);
      // 今天 said at 09:10 is today, not a morning gone by: only an hour, or a day, can be past.
      const sameDay = formatIso(time.at).slice(0, 10) === formatIso(now).slice(0, 10);
      if (time.at < now && (time.hasTime || !sameDay)) slots.timePast = true;
      if (time.end !== undefined) slots.timeEnd = formatIso(time.end);
      if (!time.hasTime) slots.timeWithoutHour = true;
      // 下午 alone is the afternoon's start; 下午两点 is two o'clock.
      if (time.fromPeriod) slots.timeFromPeriod = true;
      if (time.dayGiven === false) slots.timeWithoutDay = true;
      if (!time.fromPeriod && time.hasTime && saysOnwards(text, time.said, this.timeWords.onwards))
        slots.timeOnwards = true;
      // "上午吧" names a part of some day; "四点以后" names an hour of today.
      if (
        time.dayGiven === false &&
        time.said.length > 0 &&
        time.said.every((w) => this.periods.has(w.replace(/[吧啊呀的]$/u, '')))
      )
        slots.periodOnly = true;
    }
    Object.assign(slots, this.slots.phone(text));
    const ticket = this.slots.ticket(text);
    if (ticket) slots.ticket = ticket;
    const amount = this.slots.amount(text, this.data.currency);
    if (amount) slots.amount = amount;
    const category = this.slots.repairCategory(text);
    if (category) slots.category = category;
    // The place named last: "不是厨房 是卫生间" corrects to the second.
    const location = this.data.locations
      .filter((l) => text.includes(l))
      .sort((a, b) => text.lastIndexOf(b) - text.lastIndexOf(a) || b.length - a.length)[0];
    if (location) slots.location = location;
    // "交那么多物业费你们也不管管" beside 楼上吵: the fee is their grievance's weight, the noise its kind.
    const categories = Object.entries(this.data.complaint_categories);
    const withoutFeeTalk = this.data.paid_for_nothing.reduce((t, w) => t.split(w).join(' '), text);
    const complaint = longestMatch(withoutFeeTalk, categories) ?? longestMatch(text, categories);
    if (complaint) slots.complaintCategory = complaint;
    const frequency = this.data.frequency.find((f) => text.includes(f));
    if (frequency) slots.frequency = frequency;
    Object.assign(slots, this.slots.card(text));
    return slots;
  }
}

/** Whether some words that said the time are followed by a word making it a lower bound (三点以后, 4点之后). */
function saysOnwards(text: string, said: readonly string[], words: readonly string[]): boolean {
  return said.some((piece) => {
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
      const after = text.slice(at + piece.length).trimStart();
      if (words.some((w) => after.startsWith(w))) return true;
    }
    return false;
  });
}
