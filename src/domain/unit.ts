import { readYaml } from '../data-file.js';
import { dataPath } from '../data-path.js';

export interface Unit {
  /** Canonical `building-entrance-room`, e.g. `3-2-1201`. */
  id: string;
  building: string;
  entrance: string;
  room: string;
}

interface UnitWords {
  building: string[];
  entrance: string[];
  room: string[];
}

const CANONICAL = /^([A-Za-z0-9]+)-(\d+)-(\d+)$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (words: string[]) => words.map(escape).join('|');

let localForm: RegExp | undefined;

function localPattern(): RegExp {
  if (!localForm) {
    const words = readYaml(dataPath('units.zh-CN.yaml')) as UnitWords;
    localForm = new RegExp(
      `^([A-Za-z0-9]+)(?:${alternatives(words.building)})(\\d+)(?:${alternatives(words.entrance)})(\\d+)(?:${alternatives(words.room)})?$`,
    );
  }
  return localForm;
}

/** Reads 3-2-1201 or the way residents write it (building, entrance and room words from data); undefined when it is not a unit. */
export function parseUnit(text: string): Unit | undefined {
  const compact = text.replace(/\s+/g, '');
  const match = CANONICAL.exec(compact) ?? localPattern().exec(compact);
  if (!match) return undefined;
  const [building, entrance, room] = [match[1]!.toUpperCase(), String(Number(match[2])), match[3]!];
  return { id: `${building}-${entrance}-${room}`, building, entrance, room };
}
