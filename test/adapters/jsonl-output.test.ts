import pino from 'pino';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JsonLines, JsonlTransport } from '../../src/adapters/jsonl.js';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { createApp } from '../../src/main.js';
import { ManualClock } from '../../src/domain/clock.js';
import { parseIso } from '../../src/domain/time.js';
import { Store } from '../../src/store/store.js';
import { RESIDENT, START } from '../fakes/test-app.js';

/** A stdout that records each write, and holds its completion until told (a pipe whose reader is slow). */
class SlowPipe extends Writable {
  writes: string[] = [];
  held: Array<() => void> = [];
  hold = false;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.writes.push(chunk.toString());
    if (this.hold) this.held.push(done);
    else done();
  }
}

function jsonlApp(out: Writable) {
  const store = Store.open(':memory:');
  const clock = new ManualClock(parseIso(START));
  seedSampleIfEmpty(store, clock.now());
  const lines = new JsonLines(out);
  const app = createApp({
    store,
    clock,
    transport: new JsonlTransport(lines),
    log: pino({ level: 'silent' }),
    botId: 'wuye-bot',
    idleCloseMs: 7_200_000,
  });
  return { app, store, lines };
}

const statuses = (store: Store) => store.db.prepare('SELECT status FROM outbox ORDER BY id').pluck().all() as string[];

describe('wuye chat --jsonl output', () => {
  it('a burst of lines is answered in order, in a few writes instead of one per reply', async () => {
    const pipe = new SlowPipe();
    const { app, lines } = jsonlApp(pipe);
    const input = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ id: `m${i}`, from: `wx_burst_${i}`, text: '你好' }),
    );
    const script = {
      input: Readable.from([`${input.join('\n')}\n${JSON.stringify({ sync: 'end' })}\n`]),
      err: new PassThrough(),
    };
    await new JsonlTransport(lines, script).start(app.sink);
    const out = pipe.writes
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { to?: string; synced?: string });
    expect(out.at(-1)).toEqual({ synced: 'end' });
    // Each resident greeted (greeting and menu), in the order they wrote.
    expect(out.slice(0, -1).map((o) => o.to)).toEqual(input.flatMap((_, i) => [`wx_burst_${i}`, `wx_burst_${i}`]));
    expect(pipe.writes.length).toBeLessThanOrEqual(3);
  });

  it('a reply is marked sent only once it is written out: a crash before that sends it again', async () => {
    const pipe = new SlowPipe();
    pipe.hold = true;
    const { app, store } = jsonlApp(pipe);
    await app.bot.handleInbound({ id: 'x1', from: RESIDENT, kind: 'text', text: '你好', at: app.clock.now() });
    await new Promise((resolve) => setImmediate(resolve)); // the batch is handed to the pipe…
    expect(pipe.writes.join('')).toContain(RESIDENT);
    store.commitNoted();
    expect(statuses(store)).toEqual(['pending', 'pending']); // …but not yet written
    pipe.held.splice(0).forEach((done) => done());
    await app.dispatcher.settled();
    store.commitNoted();
    expect(statuses(store)).toEqual(['sent', 'sent']);
  });

  it('reads every line as the schema does: the common ones, and those it turns down with its reasons', async () => {
    const pipe = new SlowPipe();
    const { app, store, lines } = jsonlApp(pipe);
    const err = new PassThrough();
    let errors = '';
    err.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const input = [
      { from: 'wx_a', text: '你好', id: 'a1' },
      { from: 'wx_b', text: '你好' },
      { from: 'wx_c', text: '你好', id: 7 },
      { from: 'wx_d', text: '你好', id: 'd1', extra: true },
      { from: '', text: '你好' },
      { from: 'wx_e', text: '你好', id: '' },
      { from: 'wx_f', text: 5 },
      { from: 'x'.repeat(201), text: '你好' },
    ];
    const script = { input: Readable.from([`${input.map((l) => JSON.stringify(l)).join('\n')}\n`]), err };
    await new JsonlTransport(lines, script).start(app.sink);
    const received = store.db.prepare('SELECT party, msg_id FROM inbound_messages ORDER BY id').all() as Array<{
      party: string;
      msg_id: string;
    }>;
    expect(received.map((r) => r.party)).toEqual(['wx_a', 'wx_b', 'wx_c', 'wx_d']);
    expect(received.map((r) => r.msg_id).slice(0, 4)).toEqual(['a1', expect.stringMatching(/^jsonl:/), '7', 'd1']);
    expect(
      errors
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0]),
    ).toEqual(['line 5', 'line 6', 'line 7', 'line 8']);
    expect(errors).toMatch(/line 5: from: /);
    expect(errors).toMatch(/line 7: text: /);
  });
});
