import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A phrase key the code names, with the parameters it passes where they are written beside it. */
export interface NamedKey {
  key: string;
  params: Set<string>;
  file: string;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every phrase key written as a literal in the sources under `roots` (as the argument of a say or
 * render call, or a `key:` property; the console's own words through its `ui` catalog). Keys built at run time from
 * data (a complaint
 * category's empathy phrase) are not seen here; `wuye check` adds those families itself.
 */
export function namedPhraseKeys(roots: string[]): { bot: NamedKey[]; console: NamedKey[] } {
  const bot = new Map<string, NamedKey>();
  const ui = new Map<string, NamedKey>();
  for (const file of roots.flatMap(sourceFiles)) {
    const code = readFileSync(file, 'utf8');
    if (file.split(path.sep).includes('server')) {
      for (const m of code.matchAll(/ui\.render\(\s*'([a-z_]+(?:\.[a-z_]+)+)'/g))
        ui.set(m[1]!, { key: m[1]!, params: new Set(), file });
      continue;
    }
    for (const m of code.matchAll(/(?:say|render)\(\s*'([a-z_]+(?:\.[a-z_]+)+)'(?:,\s*\{([^}]*)\})?/g)) {
      // Object literal keys, including shorthand ones ({ name, units }).
      const params = new Set(
        (m[2] ?? '')
          .split(',')
          .map((part) => /^\s*(\w+)/.exec(part)?.[1])
          .filter((p): p is string => !!p),
      );
      bot.set(m[1]!, { key: m[1]!, params, file });
    }
    for (const m of code.matchAll(/key:\s*'([a-z_]+(?:\.[a-z_]+)+)'/g))
      if (!bot.has(m[1]!)) bot.set(m[1]!, { key: m[1]!, params: new Set(), file });
  }
  return { bot: [...bot.values()], console: [...ui.values()] };
}
