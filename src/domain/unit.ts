import { z } from 'zod';
import { readYaml } from './data-file.js';
import { dataPath } from './data-path.js';
import { unitIdOf, type UnitParts } from '../../flows/unit-id.js';

export interface Unit {
  /** Canonical `building-entrance-room`, e.g. `3-2-1201`. */
  id: string;
  building: string;
  entrance: string;
  room: string;
}

/** A unit named inside a message, or only some of its parts (3栋1201, 2单元, 5栋的: the rest is asked). */
export interface FoundUnit extends UnitParts {
  unit?: Unit;
  /** The words that named it, as written. */
  said: string;
}

const words = z.array(z.string().min(1));

export const unitWordsSchema = z.object({
  building: words,
  building_without_entrance: words,
  entrance: words,
  room: words,
  room_alone: words,
  room_lead: words,
  floor: words,
  floor_not_before: words,
  room_not_before: words,
  separators: words,
  numerals: z.record(z.string().length(1), z.number().int().min(0).max(9)),
  ten: z.string().length(1),
});

type UnitWords = z.infer<typeof unitWordsSchema>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const anyOf = (list: string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

interface Patterns {
  words: UnitWords;
  /** building, entrance and room, each with its word or a separator; in a message. */
  full: RegExp;
  /** The same with the room told as floor and door (十一楼零一 is 1101). */
  floorDoor: RegExp;
  /** The same, as the whole text. */
  whole: RegExp;
  /** Parts given alone, in this order of preference: 3栋1201, 3单元803, 1号楼1单元, 5栋, 2单元, 803室. */
  parts: Array<{ pattern: RegExp; groups: Array<keyof UnitParts> }>;
  /** A room told apart from its building and entrance (我家1201, 1201室): the room in group 1 or 2. */
  roomApart: RegExp;
}

let patterns: Patterns | undefined;

/**
 * One reading of units for everything that reads one (a resident's message, an imported CSV, a
 * staff command), so that the unit a resident names and the office's record are the same id.
 */
function compile(): Patterns {
  if (patterns) return patterns;
  const w = unitWordsSchema.parse(readYaml(dataPath('units.zh-CN.yaml')));
  const han = escape(Object.keys(w.numerals).join(''));
  const ten = escape(w.ten);
  const sep = anyOf(w.separators);
  const building = `[A-Za-z]?\\d{1,3}|[A-Za-z]|[${han}${ten}]{1,3}`;
  const entrance = `\\d{1,2}|[${han}${ten}]{1,2}`;
  // Right after the number, and not upstairs or a corridor (1001 楼上空调滴水 is room 1001, then upstairs).
  const floorWord = `(?:${anyOf(w.floor)})(?![${escape(w.floor_not_before.join(''))}])`;
  // A number followed by a floor word (6楼, 12层) is the floor, never the room.
  const notRoom = `(?!\\s*(?:${anyOf(w.room_not_before)}))`;
  const room = `\\d{2,5}(?!\\d)(?!${floorWord})${notRoom}|[${han}]{3,5}(?![${han}])`;
  const buildingAndEntrance = `(${building})\\s*(?:${anyOf(w.building)}|${sep})\\s*(${entrance})\\s*`;
  const body = `${buildingAndEntrance}(?:${anyOf(w.entrance)}|${sep})\\s*(${room})\\s*(?:${anyOf(w.room)})?`;
  // Nothing of a room after it: no number, or only a floor (4栋1单元6楼).
  const noRoom = `(?!\\s*\\d+(?!\\d)(?!${floorWord}))`;
  const before = `(?<![\\dA-Za-z${han}${ten}${escape(w.separators.join(''))}])`;
  const buildingWord = `(?:${anyOf(w.building_without_entrance)})`;
  const entranceWord = `(?:${anyOf(w.entrance)})`;
  const digitsRoom = `\\d{3,5}(?!\\d)(?!${floorWord})${notRoom}|[${han}]{3,5}(?![${han}])`;
  const part = (text: string, groups: Array<keyof UnitParts>) => ({ pattern: new RegExp(`${before}${text}`), groups });
  patterns = {
    words: w,
    full: new RegExp(`${before}${body}(?!\\s*(?:${sep})\\s*\\d)`),
    floorDoor: new RegExp(
      `${before}${buildingAndEntrance}(?:${anyOf(w.entrance)})\\s*(\\d{1,2}|[${han}${ten}]{1,3})\\s*${floorWord}\\s*` +
        `(\\d{1,2}|[${han}]{1,2})(?![\\d${han}])\\s*(?:${anyOf(w.room)})?`,
    ),
    whole: new RegExp(`^${body}$`),
    roomApart: new RegExp(
      `(?:${anyOf(w.room_lead)})\\s*(${digitsRoom})|${before}(${digitsRoom})\\s*(?:${anyOf(w.room_alone)})`,
    ),
    parts: [
      part(`(${building})\\s*${buildingWord}\\s*(${digitsRoom})\\s*(?:${anyOf(w.room)})?`, ['building', 'room']),
      part(`(${entrance})\\s*${entranceWord}\\s*(${digitsRoom})\\s*(?:${anyOf(w.room)})?`, ['entrance', 'room']),
      part(`(${building})\\s*(?:${anyOf(w.building)}|${sep})\\s*(${entrance})\\s*${entranceWord}${noRoom}`, [
        'building',
        'entrance',
      ]),
      part(`(${building})\\s*${buildingWord}${noRoom}`, ['building']),
      part(`(${entrance})\\s*${entranceWord}${noRoom}`, ['entrance']),
      part(`(${digitsRoom})\\s*(?:${anyOf(w.room_alone)})`, ['room']),
    ],
  };
  return patterns;
}

/** Chinese numerals read digit by digit (零八零三 → 0803); everything else as it is. */
export function spelledDigits(text: string): string {
  const { numerals } = compile().words;
  return [...text].map((c) => (numerals[c] !== undefined ? String(numerals[c]) : c)).join('');
}

/** One part as the canonical id writes it, or undefined when it is no number. */
function partOf(kind: keyof UnitParts, text: string, w: UnitWords): string | undefined {
  if (kind === 'building') {
    if (/^[A-Za-z]?\d+$|^[A-Za-z]$/.test(text)) return text.toUpperCase().replace(/^([A-Z]?)0+(?=\d)/, '$1');
    const n = counted(text, w);
    return Number.isFinite(n) && n > 0 ? String(n) : undefined;
  }
  if (kind === 'entrance') {
    const n = counted(text, w);
    return Number.isFinite(n) && n > 0 ? String(n) : undefined;
  }
  const digits = [...text].map((c) => (/\d/.test(c) ? c : String(w.numerals[c] ?? ''))).join('');
  const room = digits.replace(/^0+/, '');
  return digits.length === text.length && room !== '' ? room : undefined;
}

/** A counted number (十二, 3) for a building or an entrance. */
function counted(text: string, w: UnitWords): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.includes(w.ten)) return text.length === 1 ? (w.numerals[text] ?? Number.NaN) : Number.NaN;
  const [tens = '', units = ''] = text.split(w.ten);
  return (
    (tens === '' ? 1 : (w.numerals[tens] ?? Number.NaN)) * 10 + (units === '' ? 0 : (w.numerals[units] ?? Number.NaN))
  );
}

/** A room told as its floor and door (十一楼零一, 12楼2号): the floor's number, then the door's in two digits. */
function roomOfFloor(floorText: string, doorText: string, w: UnitWords): string {
  const floor = counted(floorText, w);
  const door = Number(spelledDigits(doorText));
  return Number.isFinite(floor) && Number.isFinite(door) && floor > 0 && door > 0 && door < 100
    ? String(floor * 100 + door)
    : '';
}

/** The canonical unit: building upper case; entrance and room as numbers (no leading zeros). */
function toUnit(buildingText: string, entranceText: string, roomText: string, w: UnitWords): Unit | undefined {
  const parts = {
    building: partOf('building', buildingText, w),
    entrance: partOf('entrance', entranceText, w),
    room: partOf('room', roomText, w),
  };
  const id = unitIdOf(parts);
  return id ? { id, building: parts.building!, entrance: parts.entrance!, room: parts.room! } : undefined;
}

/**
 * A building and entrance with the room said on its own, before or after them (我家1201 3栋2单元的):
 * together they are the unit.
 */
function withRoomApart(
  text: string,
  found: RegExpExecArray,
  parts: UnitParts,
  p: Patterns,
): { unit: Unit; said: string } | undefined {
  const apart = p.roomApart.exec(text);
  const unit = apart && toUnit(parts.building!, parts.entrance!, apart[1] ?? apart[2]!, p.words);
  if (!apart || !unit) return undefined;
  const from = Math.min(apart.index, found.index);
  const to = Math.max(apart.index + apart[0].length, found.index + found[0].length);
  const span = text.slice(from, to);
  // Words between them are the message's, not the unit's (3号楼2单元 厨房漏水 1201室).
  const joined =
    span
      .replace(found[0], '')
      .replace(apart[0], '')
      .replace(/[\s\p{P}的]/gu, '') === '';
  return { unit, said: joined ? span : found[0] };
}

/**
 * Reads 3-2-1201 or the way residents write it (words from data) as the whole text; undefined when it is not a unit.
 */
export function parseUnit(text: string): Unit | undefined {
  const p = compile();
  const match = p.whole.exec(text.trim());
  return match ? toUnit(match[1]!, match[2]!, match[3]!, p.words) : undefined;
}

/** A unit named somewhere in a message (我是1栋1单元0301的), or the parts of it that were given. */
export function findUnit(text: string): FoundUnit | undefined {
  const p = compile();
  const whole = (unit: Unit, said: string): FoundUnit => ({
    unit,
    building: unit.building,
    entrance: unit.entrance,
    room: unit.room,
    said: said.trim(),
  });
  const match = p.full.exec(text);
  const unit = match && toUnit(match[1]!, match[2]!, match[3]!, p.words);
  if (match && unit) return whole(unit, match[0]);
  const byFloor = p.floorDoor.exec(text);
  const floorUnit =
    byFloor && toUnit(byFloor[1]!, byFloor[2]!, roomOfFloor(byFloor[3]!, byFloor[4]!, p.words), p.words);
  if (byFloor && floorUnit) return whole(floorUnit, byFloor[0]);
  for (const { pattern, groups } of p.parts) {
    const found = pattern.exec(text);
    if (!found) continue;
    const parts: UnitParts = {};
    groups.forEach((kind, i) => {
      const value = partOf(kind, found[i + 1]!, p.words);
      if (value) parts[kind] = value;
    });
    if (Object.keys(parts).length !== groups.length) continue;
    const withRoom = parts.building && parts.entrance ? withRoomApart(text, found, parts, p) : undefined;
    if (withRoom) return whole(withRoom.unit, withRoom.said);
    return { ...parts, said: found[0].trim() };
  }
  return undefined;
}
