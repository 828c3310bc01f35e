import type { ComplaintFacts } from '../nlu/intent.js';
import { loadComplaintWords, type ComplaintWords } from './complaint-words.js';
import { escapeRegExp } from '../domain/regexp.js';

/** Longest first, so the longer of two words that start alike wins (小区门口 before 小区). */
const anyOf = (list: readonly string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
const includesAny = (text: string, list: readonly string[]) => list.some((w) => text.includes(w));
const unique = (list: string[]) => [...new Set(list)];

/** Clause breaks: a short answer is read one clause at a time (不用 对了 我家灯也坏了). */
const CLAUSES = /[\s,，。.!！?？、;；~～]+/u;

/**
 * Finds what a message tells of a complaint, wherever in it it is said: where (楼上1302, 北门外面),
 * when (每天晚上11点以后, 上周四下午), for how long (快一个月了), how often (好几次了, 这周第三次),
 * whether to call back, and whether it answers, asks, withdraws or refers to an earlier complaint.
 * Every word is data (data/complaints.zh-CN.yaml); this only puts them together.
 */
export class ComplaintFactFinder {
  private readonly where: RegExp;
  private readonly when: RegExp;
  private readonly since: RegExp;
  private readonly often: RegExp;
  private readonly counted: RegExp;
  private readonly callbackYes: RegExp;
  private readonly callbackNo: RegExp;
  private readonly trailing: RegExp;
  private readonly filler: RegExp;

  constructor(private readonly words: ComplaintWords) {
    const numeral = `[${escapeRegExp(words.numerals)}]`;
    const w = words.where;
    const number = `(?:\\d{1,4}|${numeral}{1,3})`;
    const numbered = `(?:[A-Za-z]?${number}(?:${anyOf(w.numbered)})|[A-Za-z](?:${anyOf(w.numbered)}))`;
    // A bare room number (1302, 402的狗): three or four digits that are not a time, an amount or part of a plate.
    const room = `(?<![\\dA-Za-z.:：])\\d{3,4}(?![\\d${escapeRegExp(w.not_a_room)}:：.])`;
    const place = `(?:${numbered}|${anyOf(w.places)}|${room})`;
    this.where = new RegExp(`${place}(?:${anyOf(w.after)}|(?:${anyOf(w.between)})?${place})*`, 'gu');

    const t = words.when;
    const weekday = `(?:${anyOf(t.weekday_before)})?(?:${anyOf(t.weekday)})[${escapeRegExp(t.weekday_days)}]`;
    const clockAfter = `(?:${anyOf(t.clock_after)}|\\d{1,2}${escapeRegExp(t.minute)}?)?`;
    const digitClock = `\\d{1,2}(?:${anyOf(t.clock)})${clockAfter}`;
    // 一点 on its own is "a little" (一点用没有): a clock in Chinese numerals only follows a time word.
    const numeralClock = `${numeral}{1,3}(?:${anyOf(t.clock)})${clockAfter}`;
    const opening = `(?:${weekday}|${anyOf(t.times)}|${digitClock})`;
    const joiner = `(?:${anyOf(t.joiners)})`;
    this.when = new RegExp(`(?:${joiner})?${opening}(?:${joiner}*(?:${opening}|${numeralClock})|${joiner})*`, 'gu');
    this.trailing = new RegExp(`(?:${anyOf(t.trailing)})+$`, 'u');

    const s = words.since;
    const amount = `(?:${anyOf(s.amounts)}|(?<!\\d)\\d{1,2})`;
    this.since = new RegExp(`(?:${anyOf(s.before)})*${amount}(?:${anyOf(s.units)})(?:${anyOf(s.after)})?`, 'gu');

    const o = words.often;
    this.counted = new RegExp(`${escapeRegExp(o.ordinal)}?${amount}(?:${anyOf(o.counts)})`, 'gu');
    this.often = new RegExp(
      `${anyOf(o.words)}|${this.counted.source}|${escapeRegExp(o.every)}${amount}?${escapeRegExp(o.every_unit)}`,
      'gu',
    );

    const c = words.callback;
    const phone = '(?:\\s*1[3-9]\\d{9})?';
    this.callbackNo = new RegExp(`(?:${anyOf(c.lead)})*(?:${anyOf(c.no)})${phone}`, 'gu');
    this.callbackYes = new RegExp(
      `(?<!(?:${anyOf(c.not_before)})(?:${anyOf(c.lead)})*)(?:${anyOf(c.lead)})*` +
        `(?:${anyOf(c.yes)})(?!${anyOf(c.not_after)})${phone}`,
      'gu',
    );
    const a = words.answers;
    this.filler = new RegExp(anyOf([...words.filler, ...words.vague, ...a.yes, ...a.no, ...a.lead]), 'giu');
  }

  static load(): ComplaintFactFinder {
    return new ComplaintFactFinder(loadComplaintWords());
  }

  find(text: string): ComplaintFacts {
    const callbackNo = matches(text, this.callbackNo);
    const callbackYes = callbackNo.length > 0 ? [] : matches(text, this.callbackYes);
    const often = matches(text, this.often);
    const counted = matches(text, this.counted);
    // One span, one fact: 隔一两天 is how often, not for how long; 这两个礼拜天天 is not 礼拜天.
    const since = matches(without(text, often), this.since);
    const found = {
      callbackNo,
      callbackYes,
      where: matches(text, this.where),
      // 下午打给我 says when to call, not when it happened.
      when: matches(without(without(text, since), [...callbackNo, ...callbackYes]), this.when)
        .map((m) => m.replace(this.trailing, ''))
        .filter((m) => m !== ''),
      since,
      often,
    };
    const callbackWords = found.callbackNo.length > 0 ? found.callbackNo : found.callbackYes;
    const said = tidy(without(text, callbackWords));
    const ongoing = found.when.filter((m) => includesAny(m, this.words.when.ongoing));
    const callbackSaid = callbackWords.join('');
    const by = (['manager', 'supervisor'] as const).find((role) =>
      includesAny(callbackSaid, this.words.callback.by[role]),
    );
    const answer = this.answer(text);
    const question = this.question(text);
    const refersBack = includesAny(text, this.words.adds)
      ? 'adds'
      : includesAny(text, this.words.again)
        ? 'again'
        : undefined;
    const facts: ComplaintFacts = {
      said,
      ...(this.describes(text, [...Object.values(found).flat(), ...this.said(text)]) && { describes: true as const }),
      ...(found.where.length > 0 && { where: unique(found.where) }),
      ...(found.where.some((w) => this.words.where.neighbours.some((n) => w.startsWith(n))) && {
        neighbour: true as const,
      }),
      ...(found.when.length > 0 && { when: unique(found.when) }),
      ...(found.since.length + ongoing.length > 0 && { since: unique([...found.since, ...ongoing]) }),
      ...(found.often.length > 0 && { often: unique(found.often) }),
      ...((counted.length > 0 || found.often.some((o) => this.words.often.repeated.includes(o))) && {
        repeated: true as const,
      }),
      ...(found.often.length + found.since.length + ongoing.length === 0 &&
        found.when.some((m) => includesAny(m, this.words.when.once)) && { once: true as const }),
      ...(callbackWords.length > 0 && { callback: found.callbackNo.length === 0 }),
      ...(by && found.callbackNo.length === 0 && { callbackBy: by }),
      ...(answer && { answer }),
      ...(includesAny(text, this.words.complaining) && { complaining: true as const }),
      ...(this.withdraws(text) && { withdraws: true as const }),
      ...(includesAny(text, this.words.file_now) && { fileNow: true as const }),
      ...(refersBack && { refersBack }),
      ...(question && { question }),
    };
    return facts;
  }

  /** A short yes or no, one clause at a time: any no wins (嗯 不用了), then any yes (好的 谢谢). */
  private answer(text: string): 'yes' | 'no' | undefined {
    const a = this.words.answers;
    const bare = (list: string[]) =>
      new RegExp(`^(?:${anyOf(a.lead)})?(?:${anyOf(list)})(?:${anyOf(a.particles)})*$`, 'iu');
    const [no, yes] = [bare(a.no), bare(a.yes)];
    const clauses = text.split(CLAUSES).filter((c) => c !== '' && !a.not.includes(c));
    if (clauses.some((c) => no.test(c))) return 'no';
    if (clauses.some((c) => yes.test(c))) return 'yes';
    return undefined;
  }

  private withdraws(text: string): boolean {
    const bare = text.replace(/[\s\p{P}]+/gu, '');
    return includesAny(text, this.words.withdraw) || this.words.withdraw_alone.includes(bare);
  }

  /** Words that withdraw, say "write it down" or point back: not a description of what happened. */
  private said(text: string): string[] {
    return [...this.words.withdraw, ...this.words.file_now, ...this.words.adds]
      .filter((w) => text.includes(w))
      .sort((a, b) => b.length - a.length);
  }

  private question(text: string): ComplaintFacts['question'] {
    const q = this.words.questions;
    if (!includesAny(text, q.marks)) return undefined;
    if (includesAny(text, q.anonymity)) return 'anonymity';
    if (includesAny(text, q.how_long)) return 'how_long';
    return 'other';
  }

  /**
   * What is left once the facts, the answers, the words of complaining and the kind are taken out says what happened.
   */
  private describes(text: string, facts: string[]): boolean {
    const rest = without(text, facts)
      .replace(this.filler, '')
      .replace(/[^\p{Script=Han}A-Za-z]/gu, '');
    return rest.length >= this.words.describes_from;
  }
}

/** The text with these words taken out (a space left in their place). */
function without(text: string, words: readonly string[]): string {
  return words.reduce((rest, w) => rest.split(w).join(' '), text);
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0].trim()).filter((m) => m !== '');
}

/** Spaces and punctuation left where words were taken out, tidied. */
function tidy(text: string): string {
  return text
    .replace(/\s*([，,。.！!？?])\s*/gu, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}
