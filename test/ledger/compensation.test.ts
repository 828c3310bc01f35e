import { describe, expect, it } from 'vitest';
import { p, phrases } from '../fakes/phrases.js';
import { bookRepair, createTestApp, fileComplaint, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const SUPERVISOR = 'wx_wugang';

describe('every promise spoken is recorded', () => {
  it('a low rating: the compensation offered is written on the ticket and told to the supervisor, and what the resident adds reaches them', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app);
    await app.say('wx_sunqiang', `#接单 ${ticket}`);
    await app.say('wx_sunqiang', `#完成 ${ticket}`);
    await app.say(RESIDENT, '2 2 2 根本没修好');
    const offered = app.store.events.forRef(ticket).filter((e) => e.type === 'compensation_offered');
    expect(offered).toEqual([
      expect.objectContaining({ data: { key: 'repair.compensation', text: phrases.render('repair.compensation') } }),
    ]);
    expect(app.transport.to(SUPERVISOR).at(-1)).toContain(phrases.render('repair.compensation'));

    app.transport.clear();
    await app.say(RESIDENT, '灯还是一闪一闪的，师傅走的时候也没把地上的灰收拾干净');
    expect(app.transport.to(SUPERVISOR)).toEqual([expect.stringContaining('师傅走的时候也没把地上的灰收拾干净')]);
    expect(app.transport.to(RESIDENT)).toEqual([p('reception.passed_on', { ticket })]);
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.number)).toEqual([ticket]); // no second ticket

    // Something else entirely is handled as usual.
    app.transport.clear();
    await app.say(RESIDENT, '我家还欠多少物业费');
    expect(app.transport.to(SUPERVISOR)).toEqual([]);
    expect(app.transport.to(RESIDENT).join('\n')).toContain('806.40');
  });

  it('an unsolved complaint: the compensation is on the ticket, and more details go to the supervisor', async () => {
    const app = createTestApp();
    const ticket = await fileComplaint(app, RESIDENT, '我要投诉，楼下烧烤摊油烟太大了');
    await app.say(SERVICE_DESK, `#接单 ${ticket}`);
    await app.say(SERVICE_DESK, `#完成 ${ticket}`);
    await app.say(RESIDENT, '不满意，还是一样');
    expect(app.store.events.forRef(ticket).some((e) => e.type === 'compensation_offered')).toBe(true);
    expect(app.transport.to(SUPERVISOR).at(-1)).toContain(phrases.render('complaint.compensation'));
    await app.say(RESIDENT, '昨天晚上十一点还在烤，窗户都不敢开');
    expect(app.transport.to(SUPERVISOR).at(-1)).toContain('窗户都不敢开');
  });
});
