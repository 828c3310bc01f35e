import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, wuye } from '../fakes/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wuye-ledger-cli-'));

describe('wuye ledger and wuye report', () => {
  const db = path.join(dir, 'ledger.db');
  const chat = wuye(
    ['chat', '--jsonl', '--db', db, '--now', '2026-11-26T09:00:00+08:00'],
    lines(
      { from: 'wx_zhangwei', text: '厨房灯坏了，明天上午来修' },
      { from: 'wx_zhangwei', text: '对' },
      { from: 'wx_lina', text: '转人工' },
      { from: 'wx_wangfang', text: '楼上噪音太吵，我要投诉' },
      { from: 'wx_wangfang', text: '1栋1单元楼上' },
      { from: 'wx_wangfang', text: '每天晚上十点以后' },
      { from: 'wx_wangfang', text: '不需要' },
      { from: 'wx_wangfang', text: '对' },
      { from: 'wx_sunqiang', text: '#接单 R1' },
      { from: 'wx_sunqiang', text: '#出发 R1' },
      { advance: '3h' },
    ),
  );

  it('prints every commitment as JSON with the DESIGN §3 fields, overdue first', () => {
    expect(chat.code).toBe(0);
    const out = wuye(['ledger', '--json', '--db', db, '--now', '2026-11-26T12:00:00+08:00']);
    expect(out.code).toBe(0);
    const entries = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    expect(entries.map((e) => [e.ticket, e.kind, e.status])).toEqual([
      ['H1', 'callback', 'broken'],
      ['C1', 'complaint_reply', 'open'],
      ['R1', 'repair_visit', 'kept'],
    ]);
    expect(entries[2]).toMatchObject({
      kind: 'repair_visit',
      party: 'office',
      status: 'kept',
      dueAt: '2026-11-27T11:00:00+08:00',
      unit: '3-2-1201',
      residentId: 'r001',
      owner: 's002',
      ticket: 'R1',
      summary: '厨房灯坏了',
    });
    for (const key of ['id', 'kind', 'party', 'status', 'dueAt', 'unit', 'residentId', 'owner', 'ticket', 'summary']) {
      expect(entries[0]).toHaveProperty(key);
    }
  });

  it('prints a readable table with the overdue marked first', () => {
    const out = wuye(['ledger', '--db', db, '--now', '2026-11-26T12:00:00+08:00']);
    const rows = out.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/due\s+status\s+kind/);
    expect(rows[1]).toMatch(/^!\s+2026-11-26 09:15\s+broken\s+callback\s+office\s+H1/);
    expect(rows[3]).toMatch(/kept\s+repair_visit\s+office\s+R1\s+3-2-1201\s+孙强\s+厨房灯坏了/);
  });

  it('reports promises kept on time, by kind, staff member and week', () => {
    const out = wuye(['report', '--json', '--db', db]);
    const report = JSON.parse(out.stdout);
    expect(report.overall).toEqual({ settled: 2, kept: 1, broken: 1, keptPercent: 50 });
    expect(report.open).toBe(1);
    expect(report.byKind.callback).toEqual({ settled: 1, kept: 0, broken: 1, keptPercent: 0 });
    expect(report.byKind.repair_visit).toEqual({ settled: 1, kept: 1, broken: 0, keptPercent: 100 });
    expect(report.byStaff['孙强']).toEqual({ settled: 1, kept: 1, broken: 0, keptPercent: 100 });
    expect(report.byWeek['2026-W48']).toMatchObject({ kept: 1, broken: 1 });
    const text = wuye(['report', '--db', db]).stdout;
    expect(text).toMatch(/^Promises kept on time: 50% \(1 kept, 1 broken, 1 still open\)/);
  });

  it('an empty ledger says so', () => {
    const out = wuye(['ledger', '--db', path.join(dir, 'empty.db')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('No commitments yet.\n');
  });
});
