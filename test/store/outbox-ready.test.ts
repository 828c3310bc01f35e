import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DUE_BATCH } from '../../src/store/outbox-repo.js';
import { Store } from '../../src/store/store.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

/** The dispatcher finds what this process queued without asking the database: never more, never less. */
describe('messages queued here, sent without a query', () => {
  it('what a rolled-back transaction queued is never sent; what was queued outside any transaction is', async () => {
    const app = createTestApp();
    const now = app.clock.now();
    await app.say(RESIDENT, '你好'); // the first pass asks the database; from then on, memory
    expect(() =>
      app.store.transaction(() => {
        app.store.outbox.enqueue('wx_undone', 'never sent', null, now);
        app.store.outbox.enqueue('wx_undone', 'never sent either', null, now);
        throw new Error('undone');
      }),
    ).toThrow('undone');
    app.store.outbox.enqueue('wx_kept', 'sent', null, now);
    await app.dispatcher.flush();
    expect(app.transport.to('wx_undone')).toEqual([]);
    expect(app.transport.to('wx_kept')).toEqual(['sent']);
  });

  it('a message another process queued (a command beside the running bot) goes with the next pass', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-ready-')), 'wuye.db');
    const app = createTestApp({ db: file });
    await app.say(RESIDENT, '你好');
    const other = Store.open(file);
    other.outbox.enqueue('wx_lina', 'from another process', null, app.clock.now());
    other.close();
    await new Promise((resolve) => setImmediate(resolve));
    await app.say(RESIDENT, '谢谢');
    expect(app.transport.to('wx_lina')).toEqual(['from another process']);
    app.store.close();
  });

  it('a message queued for later waits for its time, then goes; what is queued meanwhile goes at once', async () => {
    const app = createTestApp();
    const now = app.clock.now();
    app.store.transaction(() =>
      app.store.outbox.enqueue('wx_later', 'in an hour', null, now, [], null, now + 3600_000),
    );
    await app.dispatcher.flush();
    expect(app.transport.to('wx_later')).toEqual([]);
    app.store.transaction(() => app.store.outbox.enqueue('wx_now', 'at once', null, now));
    await app.dispatcher.flush();
    expect(app.transport.to('wx_now')).toEqual(['at once']);
    app.clock.advanceBy(3600_000);
    await app.dispatcher.flush();
    expect(app.transport.to('wx_later')).toEqual(['in an hour']);
    expect(app.transport.to('wx_now')).toEqual(['at once']);
  });

  it('after a pass cut short by messages still being written, the next asks the database: another process’s rows go too', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-ready-')), 'wuye.db');
    const store = Store.open(file);
    const now = Date.parse('2026-11-26T01:00:00Z');
    for (let i = 0; i < DUE_BATCH; i++) store.outbox.enqueue('wx_a', `a${i}`, null, now);
    const first = store.outbox.due(now, 0);
    expect(first).toHaveLength(DUE_BATCH);
    store.outbox.noteTaken(first); // a transport that writes in batches took them, not yet written
    const other = Store.open(file);
    for (let i = 0; i < 3; i++) other.outbox.enqueue('wx_b', `b${i}`, null, now);
    other.close();
    await new Promise((resolve) => setImmediate(resolve));
    store.transaction(() => store.outbox.enqueue('wx_c', 'c', null, now));
    // The whole batch is rows already taken: the dispatcher's pass ends with nothing.
    expect(store.outbox.due(now, 0)).toEqual([]);
    expect(store.outbox.due(now, 0).map((r) => r.text)).toEqual(['b0', 'b1', 'b2', 'c']);
    store.close();
  });
});
