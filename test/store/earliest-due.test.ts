import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-due-')), 'bot.db');

describe('due times kept in memory between changes', () => {
  it('a message another process queues (wuye remind, wuye broadcast) is sent at the running bot’s next tick', async () => {
    const db = file();
    const app = createTestApp({ db });
    await app.tick(); // nothing due: the bot now knows it without asking again
    const cli = Store.open(db);
    cli.transaction(() => cli.outbox.enqueue(RESIDENT, 'notice from the command line', null, app.clock.now()));
    cli.close();
    await nextTurn();
    await app.tick();
    expect(app.transport.to(RESIDENT)).toContain('notice from the command line');
    app.store.close();
  });

  it('a notice queued to wait for the office to open leaves when it opens', async () => {
    const app = createTestApp({ now: '2026-11-28T00:20:00+08:00' });
    const opens = Date.parse('2026-11-28T08:30:00+08:00');
    await app.tick();
    app.store.transaction(() =>
      app.store.outbox.enqueue('wx_wugang', 'for the morning', null, app.clock.now(), [], null, opens),
    );
    await app.tick();
    await app.advanceTo(opens + 60_000);
    expect(app.transport.to('wx_wugang')).toContain('for the morning');
  });

  it('a promise another process records is on the ladder’s agenda', async () => {
    const db = file();
    const app = createTestApp({ db });
    const before = app.ladder.nextDueAt();
    const dueAt = app.clock.now() + 60_000;
    const cli = Store.open(db);
    cli.commitments.create({
      kind: 'callback',
      party: 'office',
      dueAt,
      summary: 'call back',
      createdAt: app.clock.now(),
    });
    cli.close();
    await nextTurn();
    expect(app.ladder.nextDueAt()).toBe(before === undefined ? dueAt : Math.min(before, dueAt));
  });

  it('a promise made in this process is known at once, and forgotten once done', async () => {
    const app = createTestApp();
    const dueAt = app.clock.now() + 60_000;
    app.store.commitments.create({
      kind: 'callback',
      party: 'office',
      dueAt,
      summary: 'call back',
      createdAt: app.clock.now(),
    });
    expect(app.ladder.nextDueAt()).toBe(dueAt);
    await app.advanceTo(dueAt + 1);
    expect(app.store.commitments.all()[0]!.status).toBe('broken');
    expect(app.ladder.nextDueAt()).toBeUndefined();
  });
});
