import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type * as Yaml from 'yaml';
import { DATA_DIR } from './data-path.js';

/**
 * The data files (phrases, intents, service levels…) as parsed content. Parsing them as YAML
 * takes about 100 ms, at every start; the build (`npm run build`, run by `npm install`) keeps each
 * file's content as JSON keyed by a hash of its text. A file edited since the build has another
 * hash and is parsed as YAML: what is read is always the file as it is now.
 */
const DATA_CACHE_FILE = path.join(DATA_DIR, '..', 'dist', 'data-cache.json');

let cache: Map<string, string> | undefined;

// Loaded only when a file is not in the build's cache: the parser is a sizeable part of a start-up otherwise.
let yaml: typeof Yaml | undefined;
const parse = (text: string): unknown => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml).parse(text);

const keyOf = (text: string) => createHash('sha1').update(text).digest('base64');

function cached(): Map<string, string> {
  if (!cache) {
    try {
      cache = new Map(Object.entries(JSON.parse(readFileSync(DATA_CACHE_FILE, 'utf8')) as Record<string, string>));
    } catch {
      cache = new Map(); // no build: every file is parsed
    }
  }
  return cache;
}

/** The content of YAML text (a fresh copy each time: callers may keep and change it). */
export function parseYamlText(text: string): unknown {
  const json = cached().get(keyOf(text));
  return json === undefined ? parse(text) : JSON.parse(json);
}

export function readYaml(file: string): unknown {
  return parseYamlText(readFileSync(file, 'utf8'));
}

/** Every YAML file under data/, in a stable order. */
export function dataYamlFiles(dir = DATA_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) =>
      e.isDirectory() ? dataYamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
}

/** The build step: every YAML file under data/ whose content JSON holds exactly. */
export function writeDataCache(file = DATA_CACHE_FILE): number {
  const entries: Record<string, string> = {};
  for (const yamlFile of dataYamlFiles()) {
    const text = readFileSync(yamlFile, 'utf8');
    const value: unknown = parse(text);
    const json = JSON.stringify(value);
    if (json !== undefined && isDeepStrictEqual(JSON.parse(json), value)) entries[keyOf(text)] = json;
  }
  writeFileSync(file, JSON.stringify(entries));
  return Object.keys(entries).length;
}
