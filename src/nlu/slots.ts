import { findUnit, spelledDigits } from '../domain/unit.js';
import type { StaffName } from '../store/community-repo.js';
import type { IntentData } from './intent-data.js';
import type { Slots } from './intent.js';
import { escapeRegExp } from '../domain/regexp.js';

const anyOf = (list: string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');

export interface FoundUnit {
  /** Canonical `3-2-1201`, when building, entrance and room are all given. */
  unit?: string;
  building?: string;
  entrance?: string;
  room?: string;
  /** The words that gave the unit, so they can be left out when judging what the message is about. */
  said?: string;
}

/** Finds the non-time slots in a message: unit, phone, ticket, amount, repair category, urgency, staff. */
export class SlotFinder {
  private readonly phoneTail: RegExp;
  private readonly categories: Array<[string, string[]]>;
  private readonly plate: RegExp;
  private readonly forOthers: RegExp[];
  private readonly namePattern: RegExp;
  /** Every card business word, longest first: taken out before a request (办) is looked for. */
  private readonly businessWords: string[];

  constructor(private readonly data: IntentData) {
    this.phoneTail = new RegExp(`(?:${anyOf(data.phone_tail)})\\D{0,2}(\\d{4})(?!\\d)`);
    this.categories = Object.entries(data.repair_categories);
    this.forOthers = data.card_others.map((p) => new RegExp(p, 'u'));
    this.plate = new RegExp(
      `([${escapeRegExp(data.plate_provinces)}])\\s*([A-Z])\\s*[·.\\-]?\\s*([A-Z0-9]{5,6})(?![A-Z0-9])`,
    );
    this.namePattern = new RegExp(
      `(?:${anyOf(data.name_prefixes)})\\s*([\\p{Script=Han}·]{2,6}|[A-Za-z][A-Za-z ]{1,29})`,
      'u',
    );
    this.businessWords = Object.values(data.card_business)
      .flat()
      .sort((a, b) => b.length - a.length);
  }

  /**
   * Which card, what business (the first group in data order that matches), whether it is asked
   * for or only asked about, a car plate, and
   * the card holder's name: introduced (我叫…), or shaped like a name among the form's fields.
   */
  card(
    text: string,
  ): Pick<
    Slots,
    | 'cardType'
    | 'cardBusiness'
    | 'cardRequest'
    | 'cardGeneric'
    | 'cardForSelf'
    | 'cardForOthers'
    | 'plate'
    | 'name'
    | 'nameGuess'
  > {
    const d = this.data;
    const cardType = longestMatch(text, Object.entries(d.card_types));
    const cardBusiness = Object.entries(d.card_business).find(([, words]) => words.some((w) => text.includes(w)))?.[0];
    const unbusiness = without(text, this.businessWords);
    const cardRequest = d.card_request.some((w) => unbusiness.includes(w));
    const cardGeneric = !cardRequest && d.card_generic.some((w) => unbusiness.includes(w));
    const cardForOthers = this.forOthers.some((r) => r.test(text));
    // "不是我 是我妈" holds 是我, and is for someone else.
    const cardForSelf = !cardForOthers && d.card_self.some((w) => text.includes(w));
    const m = this.plate.exec(text.toUpperCase());
    const name = this.namePattern.exec(text)?.[1];
    const nameGuess = this.nameGuess(text);
    return {
      ...(cardType && { cardType }),
      ...(cardBusiness && { cardBusiness }),
      ...(cardRequest && { cardRequest: true as const }),
      ...(cardGeneric && { cardGeneric: true as const }),
      ...(cardForSelf && { cardForSelf: true as const }),
      ...(cardForOthers && { cardForOthers: true as const }),
      ...(m && { plate: `${m[1]}${m[2]}${m[3]}` }),
      ...(name && { name }),
      ...(nameGuess && { nameGuess }),
    };
  }

  /**
   * Names in a form written in one message ("李建国 刘桂兰 3栋2单元1202 联系电话13800001202"): what
   * is left once phone, unit, plate and labels are taken out, each piece of two to four Han
   * characters that starts with a surname and holds no word that is never a name.
   */
  private nameGuess(text: string): string | undefined {
    const d = this.data;
    let rest = text.toUpperCase().replace(new RegExp(this.plate.source, 'g'), ' ');
    rest = rest.replace(/1[3-9]\d{9}/g, ' ');
    // Units, however written, are no names.
    for (let found = findUnit(rest); found?.said; found = findUnit(rest)) rest = rest.split(found.said).join(' ');
    rest = without(rest, d.form_labels);
    const never = [
      ...d.not_names,
      ...d.card_request,
      ...d.card_generic,
      ...d.card_self,
      ...this.businessWords,
      ...Object.values(d.card_types).flat(),
    ];
    const names = rest.split(/[^\p{Script=Han}·]+/u).filter((piece) => {
      const surname =
        d.compound_surnames.find((s) => piece.startsWith(s)) ??
        (d.surnames.includes(piece[0] ?? ' ') ? piece[0] : undefined);
      return (
        surname !== undefined &&
        piece.length > surname.length &&
        piece.length <= surname.length + 3 &&
        !never.some((w) => piece.includes(w))
      );
    });
    return names.length > 0 ? names.join(' ') : undefined;
  }

  /**
   * The unit as the office records it (src/domain/unit.ts), or the parts given (3栋1201, 2单元): the flow asks the rest.
   */
  unit(text: string): FoundUnit {
    const found = findUnit(text);
    if (!found) return {};
    const { unit, said, ...parts } = found;
    return { ...(unit && { unit: unit.id }), ...parts, said };
  }

  phone(text: string): { phone?: string; phoneLast4?: string } {
    const full = /(?<!\d)(1[3-9]\d{9})(?!\d)/.exec(text);
    if (full) return { phone: full[1]!, phoneLast4: full[1]!.slice(-4) };
    const tail = this.phoneTail.exec(text) ?? this.phoneTail.exec(spelledDigits(text));
    if (tail) return { phoneLast4: tail[1]! };
    // Four digits written out (零八零三) are the answer to the last-four question, never a room.
    const spelled = /^[\s\p{P}]*(\p{Script=Han}{4})[\s\p{P}]*$/u.exec(text);
    const digits = spelled ? spelledDigits(spelled[1]!) : '';
    return /^\d{4}$/.test(digits) ? { phoneLast4: digits } : {};
  }

  ticket(text: string): string | undefined {
    return /(?<![A-Za-z0-9·.-])([RCKHrckh]\d{1,7})(?!\d)/.exec(text)?.[1]?.toUpperCase();
  }

  /** An amount of money in yuan, as written with a currency word (268.50元, 300块). */
  amount(text: string, currencyWords: string[]): string | undefined {
    const m = new RegExp(`(\\d{1,9}(?:\\.\\d{1,2})?)\\s*(?:${anyOf(currencyWords)})`).exec(text);
    return m?.[1];
  }

  /** The repair category whose keyword matches longest (热水器 is an appliance, not water). */
  repairCategory(text: string): string | undefined {
    return longestMatch(text, this.categories);
  }

  /**
   * A staff member named in the text (praise, complaints about staff): by full name, or by surname
   * and the title of their role (孙师傅 → the technician 孙强, 吴主管 → the supervisor 吴刚). Two of
   * the same surname and role: nobody, rather than the wrong one.
   */
  staffName(text: string, staff: readonly StaffName[]): string | undefined {
    const byName = [...staff]
      .sort((a, b) => b.name.length - a.name.length)
      .find((s) => s.name.length >= 2 && text.includes(s.name));
    if (byName) return byName.name;
    const titled = staff.filter((s) =>
      (this.data.staff_titles[s.role] ?? []).some((title) => text.includes(`${s.name[0]}${title}`)),
    );
    const names = new Set(titled.map((s) => s.name));
    if (names.size > 0) return names.size === 1 ? [...names][0] : undefined;
    // 小赵, 老孙: a familiar name is a surname; a title said elsewhere (前台那个小赵) tells two apart.
    const familiar = staff.filter((s) =>
      this.data.staff_familiar.some((prefix) => text.includes(`${prefix}${s.name[0]}`)),
    );
    const titledElsewhere = familiar.filter((s) =>
      (this.data.staff_titles[s.role] ?? []).some((title) => text.includes(title)),
    );
    const pool = new Set((titledElsewhere.length > 0 ? titledElsewhere : familiar).map((s) => s.name));
    return pool.size === 1 ? [...pool][0] : undefined;
  }

  /** Everyone named, in turn: each one found is taken out of the text before the next is looked for. */
  staffNames(text: string, staff: readonly StaffName[]): string[] {
    const found: string[] = [];
    let rest = text;
    const titles = Object.values(this.data.staff_titles).flat();
    for (let name = this.staffName(rest, staff); name && !found.includes(name); name = this.staffName(rest, staff)) {
      found.push(name);
      rest = without(rest, [
        name,
        ...titles.map((t) => `${name[0]}${t}`),
        ...this.data.staff_familiar.map((p) => `${p}${name[0]}`),
      ]);
    }
    return found;
  }
}

/** The text with each of `words` (longest first) taken out. */
function without(text: string, words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).reduce((t, w) => t.split(w).join(' '), text);
}

/** The group whose keyword found in the text is longest. */
export function longestMatch(text: string, groups: Array<[string, string[]]>): string | undefined {
  let best: string | undefined;
  let length = 0;
  for (const [name, words] of groups)
    for (const w of words) if (w.length > length && text.includes(w)) [best, length] = [name, w.length];
  return best;
}
