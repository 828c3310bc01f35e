import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, wuye } from '../fakes/cli.js';
import { p } from '../fakes/phrases.js';

describe('a repair booked and done, as JSON lines through the real runtime', () => {
  it('books, reminds, departs, completes and is rated', () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-repair-jsonl-')), 'wuye.db');
    const out = wuye(
      ['chat', '--jsonl', '--db', db, '--now', '2026-11-26T09:00:00+08:00'],
      lines(
        { from: 'wx_zhangwei', text: '厨房水龙头坏了，明天下午能来吗', id: 'a' },
        { from: 'wx_zhangwei', text: '对', id: 'b' },
        { now: '2026-11-27T13:30:00+08:00' },
        { from: 'wx_sunqiang', text: '#接单 R1', id: 'c' },
        { from: 'wx_sunqiang', text: '#出发 R1', id: 'd' },
        { from: 'wx_sunqiang', text: '#完成 R1', id: 'e' },
        { from: 'wx_zhangwei', text: '5 5 5', id: 'f' },
        { sync: 'end' },
      ),
    );
    expect(out.code).toBe(0);
    const sent = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { to: string; text: string; at: string });
    const toResident = sent.filter((m) => m.to === 'wx_zhangwei').map((m) => [m.at, m.text.slice(0, 12)]);
    expect(toResident.map(([at]) => at)).toEqual([
      '2026-11-26T09:00:00+08:00', // greeting
      '2026-11-26T09:00:00+08:00', // repeat-back
      '2026-11-26T09:00:00+08:00', // booked
      '2026-11-26T11:00:00+08:00', // idle farewell
      '2026-11-26T19:00:00+08:00', // the evening before
      '2026-11-27T11:59:00+08:00', // an hour before, brought ahead of the lunch rest (12:00–14:00)
      '2026-11-27T13:30:00+08:00', // claimed
      '2026-11-27T13:30:00+08:00', // on the way
      '2026-11-27T13:30:00+08:00', // rate it
      '2026-11-27T13:30:00+08:00', // thanks
    ]);
    expect(sent.at(-2)).toEqual({
      to: 'wx_zhangwei',
      text: p('repair.thanks_rating'),
      at: '2026-11-27T13:30:00+08:00',
    });
    expect(sent.at(-1)).toEqual({ synced: 'end' });
    const ledger = JSON.parse(wuye(['ledger', '--json', '--db', db]).stdout) as Array<{ kind: string; status: string }>;
    expect(ledger.map((c) => [c.kind, c.status])).toEqual([['repair_visit', 'kept']]);
  });
});
