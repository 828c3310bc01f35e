import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

const STRANGER = 'wx_newcomer';
const newStaff = { id: 's009', name: '钱芳', role: 'service' as const, wechatId: STRANGER, phone: '13511110009' };

describe('who is who, kept in memory between messages', () => {
  it('a wechat id imported as staff is answered as staff from the next message on', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '你好');
    expect(app.transport.to(STRANGER).at(-1)).not.toBe(p('staff.hint', { name: '钱芳' }));
    app.store.community.saveStaff(newStaff);
    await app.say(STRANGER, '你好');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('staff.hint', { name: '钱芳' }));
  });

  it('a change undone by a rollback is not remembered', async () => {
    const app = createTestApp();
    await app.say(STRANGER, '你好');
    const before = app.transport.to(STRANGER).at(-1);
    expect(() =>
      app.store.transaction(() => {
        app.store.community.saveStaff(newStaff);
        expect(app.store.community.staffByWechat(STRANGER)?.name).toBe('钱芳');
        throw new Error('undone');
      }),
    ).toThrow('undone');
    await app.say(STRANGER, '你好');
    expect(app.transport.to(STRANGER).at(-1)).toBe(before);
  });

  it('a staff member added by another process (wuye import beside the running bot) is known at the next message', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-kept-')), 'wuye.db');
    const app = createTestApp({ db: file });
    await app.say(STRANGER, '你好');
    const other = Store.open(file);
    other.community.saveStaff(newStaff);
    other.close();
    // The other process's commit is seen from the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    await app.say(STRANGER, '你好');
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('staff.hint', { name: '钱芳' }));
    app.store.close();
  });

  it('praise naming someone not yet on staff, said again once they are, is passed on with their name', async () => {
    const app = createTestApp();
    const praise = '客服钱芳态度特别好，表扬一下';
    await app.say(RESIDENT, praise);
    expect(app.transport.to(RESIDENT).at(-1)).not.toBe(p('reception.praise_thanks', { staff: '钱芳' }));
    app.store.community.saveStaff({ ...newStaff, wechatId: null });
    await app.say(RESIDENT, praise);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.praise_thanks', { staff: '钱芳' }));
  });
});
