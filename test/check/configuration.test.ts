import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfiguration } from '../../src/check/configuration.js';
import { formatProblem } from '../../src/check/yaml-source.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { DATA_DIR } from '../../src/domain/data-path.js';
import { importFile } from '../../src/import/import-table.js';
import { Store } from '../../src/store/store.js';

/** A copy of data/ to break on purpose. */
function dataCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wuye-data-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  return dir;
}
const edit = (dir: string, file: string, change: (text: string) => string) =>
  writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));

const sample = () => {
  const store = Store.open(':memory:');
  seedSampleIfEmpty(store, 0);
  return store;
};
const lines = (store: Store, dir?: string) => checkConfiguration(store, 'wuye.db', dir).map(formatProblem);

describe('wuye check', () => {
  it('passes the sample community as shipped', () => {
    expect(lines(sample())).toEqual([]);
  });

  it('names the file, the line and the id of a person the office does not have', () => {
    const dir = dataCopy();
    edit(
      dir,
      'technicians.yaml',
      (t) => `${t}\ntechnicians:\n  s002: { skills: [水], weekdays: [1] }\non_call: [s777]\n`,
    );
    const found = lines(sample(), dir);
    const at = readFileSync(path.join(dir, 'technicians.yaml'), 'utf8').split('\n');
    const lineOf = (text: string) => at.findIndex((l) => l.includes(text)) + 1;
    expect(found).toContainEqual(
      `${path.relative(process.cwd(), path.join(dir, 'technicians.yaml'))}:${lineOf('s002:')}: error: names staff s002 (孙强): technicians' skills, weekdays and on_call come with the staff file now (wuye import staff)`,
    );
    expect(found.find((l) => l.includes('s777'))).toMatch(
      new RegExp(`technicians.yaml:${lineOf('on_call: [s777]')}: error: names s777, who is not on the staff list`),
    );
  });

  it('finds a service level nothing uses, a level the bot needs, a fee item no card business uses, a missing phrase', () => {
    const dir = dataCopy();
    edit(dir, 'service-levels.yaml', (t) => t.replace('  safety_complaint:', '  safty_complaint:'));
    edit(dir, 'fees.yaml', (t) =>
      t.replace('card: membership\n    business: [replacement]', 'card: membershp\n    business: [replacement]'),
    );
    edit(dir, 'phrases.zh-CN.yaml', (t) => t.replace(/^ {2}farewell_idle: .*$/m, ''));
    const found = lines(sample(), dir);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/service-levels\.yaml:\d+: error: no level for category safety_complaint/),
        expect.stringMatching(/service-levels\.yaml:\d+: warning: category safty_complaint is used by no flow/),
        expect.stringMatching(/fees\.yaml:\d+: error: fee item membership_replacement: card "membershp" is none of/),
        expect.stringMatching(/phrases\.zh-CN\.yaml:\d+: error: no phrase reception\.farewell_idle/),
      ]),
    );
    const fee = found.find((l) => l.includes('membershp'))!;
    const feeLine = Number(/fees\.yaml:(\d+)/.exec(fee)![1]);
    expect(readFileSync(path.join(dir, 'fees.yaml'), 'utf8').split('\n')[feeLine - 1]).toContain('membershp');
  });

  it('finds a malformed value at its line', () => {
    const dir = dataCopy();
    edit(dir, 'technicians.yaml', (t) => t.replace('horizon_days: 14', 'horizon_days: fourteen'));
    expect(lines(sample(), dir)).toEqual([expect.stringMatching(/technicians\.yaml:\d+: error: horizon_days: /)]);
  });

  it('an office with no technician on its staff list is told no repair can be booked', async () => {
    const store = Store.open(':memory:');
    const dir = mkdtempSync(path.join(tmpdir(), 'wuye-staff-'));
    const file = path.join(dir, 'staff.csv');
    writeFileSync(file, 'id,name,role,wechat_id,phone\ns1,王丽,service,wx_w,13600000001\n');
    await importFile(store, 'staff', file, 't', 0);
    expect(lines(store)).toContain(
      'wuye.db: error: no technician with a wechat id on the staff list: no repair can be booked',
    );
  });
});
