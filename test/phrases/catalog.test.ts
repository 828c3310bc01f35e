import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../src/nlu/intent.js';
import { PhraseCatalog } from '../../src/phrases/catalog.js';

const catalog = PhraseCatalog.load();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('phrase catalog', () => {
  it('throws on a missing key or a missing parameter', () => {
    expect(() => catalog.render('reception.no_such_phrase')).toThrow(/no phrase with key reception.no_such_phrase/);
    expect(() => catalog.render('input.too_long')).toThrow(/needs parameter \{limit\}/);
    expect(catalog.render('input.too_long', { limit: 2000 })).toContain('2000');
  });

  it('rejects a malformed catalog at load time', () => {
    expect(() => new PhraseCatalog({ a: { b: 3 } })).toThrow(/a\.b must be a string/);
  });

  it('holds the conduct standard’s phrases', () => {
    expect(catalog.render('reception.greeting')).toBe('您好，有什么可以帮到您吗？');
    expect(catalog.render('reception.farewell')).toMatch(/再见.*欢迎您再来/);
    const apologies = catalog.keys().map((k) => catalog.paramsOf(k).length === 0 ? catalog.render(k) : '').join('\n');
    for (const phrase of ['请您原谅', '请您多包涵', '请您别介意']) expect(apologies).toContain(phrase);
  });

  it('has every phrase key the code names, with the parameters it passes', () => {
    const named = new Map<string, Set<string>>();
    for (const file of [...sourceFiles('src'), ...sourceFiles('flows')]) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:say|render)\(\s*'([a-z_]+(?:\.[a-z_]+)+)'(?:,\s*\{([^}]*)\})?/g)) {
        const params = new Set([...(m[2] ?? '').matchAll(/(\w+)\s*:/g)].map((p) => p[1]!));
        named.set(m[1]!, params);
      }
      for (const m of code.matchAll(/key:\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) if (!named.has(m[1]!)) named.set(m[1]!, new Set());
    }
    expect(named.size).toBeGreaterThan(10);
    for (const [key, params] of named) {
      expect(catalog.has(key), key).toBe(true);
      if (params.size > 0) for (const need of catalog.paramsOf(key)) expect(params.has(need) || need === 'who', `${key} {${need}}`).toBe(true);
    }
  });

  it('has a desk acknowledgement and a staff notice for every topic the reception hands over', () => {
    for (const intent of INTENTS.filter((i) => ['repair', 'complaint', 'arrears', 'card', 'progress', 'inquiry'].includes(i))) {
      expect(catalog.has(`reception.received.${intent}`)).toBe(true);
      expect(catalog.paramsOf(`staff.request.${intent}`).sort()).toEqual(['text', 'who']);
    }
  });
});
