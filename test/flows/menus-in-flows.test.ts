import { describe, expect, it } from 'vitest';
import { Menus } from '../../src/phrases/menus.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT } from '../fakes/test-app.js';

describe('the 1–5 rating offered as buttons (issue 22)', () => {
  it('the rating request carries five choices, and a tap on 4分 rates all three 4 without the classifier', async () => {
    const menus = Menus.load();
    expect(menus.menuFor('repair.rate')?.choices.map((c) => c.reply)).toEqual(['5', '4', '3', '2', '1']);
    expect(menus.menuFor('repair.rate_again')).toEqual(menus.menuFor('repair.rate'));
    const app = createTestApp();
    await bookRepair(app);
    await app.say('wx_sunqiang', '#完成 R1');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.rate', { ticket: 'R1' }));
    await app.say(RESIDENT, '4分 满意', { choice: 'rate_4' });
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.thanks_rating'));
    const rating = app.store.events.forRef('R1').find((e) => e.type === 'rating')?.data;
    expect(rating).toMatchObject({ speed: 4, attitude: 4, quality: 4, unhappy: false });
  });
});

describe('the two likeliest topics offered as buttons (issue 22)', () => {
  it('the clarify question names both and offers every topic; a tap on 报修 starts the repair', async () => {
    const menus = Menus.load();
    const rich = menus.rich(
      [{ key: 'reception.clarify', params: { first: 'repair', second: 'card' } }],
      (ref) => p(ref.key, ref.params as Record<string, string>),
      false,
    );
    expect(rich.menu?.head).toBe(p('tap.clarify_head', { first: 'repair', second: 'card' }));
    expect(rich.menu?.choices.map((c) => c.id)).toEqual(['repair', 'complaint', 'arrears', 'card', 'inquiry', 'human']);
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '电梯');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/还是/);
    await app.say(RESIDENT, '报修', { choice: 'repair' });
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_problem'));
  });
});
