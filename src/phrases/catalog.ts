import { readYaml } from '../domain/data-file.js';
import { dataPath } from '../domain/data-path.js';
import { inZone } from '../domain/time.js';

export type PhraseParams = Record<string, string | number>;

/** Times to fill `{name:time}` placeholders (ms), and the instant they are said at (for today/tomorrow). */
export interface PhraseTimes {
  values: Record<string, number>;
  /** Windows (a visit from start to end) for `{name:window}` placeholders. */
  windows?: Record<string, { start: number; end: number }>;
  /** Moments that are facts, not promises (when a note was written, when a held message goes), for `{name:moment}`. */
  moments?: Record<string, number>;
  now: number;
}

/**
 * `{name}` takes a parameter; `{name:time}` takes a time, which only the ledger can supply;
 * `{name:moment}` a moment that is a fact (when staff wrote a note), never a promise;
 * `{name@group}` takes a key and says the phrase `group.<key>` (a topic's name, say).
 */
/** Until this hour, a day is said by its date, not as today or tomorrow. */
const SMALL_HOURS_END = 5;

const PLACEHOLDER = /\{(\w+)(?:(:time|:window|:moment)|@([\w.]+))?\}/g;

/**
 * Every sentence the bot sends, by dotted key. Keeping them in one reviewed file is how the office
 * keeps its service wording consistent (服务口径一致); code only ever names a key.
 */
export class PhraseCatalog {
  private readonly phrases = new Map<string, string>();

  constructor(tree: unknown) {
    flatten(tree, '', this.phrases);
  }

  static load(file = dataPath('phrases.zh-CN.yaml')): PhraseCatalog {
    return new PhraseCatalog(readYaml(file));
  }

  has(key: string): boolean {
    return this.phrases.has(key);
  }

  keys(): string[] {
    return [...this.phrases.keys()];
  }

  /** The plain parameters a phrase expects, so tests can check every use supplies them. */
  paramsOf(key: string): string[] {
    return [...this.template(key).matchAll(PLACEHOLDER)].filter((m) => !m[2]).map((m) => m[1] as string);
  }

  /** The `{name:time}` placeholders of a phrase. */
  timesOf(key: string): string[] {
    return [...this.template(key).matchAll(PLACEHOLDER)].filter((m) => m[2]).map((m) => m[1] as string);
  }

  /**
   * Renders a phrase; a missing key, parameter or time throws, so a typo never reaches a resident.
   * A time cannot be passed as a plain parameter: a sentence that names a time must get it from
   * a commitment (see Outbound), which is how every time the bot says is a recorded promise.
   */
  render(key: string, params: PhraseParams = {}, times?: PhraseTimes): string {
    return this.template(key).replace(
      PLACEHOLDER,
      (_, name: string, isTime: string | undefined, group: string | undefined) => {
        if (group) {
          const value = params[name];
          if (value === undefined) throw new Error(`phrase ${key} needs parameter {${name}@${group}}`);
          return this.render(`${group}.${value}`);
        }
        if (isTime === ':window') {
          // A visit is said as its window; a promise without one, as its time.
          const window = times?.windows?.[name];
          if (window)
            return this.render('common.time.window', {
              start: this.formatTime(window.start, times!.now),
              end: inZone(window.end).format('HH:mm'),
            });
        }
        if (isTime === ':moment') {
          const at = times?.moments?.[name];
          if (at === undefined) throw new Error(`phrase ${key} needs the moment {${name}:moment}`);
          return this.formatTime(at, times!.now);
        }
        if (isTime) {
          const at = times?.values[name];
          // (a window without its commitment falls through to here and is refused the same way)
          if (at === undefined) throw new Error(`phrase ${key} names a time {${name}:time}: it needs a commitment`);
          return this.formatTime(at, times!.now);
        }
        const value = params[name];
        if (value === undefined) throw new Error(`phrase ${key} needs parameter {${name}}`);
        return String(value);
      },
    );
  }

  /**
   * Today or tomorrow with the time, else the date, weekday and time (common.time.* in the catalog), in Shanghai time.
   */
  formatTime(at: number, now: number): string {
    const when = inZone(at);
    const days = when.startOf('day').diff(inZone(now).startOf('day'), 'day');
    const parts = {
      hh: when.format('HH'),
      mm: when.format('mm'),
      month: when.month() + 1,
      day: when.date(),
      weekday: this.render(`common.weekday.w${when.day()}`),
    };
    // After midnight 明天 means the morning to one reader and the day after to another: the date says which.
    if (inZone(now).hour() < SMALL_HOURS_END) return this.render('common.time.date', parts);
    if (days === 0) return this.render('common.time.today', parts);
    if (days === 1) return this.render('common.time.tomorrow', parts);
    if (days === -1) return this.render('common.time.yesterday', parts);
    return this.render('common.time.date', parts);
  }

  /** The unrendered text of a phrase, placeholders and all. */
  template(key: string): string {
    const template = this.phrases.get(key);
    if (template === undefined) throw new Error(`no phrase with key ${key}`);
    return template;
  }
}

function flatten(node: unknown, prefix: string, into: Map<string, string>): void {
  if (typeof node === 'string') {
    into.set(prefix, node.trimEnd());
    return;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new Error(`phrase ${prefix || '(root)'} must be a string or a group of phrases`);
  }
  for (const [name, child] of Object.entries(node)) flatten(child, prefix ? `${prefix}.${name}` : name, into);
}
