import { describe, expect, it } from 'vitest';
import { createTestApp } from '../fakes/test-app.js';

describe('words of the tenth round', () => {
  it('a cry for help with nothing said of what (救命 / 出事了 快来人啊) is asked what happened and where, with the 120/119/110 line, not for a repair', async () => {
    for (const cry of ['救命', '出事了 快来人啊', '急急急 快来']) {
      const app = createTestApp({ now: '2026-12-06T03:10:00+08:00' });
      await app.say('wx_lina', cry);
      const reply = app.transport.to('wx_lina').join('\n');
      expect(reply, cry).toContain('120');
      expect(reply, cry).not.toContain('需要维修的问题');
      // What happened is then heard as the emergency it is, and everyone on call is paged.
      await app.say('wx_lina', '我妈在卫生间摔倒了 起不来 头还在流血');
      expect(app.store.tickets.openForParty('wx_lina'), cry).toMatchObject([{ category: 'emergency_injury' }]);
      expect(app.transport.to('wx_zhengjl').join('\n'), cry).toContain('R1');
    }
  });

  it('a repair wanted soon, its problem told, is still offered the soonest visits', async () => {
    const app = createTestApp({ now: '2026-12-06T10:10:00+08:00' });
    await app.say('wx_lina', '厨房水龙头坏了 尽快来修');
    expect(app.transport.to('wx_lina').at(-1)).toContain('09:00');
  });

  it('下午吧 晚一点的, after a day was said alone, books the later afternoon window (16:00), not the first', async () => {
    const app = createTestApp({ now: '2026-12-08T09:15:00+08:00' });
    await app.say('wx_lina', '卧室窗户关不严 晚上呼呼漏风');
    await app.say('wx_lina', '明天');
    await app.say('wx_lina', '下午吧 晚一点的');
    expect(app.transport.to('wx_lina').at(-1)).toContain('16:00');
    await app.say('wx_lina', '嗯');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'repair' }]);
    expect(app.transport.to('wx_lina').at(-1)).toContain('16:00–18:00');
  });

  it('nothing but a time (晚上十一点以后) in the middle of a complaint asks nothing: no answer about decoration hours', async () => {
    const app = createTestApp({ now: '2026-12-02T10:00:00+08:00' });
    await app.say('wx_lina', '我要投诉 楼上天天晚上拖椅子 吵得睡不着');
    const before = app.transport.to('wx_lina').length;
    await app.say('wx_lina', '晚上十一点以后');
    const replies = app.transport.to('wx_lina').slice(before).join('\n');
    expect(replies).not.toContain('装修');
    expect(replies).not.toContain('答复如下');
  });

  it('a false alarm told (没事了 虚惊一场) is thanked, not answered with "on our way", and everyone paged hears it', async () => {
    const app = createTestApp({ now: '2026-12-06T21:40:00+08:00' });
    await app.say('wx_lina', '隔壁1201好像有煤气味 敲门没人应');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_gas' }]);
    await app.say('wx_lina', '没事了 虚惊一场 是他家炖汤忘关火了 已经关了');
    expect(app.transport.to('wx_lina').at(-1)).not.toContain('赶到');
    // The supervisor was paged with the first line: told it is over too, not left rushing in.
    expect(app.transport.to('wx_wugang').at(-1)).toContain('虚惊一场');
  });
});
