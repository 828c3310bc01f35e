import { describe, expect, it } from 'vitest';
import { bookRepair, createTestApp, SERVICE_DESK } from '../fakes/test-app.js';

const STAFF_ROOM = 'room_staff';
const BUILDING_GROUP = 'room_building3';
const TECHNICIAN = 'wx_sunqiang';

describe('staff commands are answered only in private chats and the staff room (finding 7)', () => {
  it('#待办 typed in a residents’ group: the answer goes to the staff member privately, nothing to the group', async () => {
    const app = createTestApp({ staffRoom: STAFF_ROOM });
    const ticket = await bookRepair(app); // 张伟's repair, on 孙强's to-do list
    const before = app.transport.to(TECHNICIAN).length;
    await app.say(TECHNICIAN, '#待办', { room: BUILDING_GROUP });
    expect(app.transport.to(BUILDING_GROUP)).toEqual([]);
    expect(app.transport.to(TECHNICIAN).length).toBe(before + 1);
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain(ticket);
  });

  it('mentioning the bot in a residents’ group without a command: the hint goes privately too', async () => {
    const app = createTestApp({ staffRoom: STAFF_ROOM });
    await app.say(SERVICE_DESK, '@物业小助手 在吗', { room: BUILDING_GROUP, mentions: ['wuye-bot'] });
    expect(app.transport.to(BUILDING_GROUP)).toEqual([]);
    expect(app.transport.to(SERVICE_DESK)).toHaveLength(1);
  });

  it('in the staff room and in private the answer stays where the command was typed', async () => {
    const app = createTestApp({ staffRoom: STAFF_ROOM });
    const ticket = await bookRepair(app);
    await app.say(TECHNICIAN, '#待办', { room: STAFF_ROOM });
    expect(app.transport.to(STAFF_ROOM).at(-1)).toContain(ticket);
    const privately = app.transport.to(TECHNICIAN).length;
    await app.say(TECHNICIAN, '#待办');
    expect(app.transport.to(TECHNICIAN)).toHaveLength(privately + 1);
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain(ticket);
  });

  it('with no staff room configured, every room is a residents’ room', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say(SERVICE_DESK, '#逾期', { room: 'room_any' });
    expect(app.transport.to('room_any')).toEqual([]);
  });
});
