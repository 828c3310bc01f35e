import type { StaffName } from '../../src/store/community-repo.js';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { createLogger } from '../../src/log.js';
import { createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';
import { p } from '../fakes/phrases.js';

/** An understanding that breaks on one message, as a bug would. */
class BreaksOn extends Understander {
  constructor(private readonly trigger: string) {
    super(Understander.load()['data' as never]);
  }
  override understand(text: string, now: number, staffNames?: () => readonly StaffName[]) {
    if (text.includes(this.trigger)) throw new Error(`cannot read ${this.trigger}`);
    return super.understand(text, now, staffNames);
  }
}

describe('a turn that fails', () => {
  it('keeps the message, tells the desk at once, and records a callback promise the ladder keeps', async () => {
    const lines: string[] = [];
    const log = createLogger('error', new Writable({ write: (chunk, _, done) => (lines.push(String(chunk)), done()) }));
    const app = createTestApp({ understander: new BreaksOn('煤气表'), log });
    await app.say(RESIDENT, '煤气表的读数好像不对，麻烦看看');
    const [ticket] = app.store.tickets.openForParty(RESIDENT);
    expect(ticket).toMatchObject({ type: 'handoff', category: 'callback' });
    const [promise] = app.store.commitments.all();
    expect(promise).toMatchObject({ kind: 'callback', party: 'office', status: 'open', ticketId: ticket!.id });
    // Within the first-response level (2 business hours from 09:00), told to the resident with the ticket.
    expect(promise!.dueAt - app.clock.now()).toBe(2 * 3_600_000);
    expect(app.transport.to(RESIDENT)).toEqual([
      p('common.internal_error_followup', { ticket: ticket!.number }, { due: '2026-11-26T11:00:00+08:00' }),
    ]);
    const incident = app.store.events.ofTypes(['turn_failed'])[0]!.ref;
    const desk = app.transport.to(SERVICE_DESK).join('\n');
    expect(desk).toContain('煤气表的读数好像不对');
    expect(desk).toContain(incident);
    expect(desk).toContain('张伟');
    expect(
      app.store.messages
        .forParty(RESIDENT)
        .filter((m) => m.direction === 'in')
        .map((m) => m.text),
    ).toEqual(['煤气表的读数好像不对，麻烦看看']);
    // The log line keeps the error whole: its message and where it came from.
    const logged = JSON.parse(lines.find((l) => l.includes('turn failed'))!);
    expect(logged.err).toMatchObject({
      message: 'cannot read 煤气表',
      stack: expect.stringContaining('failed-turn.test.ts'),
    });

    // The bot goes on with the next message.
    await app.say(RESIDENT, '你好');
    expect(app.transport.to(RESIDENT).at(-1)).not.toBe(p('common.internal_error'));
    // Unkept by its due time, the promise breaks and climbs like any other.
    await app.advanceTo(promise!.dueAt + 1);
    expect(app.store.commitments.byId(promise!.id)!.status).toBe('broken');
  });
});
