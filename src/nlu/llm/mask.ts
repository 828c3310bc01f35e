import { findUnit } from '../../domain/unit.js';
import { escapeRegExp } from '../../domain/regexp.js';

/** What a person is called by, from data (data/llm.zh-CN.yaml and data/intents.zh-CN.yaml). */
export interface NameWords {
  /** Words after a surname that make it a name (王师傅). */
  titles: readonly string[];
  /** Words before a surname that make it a name (小赵). */
  prefixes: readonly string[];
  /** Single-character surnames, run together (王李张…). */
  surnames: string;
  compoundSurnames: readonly string[];
}

export type PlaceholderKind = 'NAME' | 'PHONE' | 'UNIT' | 'TICKET' | 'NUMBER';

type Span = { start: number; end: number };
type Finder = (text: string) => Span[];

const PLACEHOLDER = /<(NAME|PHONE|UNIT|TICKET|NUMBER)_(\d+)>/g;

const byRegex =
  (pattern: RegExp, group = 0): Finder =>
  (text) =>
    [...text.matchAll(pattern)].map((m) => {
      const start = m.index + (group === 0 ? 0 : m[0].indexOf(m[group]!));
      return { start, end: start + m[group]!.length };
    });

/** Ticket numbers (R1024), as the ledger writes them. */
const TICKETS = byRegex(/(?<![A-Za-z0-9])[RCKHrckh]\d{1,7}(?!\d)/g);
/** Mobile and landline numbers however written, and a number already masked to its last four. */
const PHONES = byRegex(
  /(?:\(?\+?(?:00)?86\)?[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)|\*{3,}\d{4}|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g,
);
/** Any run of four digits or more (the last four of a phone, an account): nobody's business outside. */
const NUMBERS = byRegex(/\d{4,}/g);

/** Every unit named in a text, by the one unit reader the rest of the bot uses. */
const UNITS: Finder = (text) => {
  const spans: Span[] = [];
  let from = 0;
  for (let found = findUnit(text); found && from < text.length; found = findUnit(text.slice(from))) {
    const at = text.indexOf(found.said, from);
    if (at < 0 || found.said === '') break;
    spans.push({ start: at, end: at + found.said.length });
    from = at + found.said.length;
  }
  return spans;
};

/**
 * Replaces what identifies a person — names, phone numbers, units, ticket numbers, long numbers —
 * by placeholders (<PHONE_1>…) before a text leaves the machine, and puts them back in what comes
 * back. One masker serves one request: the same value gets the same placeholder in every turn of
 * the history, so the model can still tell that two turns speak of the same thing. A placeholder
 * is never scanned again, so the digits of <PHONE_1> are no unit and no number.
 */
export class Masker {
  private readonly original = new Map<string, string>();
  private readonly given = new Map<string, string>();
  private readonly counts = new Map<PlaceholderKind, number>();
  private readonly finders: Array<[PlaceholderKind, Finder]>;

  /** `names`: people known to be named here (staff, the sender's household, a name the message introduces). */
  constructor(words: NameWords, names: readonly string[]) {
    const known = [...new Set(names.filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
    const single = words.surnames ? [`[${escapeRegExp(words.surnames)}]`] : [];
    const surname = [...words.compoundSurnames.map(escapeRegExp), ...single].join('|');
    const titles = words.titles.map(escapeRegExp).join('|');
    const prefixes = words.prefixes.map(escapeRegExp).join('|');
    this.finders = [
      ['TICKET', TICKETS],
      ['PHONE', PHONES],
      ['UNIT', UNITS],
      ['NUMBER', NUMBERS],
      ['NAME', known.length > 0 ? byRegex(new RegExp(known.map(escapeRegExp).join('|'), 'gu')) : () => []],
      ['NAME', surname && titles ? byRegex(new RegExp(`(${surname})(?=${titles})`, 'gu'), 1) : () => []],
      ['NAME', surname && prefixes ? byRegex(new RegExp(`(?<=${prefixes})(${surname})`, 'gu'), 1) : () => []],
    ];
  }

  mask(text: string): string {
    let pieces: Array<string | { placeholder: string }> = [text];
    for (const [kind, find] of this.finders) {
      pieces = pieces.flatMap((piece) => (typeof piece === 'string' ? this.maskPiece(piece, kind, find) : [piece]));
    }
    return pieces.map((p) => (typeof p === 'string' ? p : p.placeholder)).join('');
  }

  /** The model's words with every placeholder it quotes put back; an unknown placeholder stays as it is. */
  unmask(text: string): string {
    return text.replace(PLACEHOLDER, (p) => this.original.get(p) ?? p);
  }

  /** How many values of each kind were masked (for the log: counts only, never the values). */
  get masked(): Partial<Record<PlaceholderKind, number>> {
    return Object.fromEntries(this.counts);
  }

  private maskPiece(text: string, kind: PlaceholderKind, find: Finder): Array<string | { placeholder: string }> {
    const out: Array<string | { placeholder: string }> = [];
    let at = 0;
    for (const { start, end } of find(text).sort((a, b) => a.start - b.start)) {
      if (start < at || end <= start) continue;
      if (start > at) out.push(text.slice(at, start));
      out.push({ placeholder: this.placeholderFor(kind, text.slice(start, end)) });
      at = end;
    }
    if (at < text.length) out.push(text.slice(at));
    return out;
  }

  private placeholderFor(kind: PlaceholderKind, value: string): string {
    const key = `${kind}:${value}`;
    const existing = this.given.get(key);
    if (existing) return existing;
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const placeholder = `<${kind}_${n}>`;
    this.given.set(key, placeholder);
    this.original.set(placeholder, value);
    return placeholder;
  }
}
