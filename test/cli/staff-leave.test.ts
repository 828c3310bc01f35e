import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, wuye } from '../fakes/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wuye-leave-'));
const NOW = '2026-11-26T09:00:00+08:00';
const recipients = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { to?: string }).to)
    .filter((to): to is string => to !== undefined);

/** A plumbing repair booked by 张伟, answered yes; returns who was messaged. */
function bookPlumbing(db: string, id: string): string[] {
  const out = wuye(
    ['chat', '--jsonl', '--db', db, '--now', NOW],
    lines(
      { from: 'wx_zhangwei', text: '卫生间下水道堵了 明天上午来修', id: `${id}-1` },
      { from: 'wx_zhangwei', text: '对', id: `${id}-2` },
      { sync: id },
    ),
  );
  expect(out.code).toBe(0);
  return recipients(out.stdout);
}

describe('a technician who left', () => {
  it('a staff file without them says who is missing; once recorded as left, their tickets go to the desk and they get nothing', () => {
    const db = path.join(dir, 'office.db');
    expect(bookPlumbing(db, 'before')).toContain('wx_sunqiang');

    const file = path.join(dir, 'staff.csv');
    writeFileSync(
      file,
      'id,name,role,wechat_id,phone\ns001,赵敏,service,wx_zhaomin,13511110001\ns003,周杰,technician,wx_zhoujie,13511110003\n',
    );
    const imported = wuye(['import', 'staff', file, '--db', db]);
    expect(imported.code).toBe(0);
    // A re-import removes nobody: it says who is not in the file, and how to record that they left.
    expect(imported.stderr).toMatch(/s002 孙强/);
    expect(imported.stderr).toMatch(/wuye staff leave/);

    const left = wuye(['staff', 'leave', 's002', '--db', db]);
    expect(left.code).toBe(0);
    expect(left.stdout).toMatch(/孙强 \(s002\) recorded as left.*open tickets back to the desk: R1/);

    const after = bookPlumbing(db, 'after');
    expect(after).not.toContain('wx_sunqiang');
    // A second time: nobody of that id is on staff any more.
    expect(wuye(['staff', 'leave', 's002', '--db', db])).toMatchObject({ code: 1 });
  });
});
