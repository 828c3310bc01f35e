import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { dataPath } from '../data-path.js';

export interface Unit {
  /** Canonical `building-entrance-room`, e.g. `3-2-1201`. */
  id: string;
  building: string;
  entrance: string;
  room: string;
}

/** A unit named inside a message, or only its building and room (3栋1201: the entrance is asked). */
export interface FoundUnit {
  unit?: Unit;
  building?: string;
  room?: string;
  /** The words that named it, as written. */
  said: string;
}

const words = z.array(z.string().min(1));

export const unitWordsSchema = z.object({
  building: words,
  building_without_entrance: words,
  entrance: words,
  room: words,
  separators: words,
  numerals: z.record(z.string().length(1), z.number().int().min(0).max(9)),
  ten: z.string().length(1),
});

type UnitWords = z.infer<typeof unitWordsSchema>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const anyOf = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escape).join('|');

interface Patterns {
  words: UnitWords;
  /** building, entrance and room, each with its word or a separator; in a message. */
  full: RegExp;
  /** The same, as the whole text. */
  whole: RegExp;
  buildingRoom: RegExp;
}

let patterns: Patterns | undefined;

/**
 * One reading of units for everything that reads one (a resident's message, an imported CSV, a
 * staff command), so that the unit a resident names and the office's record are the same id.
 */
function compile(): Patterns {
  if (patterns) return patterns;
  const w = unitWordsSchema.parse(parse(readFileSync(dataPath('units.zh-CN.yaml'), 'utf8')));
  const han = escape(Object.keys(w.numerals).join(''));
  const ten = escape(w.ten);
  const sep = anyOf(w.separators);
  const building = `[A-Za-z]?\\d{1,3}|[A-Za-z]|[${han}${ten}]{1,3}`;
  const entrance = `\\d{1,2}|[${han}${ten}]{1,2}`;
  const room = `\\d{2,5}(?!\\d)|[${han}]{3,5}(?![${han}])`;
  const body = `(${building})\\s*(?:${anyOf(w.building)}|${sep})\\s*(${entrance})\\s*(?:${anyOf(w.entrance)}|${sep})\\s*(${room})\\s*(?:${anyOf(w.room)})?`;
  const before = `(?<![\\dA-Za-z${han}${ten}${escape(w.separators.join(''))}])`;
  patterns = {
    words: w,
    full: new RegExp(`${before}${body}(?!\\s*(?:${sep})\\s*\\d)`),
    whole: new RegExp(`^${body}$`),
    buildingRoom: new RegExp(`${before}([A-Za-z]?\\d{1,3})\\s*(?:${anyOf(w.building_without_entrance)})\\s*(\\d{3,5})(?!\\d)\\s*(?:${anyOf(w.room)})?`),
  };
  return patterns;
}

/** A counted number (十二, 3) for a building or an entrance. */
function counted(text: string, w: UnitWords): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.includes(w.ten)) return text.length === 1 ? (w.numerals[text] ?? Number.NaN) : Number.NaN;
  const [tens = '', units = ''] = text.split(w.ten);
  return (tens === '' ? 1 : (w.numerals[tens] ?? Number.NaN)) * 10 + (units === '' ? 0 : (w.numerals[units] ?? Number.NaN));
}

/** The canonical unit: building upper case; entrance and room as numbers (no leading zeros). */
function toUnit(buildingText: string, entranceText: string, roomText: string, w: UnitWords): Unit | undefined {
  const building = /^[A-Za-z]?\d+$|^[A-Za-z]$/.test(buildingText) ? buildingText.toUpperCase().replace(/^([A-Z]?)0+(?=\d)/, '$1') : String(counted(buildingText, w));
  const entrance = counted(entranceText, w);
  const digits = [...roomText].map((c) => (/\d/.test(c) ? c : String(w.numerals[c] ?? ''))).join('');
  const room = digits.replace(/^0+/, '');
  if (building === 'NaN' || !Number.isFinite(entrance) || entrance < 1 || room === '' || digits.length !== roomText.length) return undefined;
  return { id: `${building}-${entrance}-${room}`, building, entrance: String(entrance), room };
}

/** Reads 3-2-1201 or the way residents write it (words from data) as the whole text; undefined when it is not a unit. */
export function parseUnit(text: string): Unit | undefined {
  const p = compile();
  const match = p.whole.exec(text.trim());
  return match ? toUnit(match[1]!, match[2]!, match[3]!, p.words) : undefined;
}

/** A unit named somewhere in a message (我是1栋1单元0301的), or its building and room only. */
export function findUnit(text: string): FoundUnit | undefined {
  const p = compile();
  const match = p.full.exec(text);
  const unit = match && toUnit(match[1]!, match[2]!, match[3]!, p.words);
  if (match && unit) return { unit, building: unit.building, room: unit.room, said: match[0].trim() };
  const partial = p.buildingRoom.exec(text);
  if (!partial) return undefined;
  return { building: partial[1]!.toUpperCase(), room: partial[2]!.replace(/^0+(?=\d)/, ''), said: partial[0].trim() };
}
