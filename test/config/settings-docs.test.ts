import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsMarkdown, settingsTable } from '../../src/config-docs.js';
import { loadConfig } from '../../src/config.js';

/** Each setting's default, parsing and meaning live in the schema: the README and .env.example follow it. */
describe('settings documented from the schema', () => {
  it("the README's table is the one the schema makes", () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = /<!-- settings:[^\n]*-->\n([\s\S]*?)\n<!-- \/settings -->/.exec(readme)?.[1];
    expect(table).toBe(settingsMarkdown());
  });

  it(".env.example names every setting, with the schema's default where it sets one", () => {
    const example = readFileSync('.env.example', 'utf8');
    for (const { name, default: fallback } of settingsTable()) {
      const line = new RegExp(`^#?\\s*${name}=(.*)$`, 'm').exec(example);
      expect(line, name).not.toBeNull();
      if (fallback !== undefined && !line![0].startsWith('#')) expect(line![1], name).toBe(fallback);
    }
  });

  it('every setting has a meaning, and the defaults parse', () => {
    expect(settingsTable().filter((s) => s.meaning === '')).toEqual([]);
    expect(() => loadConfig({})).not.toThrow();
  });
});
