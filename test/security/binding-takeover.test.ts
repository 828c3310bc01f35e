import { describe, expect, it } from 'vitest';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK, type TestApp } from '../fakes/test-app.js';

// The sample community: 3-2-1201 is 张伟 (phone …1201), bound to wx_zhangwei; 5-3-803 is 刘洋 (…0803), not bound.
const ATTACKER = 'wx_attacker';

async function tryBinding(app: TestApp, who: string, unit: string, last4: string): Promise<string> {
  await app.say(who, `${unit}欠多少物业费`);
  await app.say(who, last4);
  return app.transport.to(who).at(-1)!;
}

const boundTo = (app: TestApp, wechatId: string) =>
  app.store.community.residentsByWechat(wechatId).map((r) => r.unitId);

describe('a household bound to someone cannot be taken over from the chat (finding 1)', () => {
  it('the right unit and digits from another wechat id: nothing rebound, the claimant hears what a wrong guess hears (the digits are not confirmed), the desk and the household told', async () => {
    const app = createTestApp({ now: '2026-11-26T10:00:00+08:00' });
    const answer = await tryBinding(app, ATTACKER, '3-2-1201', '1201');

    expect(boundTo(app, RESIDENT)).toEqual(['3-2-1201']); // the real resident keeps the household
    expect(boundTo(app, ATTACKER)).toEqual([]);
    expect(answer).toBe(p('binding.failed'));
    const wrongGuess = createTestApp({ now: '2026-11-26T10:00:00+08:00' });
    expect(await tryBinding(wrongGuess, ATTACKER, '3-2-1201', '9999')).toBe(answer);
    const desk = app.transport.to(SERVICE_DESK).at(-1)!;
    expect(desk).toContain(ATTACKER);
    expect(desk).toContain(RESIDENT);
    expect(desk).toContain('3-2-1201');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('binding.someone_tried', { unit: '3-2-1201' }));
    // The household's statement never reached the claimant.
    expect(app.transport.to(ATTACKER).join('\n')).not.toContain('806.40');
  });

  it('staff binding in person still rebinds (the desk has checked identity)', async () => {
    const app = createTestApp();
    await app.say(SERVICE_DESK, `#绑定 wx_newphone 3-2-1201 1201`);
    expect(boundTo(app, 'wx_newphone')).toEqual(['3-2-1201']);
  });
});

describe('guessing is limited per unit and overall, not only per wechat id (finding 1)', () => {
  it('guesses on one unit from rotating ids lock that unit: even the right digits are then refused, and the desk is told', async () => {
    const app = createTestApp();
    for (let i = 0; i < 3; i++) {
      // Two wrong guesses per id: never three in a row for any one id.
      await tryBinding(app, `wx_rot${i}`, '5-3-803', String(1000 + i));
      await app.say(`wx_rot${i}`, '5-3-803');
      await app.say(`wx_rot${i}`, String(2000 + i));
    }
    const answer = await tryBinding(app, 'wx_rot_final', '5-3-803', '0803');
    expect(answer).toBe(p('binding.locked'));
    expect(boundTo(app, 'wx_rot_final')).toEqual([]);
    expect(app.transport.to(SERVICE_DESK).join('\n')).toContain(
      p('staff.binding_unit_locked', { unit: '5-3-803', wechat: 'wx_rot2' }),
    );
    // Another unit is not affected by that lock.
    expect(await tryBinding(app, 'wx_other', '1-1-502', '0502')).not.toBe(p('binding.locked'));
  });

  it('the unit lock lifts after WUYE_BINDING_LOCK', async () => {
    const app = createTestApp();
    for (let i = 0; i < 5; i++) await tryBinding(app, `wx_lift${i}`, '5-3-803', '9999');
    expect(await tryBinding(app, 'wx_lift_ok', '5-3-803', '0803')).toBe(p('binding.locked'));
    await app.advanceTo(app.clock.now() + 7 * 3_600_000);
    await tryBinding(app, 'wx_lift_ok', '5-3-803', '0803');
    expect(boundTo(app, 'wx_lift_ok')).toEqual(['5-3-803']);
  });

  it('guesses spread over many units and ids pause chat binding for everyone, and the desk is told', async () => {
    const app = createTestApp();
    for (let i = 0; i < 30; i++) await tryBinding(app, `wx_spray${i}`, `9-9-${900 + i}`, '1234');
    await tryBinding(app, 'wx_fresh', '5-3-803', '0803');
    // Told at once, before being asked for anything.
    expect(app.transport.to('wx_fresh')).toContain(p('binding.locked'));
    expect(boundTo(app, 'wx_fresh')).toEqual([]);
    expect(app.transport.to(SERVICE_DESK).join('\n')).toContain(
      p('staff.binding_all_locked', { wechat: 'wx_spray29', unit: '9-9-929' }),
    );
  });
});

describe('every binding made in the chat is reported to the desk (finding 1)', () => {
  it('names the wechat id and the unit; the resident’s own path is no longer than before', async () => {
    const app = createTestApp();
    const before = app.transport.to('wx_newcomer').length;
    await tryBinding(app, 'wx_newcomer', '5-3-803', '0803');
    expect(boundTo(app, 'wx_newcomer')).toEqual(['5-3-803']);
    // Two messages in, four out, as before: the greeting, the question for the digits, "done" and the statement.
    expect(app.transport.to('wx_newcomer').length - before).toBe(4);
    expect(app.transport.to('wx_newcomer').at(-2)).toBe(p('binding.done'));
    const desk = app.transport.to(SERVICE_DESK).at(-1)!;
    expect(desk).toContain('wx_newcomer');
    expect(desk).toContain('5-3-803');
  });
});
