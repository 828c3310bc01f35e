import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JsonlTransport } from '../../src/adapters/jsonl.js';
import { phrases } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const corpus = parse(readFileSync('test/fixtures/bad-input.yaml', 'utf8')) as {
  resident_texts: string[];
  long_text_kb: number;
  staff_commands: string[];
  booking_times: string[];
  jsonl_lines: string[];
};

const allPhrases = new Set(phrases.keys().map((k) => phrases.template(k)));
/** A message the bot sent that is one of its catalog phrases (placeholders filled): matched by its fixed start. */
const fromCatalog = (text: string) => [...allPhrases].some((t) => text.startsWith(t.split('{')[0]!.slice(0, 12)));

function tables(app: ReturnType<typeof createTestApp>) {
  const d = app.store.db;
  return {
    tickets: d.prepare('SELECT count(*) FROM tickets').pluck().get(),
    commitments: d.prepare("SELECT count(*) FROM commitments WHERE status = 'open'").pluck().get(),
    arrears: d.prepare('SELECT count(*), sum(amount_fen) FROM arrears WHERE paid_at IS NULL').get(),
    residents: d.prepare('SELECT count(*) FROM residents').pluck().get(),
  };
}

describe('bad input: a polite phrase or a clear refusal, no crash, nothing stored wrongly', () => {
  it('every odd text from a resident gets an answer from the catalog and opens nothing', async () => {
    const app = createTestApp();
    const before = tables(app);
    const texts = [...corpus.resident_texts, 'x'.repeat(corpus.long_text_kb * 1024)];
    for (const [i, text] of texts.entries()) {
      const who = `wx_odd${i}`;
      await app.say(who, text);
      const said = app.transport.to(who);
      expect(said.length, JSON.stringify(text).slice(0, 40)).toBeGreaterThan(0);
      for (const s of said) expect(fromCatalog(s), s).toBe(true);
      await app.say(who, '你好'); // and the conversation still works afterwards
      expect(app.transport.to(who).at(-1)).toBe(phrases.render('reception.menu'));
    }
    expect(tables(app)).toEqual(before);
    // The 100 KB message is kept whole, not cut.
    expect(app.store.db.prepare('SELECT max(length(text)) FROM inbound_messages').pluck().get()).toBe(
      corpus.long_text_kb * 1024,
    );
  });

  it('every malformed staff command gets a one-line refusal and changes nothing', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房灯坏了，明天上午来修');
    await app.say(RESIDENT, '对'); // R1, so commands have a real ticket to be wrong about
    const before = tables(app);
    for (const command of corpus.staff_commands) {
      await app.say(SERVICE_DESK, command);
      const answer = app.transport.to(SERVICE_DESK).at(-1)!;
      expect(answer.split('\n'), command).toHaveLength(1);
      expect(fromCatalog(answer), `${command} → ${answer}`).toBe(true);
    }
    expect(tables(app)).toEqual(before);
  });

  it('an impossible or past date for a booking is asked for again; no promise is made for it', async () => {
    for (const when of corpus.booking_times) {
      const app = createTestApp();
      await app.say(RESIDENT, '卫生间水龙头坏了');
      await app.say(RESIDENT, when);
      const refusals = ['repair.ask_time_again', 'repair.time_past', 'repair.time_impossible'].map((k) =>
        phrases.render(k),
      );
      expect(refusals, when).toContain(app.transport.to(RESIDENT).at(-1));
      expect(app.store.commitments.all(), when).toEqual([]);
    }
  });
});

async function feed(lines: string[]) {
  const app = createTestApp();
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (c: Buffer) => (chunks.out += c.toString()));
  err.on('data', (c: Buffer) => (chunks.err += c.toString()));
  await new JsonlTransport(out, { input: Readable.from(lines.map((l) => `${l}\n`)), err }).start(app.sink);
  return { ...chunks, app };
}

describe('the JSON-lines transport', () => {
  it('reports each bad line of the corpus with its number and goes on', async () => {
    const lines = [...corpus.jsonl_lines, JSON.stringify({ from: RESIDENT, text: '你好' })];
    const { err, app } = await feed(lines);
    for (let n = 1; n <= corpus.jsonl_lines.length; n++) expect(err, `line ${n}`).toContain(`line ${n}:`);
    expect(app.transport.to(RESIDENT)).toContain(phrases.render('reception.menu'));
  });

  it('property: any line at all — never a crash; every line either answered or reported', async () => {
    const anyLine = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc
        .record({
          from: fc.string({ minLength: 1, maxLength: 20 }),
          text: fc.string({ unit: 'binary', maxLength: 300 }),
        })
        .map((m) => JSON.stringify(m)),
      fc
        .record({
          from: fc.constantFrom('wx_zhangwei', 'wx_zhaomin', 'wx_new'),
          text: fc.constantFrom('你好', '#待办', '对', '取消', '厨房灯坏了'),
        })
        .map((m) => JSON.stringify(m)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          anyLine.filter((l) => !l.includes('\n') && !l.includes('\r') && l.trim() !== ''),
          { maxLength: 8 },
        ),
        async (lines) => {
          const { out, err } = await feed(lines);
          for (const l of out.split('\n').filter(Boolean)) expect(() => JSON.parse(l)).not.toThrow();
          const reported = err.split('\n').filter(Boolean).length;
          expect(reported).toBeLessThanOrEqual(lines.length);
        },
      ),
      { numRuns: 40, seed: 20261126 },
    );
  }, 60_000);
});

describe('times that cannot be booked', () => {
  it('a date that does not exist and a time that has passed are each said to be so', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卫生间水龙头坏了');
    await app.say(RESIDENT, '2月30日上午');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(phrases.render('repair.time_impossible'));
    await app.say(RESIDENT, '昨天上午');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(phrases.render('repair.time_past'));
    await app.say(RESIDENT, '12月1日上午'); // exists, and within the fortnight that is scheduled
    expect(app.transport.to(RESIDENT).at(-1)).toContain('您预约的是');
  });
});
