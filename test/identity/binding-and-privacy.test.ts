import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { importFile } from '../../src/import/import-table.js';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const STRANGER = 'wx_newcomer';
// The sample community: 3-2-1201 is 张伟 (phone …1201), owing 806.40 + 35.20; 5-3-803 is 刘洋 (…0803), not bound.
const STATEMENT_1201 = [
  p('arrears.header', { unit: '3-2-1201' }),
  p('arrears.item', { item: '物业管理费', period: '2026-07~2026-09', amount: '806.40' }),
  p('arrears.item', { item: '公共能耗分摊', period: '2026-09', amount: '35.20' }),
  p('arrears.total', { amount: '841.60' }),
  p('arrears.how_to_pay'),
].join('\n');

describe('a bound resident sees their own arrears, itemized', () => {
  it('each item, period and amount, and the total', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我家还欠多少物业费');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(STATEMENT_1201);
  });

  it('a resident with two units sees both; a unit with nothing owed says so', async () => {
    const app = createTestApp();
    await app.say('wx_chenjing', '查一下欠费');
    expect(app.transport.to('wx_chenjing').at(-1)).toBe(
      [p('arrears.none', { unit: '2-1-1101' }), p('arrears.none', { unit: '2-1-1102' })].join('\n'),
    );
  });

  it('asking about another household learns nothing, not even whether it owes', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '5-3-803欠多少钱');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.not_your_unit'));
    await app.say(RESIDENT, '9-9-999欠多少钱'); // a unit that does not exist gets the very same answer
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.not_your_unit'));
  });
});

describe("another household's bill is refused politely, to strangers and residents alike", () => {
  it('a resident asking about the neighbours gets a refusal, not their own statement as if it answered', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '隔壁1202欠没欠物业费 帮我查查');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.others_refused'));
    await app.say(RESIDENT, '我哪知道她手机号 你就告诉我她交没交');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.others_refused'));
    expect(app.transport.to(RESIDENT)).not.toContain(STATEMENT_1201);
  });

  it('pressing after a refusal, in other words, is refused again', async () => {
    const app = createTestApp();
    await app.say('wx_wangfang', '帮我看下5栋3单元803欠多少 我朋友家');
    await app.say('wx_wangfang', '他手机号我不知道 你看一下又不会怎样');
    expect(app.transport.to('wx_wangfang').slice(-2)).toEqual([
      p('arrears.others_refused'),
      p('arrears.others_refused'),
    ]);
  });

  it('a stranger who cannot pass the phone check because it is not their household is refused, not asked forever', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '帮我查下5栋3单元803欠多少物业费');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.ask_phone'));
    await app.say(STRANGER, '我不知道他手机号 我是他朋友 帮他问问');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('arrears.others_refused'));
    // The conversation is free again: a new matter is heard, not taken for a phone number.
    await app.say(STRANGER, '物业办公室几点上班');
    expect(app.transport.to(STRANGER).at(-1)).toContain(p('faq.header'));
  });

  it('"手机号不记得了 你直接告诉我欠多少" at the phone check: refused, told the desk can check in person, nothing shown', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '我是3栋2单元1201的张伟 换了个微信号 查下欠多少钱');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.ask_phone'));
    await app.say(STRANGER, '手机号不记得了 你直接告诉我欠多少不就行了');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.cannot_check'));
    expect(app.transport.to(STRANGER).join('\n')).not.toContain('806.40');
    // Found later, the four digits still check them.
    await app.say(STRANGER, '问到了 1201');
    expect(app.transport.to(STRANGER).at(-1)).not.toBe(p('binding.ask_phone_again'));
  });

  it("one's own household asked for by a family member on a new id is no other household: the phone check as usual", async () => {
    const app = createTestApp();
    await app.say(STRANGER, '5-3-803 帮我爸看下物业费');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.ask_phone'));
    await app.say(STRANGER, '0803');
    expect(app.transport.to(STRANGER).at(-1)).toContain(p('arrears.header', { unit: '5-3-803' }));
  });
});

describe('binding a new wechat id to a unit', () => {
  it('asks for the unit and the phone’s last four digits, then binds and answers', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '物业费还欠多少');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.ask_unit'));
    await app.say(STRANGER, '5栋3单元803');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.ask_phone'));
    await app.say(STRANGER, '0803');
    const reply = app.transport.to(STRANGER).at(-1)!;
    expect(reply.startsWith(p('binding.done'))).toBe(false); // done and statement are separate messages
    expect(app.transport.to(STRANGER).slice(-2)).toEqual([
      p('binding.done'),
      [
        p('arrears.header', { unit: '5-3-803' }),
        p('arrears.item', { item: '物业管理费', period: '2026-04~2026-09', amount: '1612.80' }),
        p('arrears.total', { amount: '1612.80' }),
        p('arrears.how_to_pay'),
      ].join('\n'),
    ]);
    expect(app.store.community.residentsByWechat(STRANGER).map((r) => r.unitId)).toEqual(['5-3-803']);
    expect(app.store.events.forRef('5-3-803').map((e) => e.type)).toContain('bound');
  });

  it('takes a unit given in pieces, asking for the rest, and binds once it is whole', async () => {
    const STATEMENT_803 = [
      p('arrears.header', { unit: '5-3-803' }),
      p('arrears.item', { item: '物业管理费', period: '2026-04~2026-09', amount: '1612.80' }),
      p('arrears.total', { amount: '1612.80' }),
      p('arrears.how_to_pay'),
    ].join('\n');
    for (const pieces of [
      ['5栋803欠多少物业费', '3单元'],
      ['我家物业费欠多少', '5栋的', '3单元803'],
      ['我家物业费欠多少', '5号楼3单元', '803室'],
      // Asked for the home, the room alone first, then where it is.
      ['我家物业费欠多少', '803', '5栋3单元'],
    ]) {
      const app = createTestApp();
      const [first, ...rest] = pieces;
      await app.say(STRANGER, first!);
      expect(app.transport.to(STRANGER).at(-1), first).toBe(p('binding.ask_unit'));
      for (const piece of rest.slice(0, -1)) {
        await app.say(STRANGER, piece);
        expect(app.transport.to(STRANGER).at(-1), piece).toBe(p('binding.ask_unit_again'));
      }
      await app.say(STRANGER, rest.at(-1)!);
      expect(app.transport.to(STRANGER).at(-1), pieces.join(' / ')).toBe(p('binding.ask_phone'));
      await app.say(STRANGER, '0803');
      expect(app.transport.to(STRANGER).slice(-2)).toEqual([p('binding.done'), STATEMENT_803]);
    }
  });

  it('a mistyped phone corrected right after the failed check is tried again for the same unit', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '帮我看下5号楼3单元803欠多少钱');
    await app.say(STRANGER, '8030');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.failed'));
    await app.say(STRANGER, '打错了 0803');
    expect(app.transport.to(STRANGER).at(-2)).toBe(p('binding.done'));
    expect(app.store.community.residentsByWechat(STRANGER).map((r) => r.unitId)).toEqual(['5-3-803']);
  });

  it('a unit named in the first message skips straight to the phone', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '5-3-803欠多少钱');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.ask_phone'));
  });

  it('never reveals whether the unit or the phone was wrong', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '9-9-999欠多少钱');
    await app.say(STRANGER, '1234');
    const noSuchUnit = app.transport.to(STRANGER).at(-1);
    await app.say(STRANGER, '5-3-803');
    await app.say(STRANGER, '1234');
    const wrongPhone = app.transport.to(STRANGER).at(-1);
    expect(noSuchUnit).toBe(p('binding.failed'));
    expect(wrongPhone).toBe(noSuchUnit);
    expect(app.store.community.residentsByWechat(STRANGER)).toEqual([]);
  });

  it('three failures lock binding for hours and tell the desk; the lock then lifts', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '物业费');
    for (let i = 0; i < 3; i++) {
      await app.say(STRANGER, '5-3-803');
      await app.say(STRANGER, '9999');
    }
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.locked'));
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain(STRANGER);
    // Even the right answer is not checked while locked.
    await app.say(STRANGER, '物业费');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.locked'));
    await app.advanceTo(app.clock.now() + 7 * 3600_000);
    await app.say(STRANGER, '5-3-803欠多少钱');
    await app.say(STRANGER, '0803');
    expect(app.store.community.residentsByWechat(STRANGER).map((r) => r.unitId)).toEqual(['5-3-803']);
  });

  it('after a miss, digits typed again ("打错了 0803") are tried for the same unit', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '帮我看下5号楼3单元803欠多少钱');
    await app.say(STRANGER, '8030');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.failed'));
    await app.say(STRANGER, '打错了 0803');
    expect(app.store.community.residentsByWechat(STRANGER).map((r) => r.unitId)).toEqual(['5-3-803']);
    expect(app.transport.to(STRANGER).at(-1)).toContain(p('arrears.header', { unit: '5-3-803' }));
  });

  it('can be given up with 算了', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '物业费');
    await app.say(STRANGER, '算了');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.cancelled'));
  });
});

describe('staff bind and unbind', () => {
  it('#绑定 binds after checking in person; #解绑 unties; residents and technicians may not', async () => {
    const app = createTestApp();
    await app.say(SERVICE_DESK, `#绑定 ${STRANGER} 5-3-803 0803`);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      p('staff.reply.bound', { wechat: STRANGER, unit: '5-3-803', count: 1 }),
    );
    expect(app.store.community.residentsByWechat(STRANGER)).toHaveLength(1);
    await app.say(SERVICE_DESK, `#绑定 ${STRANGER} 5-3-803 1111`);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.no_such_resident', { unit: '5-3-803' }));
    await app.say(SERVICE_DESK, '#绑定 wx_x 3-2');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.usage.bind', { word: '绑定' }));
    await app.say('wx_sunqiang', `#解绑 ${STRANGER}`);
    expect(app.transport.to('wx_sunqiang').at(-1)).toBe(p('staff.refused.role', { command: '#解绑' }));
    await app.say(RESIDENT, `#解绑 ${STRANGER}`);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.staff_command_refused'));
    await app.say(SERVICE_DESK, `#解绑 ${STRANGER}`);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.reply.unbound', { wechat: STRANGER, count: 1 }));
    expect(app.store.community.residentsByWechat(STRANGER)).toEqual([]);
    await app.say(SERVICE_DESK, `#解绑 ${STRANGER}`);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.not_bound', { wechat: STRANGER }));
  });
});

describe('a unit named in any common form is the office record, however its file wrote it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wuye-units-'));
  // The office's file on the left; what the owner types on the right.
  const cases: Array<[string, string]> = [
    ['1-1-0301', '1栋1单元301'],
    ['1-1-0301', '1号楼1单元301室'],
    ['1-1-301', '1-1-0301'],
    ['1-1-301', '1幢1单元301'],
    ['1栋1单元0301', '1-1-301'],
    ['1-1-301', '一栋一单元三零一'],
    ['1-1-301', '1栋1单元0301'],
  ];
  for (const [recorded, typed] of cases) {
    it(`"${typed}" binds to the record written ${recorded}, and the statement is its own`, async () => {
      const app = createTestApp();
      const residents = path.join(dir, `${recorded}.csv`);
      writeFileSync(residents, `id,name,phone,unit,wechat_id\nr301,陈静,13600000301,${recorded},\n`);
      await importFile(app.store, 'residents', residents, 'test', app.clock.now());
      const arrears = path.join(dir, `${recorded}-arrears.csv`);
      writeFileSync(arrears, `unit,item,period,amount\n${recorded},物业管理费,2026-10,300.00\n`);
      await importFile(app.store, 'arrears', arrears, 'test', app.clock.now());
      await app.say(STRANGER, `${typed} 物业费欠多少`);
      expect(app.transport.to(STRANGER).at(-1)).toBe(p('binding.ask_phone'));
      await app.say(STRANGER, '0301');
      expect(app.transport.to(STRANGER).slice(-2)).toEqual([
        p('binding.done'),
        [
          p('arrears.header', { unit: '1-1-301' }),
          p('arrears.item', { item: '物业管理费', period: '2026-10', amount: '300.00' }),
          p('arrears.total', { amount: '300.00' }),
          p('arrears.how_to_pay'),
        ].join('\n'),
      ]);
      expect(app.store.community.residentsByWechat(STRANGER).map((r) => r.unitId)).toEqual(['1-1-301']);
    });
  }
});

describe('phone numbers reach staff and logs only by their last four digits', () => {
  it('in notifications and command answers', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '麻烦打我电话13800001201，转人工');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('*******1201');
    expect(app.transport.to(SERVICE_DESK).join('\n')).not.toContain('13800001201');
    await app.say(SERVICE_DESK, '#待办');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('*******1201');
    expect(app.transport.to(SERVICE_DESK).at(-1)).not.toContain('13800001201');
  });

  it('in logs', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger('info', sink as never);
    log.info({ text: '我的电话 13912345678', nested: { phone: '13800001201' } }, '回电 13700000000');
    const out = lines.join('');
    expect(out).toContain('*******5678');
    expect(out).toContain('*******1201');
    expect(out).toContain('*******0000');
    expect(out).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});
