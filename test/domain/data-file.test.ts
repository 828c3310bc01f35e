import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlText, readYaml, writeDataCache } from '../../src/domain/data-file.js';
import { dataPath } from '../../src/domain/data-path.js';

describe('data files read through the build’s cache', () => {
  it('read as the YAML they hold, whether or not the cache knows them', () => {
    const file = dataPath('phrases.zh-CN.yaml');
    expect(readYaml(file)).toEqual(parse(readFileSync(file, 'utf8')));
    const edited = `${readFileSync(file, 'utf8')}\nadded_after_the_build: 你好\n`;
    expect((parseYamlText(edited) as Record<string, unknown>).added_after_the_build).toBe('你好');
  });

  it('each read is a fresh copy: a caller changing what it read changes nothing for the next', () => {
    const file = dataPath('service-levels.yaml');
    const first = readYaml(file) as Record<string, unknown>;
    first.changed = true;
    expect((readYaml(file) as Record<string, unknown>).changed).toBeUndefined();
  });

  it('the build keeps every data file', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-cache-')), 'data-cache.json');
    expect(writeDataCache(out)).toBeGreaterThanOrEqual(10);
    expect(
      Object.values(JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>).some((json) =>
        json.includes('您好'),
      ),
    ).toBe(true);
  });
});

describe('sentences in the data files', () => {
  // YAML reads " #" in an unquoted value as the start of a comment: "发送 #帮助 查看可用指令" reached staff as "发送".
  it('are never cut short by a staff command written in them unquoted', () => {
    const cut = /^\s*(?:- |[\w.@-]+: )(?!["'|>#])(?:[^#\n]|(?<=\S)#)*\s#/u;
    const dir = path.dirname(dataPath('phrases.zh-CN.yaml'));
    const found = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) =>
        readFileSync(path.join(dir, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (cut.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });
});
