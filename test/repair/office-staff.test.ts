import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, ImportError } from '../../src/import/import-table.js';
import { Store } from '../../src/store/store.js';
import { createTestApp } from '../fakes/test-app.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wuye-office-'));
let n = 0;
const file = (content: string) => {
  const name = path.join(dir, `f${++n}.csv`);
  writeFileSync(name, content);
  return name;
};

/** A real office's files: its own ids, two technicians, no work columns at all. */
const STAFF = `id,name,role,wechat_id,phone
s1,王丽,service,wx_wangli,13600000001
s2,刘强,technician,wx_liuqiang,13600000002
s3,陈刚,technician,wx_chengang,13600000003
s4,黄主管,supervisor,wx_huang,13600000004
s5,林经理,manager,wx_lin,13600000005
`;
const RESIDENTS = `id,name,phone,unit,wechat_id
h1,马云飞,13900001111,8-1-0601,wx_ma
`;

async function officeApp(now: string) {
  const app = createTestApp({ seed: false, now });
  const at = app.clock.now();
  await importFile(app.store, 'staff', file(STAFF), 'test', at);
  await importFile(app.store, 'residents', file(RESIDENTS), 'test', at);
  return app;
}

describe("an office's own staff file", () => {
  it('is enough to book a repair: a plain technician row takes every category, Monday to Saturday', async () => {
    const app = await officeApp('2026-11-30T10:00:00+08:00'); // Monday
    await app.say('wx_ma', '卫生间马桶堵了，明天上午来修');
    await app.say('wx_ma', '对');
    const ticket = app.store.tickets.openForParty('wx_ma')[0];
    expect(ticket).toMatchObject({ type: 'repair', ownerId: 's2' });
    expect(app.transport.to('wx_liuqiang').join('\n')).toContain(ticket!.number);
    expect(app.transport.to('wx_ma').join('\n')).not.toMatch(/系统刚才出了点问题/);
  });

  it('never books a technician on a Sunday unless the file says they work Sundays', async () => {
    const app = await officeApp('2026-12-05T10:00:00+08:00'); // Saturday
    await app.say('wx_ma', '客厅灯坏了，明天上午来修'); // Sunday
    await app.say('wx_ma', '1');
    await app.say('wx_ma', '对');
    const visit = app.store.commitments.all().find((c) => c.kind === 'repair_visit' && c.status === 'open');
    expect(new Date(visit!.windowStart!).getUTCDay()).not.toBe(0);
  });

  it('an urgent repair pages its on-call technicians at once', async () => {
    const app = await officeApp('2026-12-02T02:30:00+08:00'); // the middle of the night
    await app.say('wx_ma', '家里燃气味很重');
    expect(app.transport.to('wx_liuqiang').length).toBeGreaterThan(0);
    expect(app.transport.to('wx_chengang').length).toBeGreaterThan(0);
  });

  it('skills, weekdays and on_call columns decide who takes what', async () => {
    const app = createTestApp({ seed: false, now: '2026-11-30T10:00:00+08:00' });
    const at = app.clock.now();
    await importFile(
      app.store,
      'staff',
      file(`id,name,role,wechat_id,phone,skills,weekdays,on_call
s1,王丽,service,wx_wangli,13600000001,,,
s2,刘强,technician,wx_liuqiang,13600000002,门窗|家电,1-5,no
s3,陈刚,technician,wx_chengang,13600000003,"水,管道",1-6,yes
`),
      'test',
      at,
    );
    await importFile(app.store, 'residents', file(RESIDENTS), 'test', at);
    await app.say('wx_ma', '厨房水龙头坏了，明天上午来修');
    await app.say('wx_ma', '对');
    expect(app.store.tickets.openForParty('wx_ma')[0]).toMatchObject({ ownerId: 's3' });
    await app.say('wx_ma', '楼道里全是煤气味');
    expect(app.transport.to('wx_liuqiang')).toEqual([]); // not on call
    expect(app.transport.to('wx_chengang').some((t) => /煤气味/.test(t))).toBe(true);
  });

  it('a re-import without the work columns keeps the skills already stored', async () => {
    const store = Store.open(':memory:');
    await importFile(
      store,
      'staff',
      file('id,name,role,wechat_id,phone,skills\ns2,刘强,technician,wx_l,13600000002,门窗\n'),
      't',
      0,
    );
    const again = await importFile(
      store,
      'staff',
      file('id,name,role,wechat_id,phone\ns2,刘强,technician,wx_l,13600000002\n'),
      't',
      0,
    );
    expect(again).toMatchObject({ unchanged: 1 });
    expect(store.community.staffWithProfiles()[0]).toMatchObject({ skills: ['门窗'], weekdays: null, onCall: null });
  });

  it.each([
    ['an unknown role', 's9,赵六,plumber,wx_z,13600000009,,,', /line 2, column role: role must be/],
    [
      'a skill that is not a repair category',
      's9,赵六,technician,wx_z,13600000009,水|修车,,',
      /line 2, column skills: "修车" is not a repair category/,
    ],
    [
      'a weekday outside 1-7',
      's9,赵六,technician,wx_z,13600000009,,1-8,',
      /line 2, column weekdays: "1-8" is not a weekday/,
    ],
    [
      'an on_call that is not yes or no',
      's9,赵六,technician,wx_z,13600000009,,,maybe',
      /line 2, column on_call: "maybe" is not yes or no/,
    ],
    [
      'skills on a desk row',
      's9,赵六,service,wx_z,13600000009,水,,',
      /line 2, column skills: only a technician has skills/,
    ],
  ])('refuses %s with its line and column, and imports nothing', async (_, row, message) => {
    const store = Store.open(':memory:');
    const name = file(
      `id,name,role,wechat_id,phone,skills,weekdays,on_call\n${row}\ns8,钱七,technician,wx_q,13600000008,,,\n`,
    );
    const error = await importFile(store, 'staff', name, 't', 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
    expect(store.community.counts().staff).toBe(0);
  });
});
