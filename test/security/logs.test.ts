import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

/** A logger writing into an array of parsed JSON lines. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return {
    log: createLogger('info', sink as never),
    text: () => lines.join(''),
    json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('the level set', () => {
  it('drops what is below it and writes what is at or above it', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger('warn', sink as never);
    log.info('not written');
    log.debug('nor this');
    log.warn({ outbox: 7 }, 'written');
    log.error('and this');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['written', 'and this']);
  });
});

describe('logs keep errors whole (finding 8)', () => {
  it('an error under err keeps its type, message and stack', () => {
    const { log, json } = capture();
    log.error({ err: new TypeError('the outbox row vanished') }, 'turn failed');
    const err = json()[0]!.err as Record<string, unknown>;
    expect(err.type).toBe('TypeError');
    expect(err.message).toBe('the outbox row vanished');
    expect(String(err.stack)).toMatch(/TypeError: the outbox row vanished\n\s+at /);
  });

  it('an error passed alone, under another key or with a cause is kept too', () => {
    const { log, json } = capture();
    log.error(new Error('alone'));
    log.warn({ error: new RangeError('elsewhere'), nested: { failure: new Error('deeper') } }, 'several');
    log.error({ err: new Error('outer', { cause: new Error('the cause') }) }, 'with a cause');
    const [alone, several, caused] = json();
    expect((alone!.err as { message: string }).message).toBe('alone');
    expect((several!.error as { message: string; stack: string }).message).toBe('elsewhere');
    expect((several!.error as { stack: string }).stack).toContain('RangeError: elsewhere');
    expect((several!.nested as { failure: { message: string } }).failure.message).toBe('deeper');
    expect(JSON.stringify(caused!.err)).toContain('the cause');
  });

  it('a phone number inside an error message or stack is masked', () => {
    const { log, text } = capture();
    log.error({ err: new Error('cannot reach 13800001201') }, 'send failed');
    expect(text()).toContain('*******1201');
    expect(text()).not.toContain('13800001201');
  });
});

describe('logs never hold a full phone number, whatever its form (finding 8)', () => {
  const FORMS = [
    '13800001201',
    '+8613800001201',
    '8613800001201',
    '008613800001201',
    '+86 138 0000 1201',
    '+86-138-0000-1201',
    '138 0000 1201',
    '138-0000-1201',
    '(+86) 13800001201',
  ];

  it.each(FORMS)('%s', (form) => {
    const { log, text } = capture();
    log.info({ text: `请回电 ${form} 谢谢` }, `来电 ${form}`);
    // The line's own fields (its time in ms: 1796000076535 at 00:54 UTC on 2026-11-30) are no phone number.
    const said = text().replace(/"(time|pid|level)":\d+/g, '');
    expect(said).toContain('1201');
    expect(said.replace(/\D/g, ' ')).not.toMatch(/0000/);
    expect(said).not.toMatch(/138/);
  });

  it('leaves ticket numbers, amounts, dates and times alone', () => {
    const { log, json } = capture();
    const message = 'R1024 806.40 元 2026-11-27 09:00 单号 20261127 1700000000000';
    log.info({ text: message }, message);
    expect(json()[0]!.text).toBe(message);
    expect(json()[0]!.msg).toBe(message);
  });
});
