import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PhraseCatalog } from '../../src/phrases/catalog.js';
import { dialogueSchema, loadDialogues, type Dialogue } from './dialogue-schema.js';
import { DialogueRunner } from './dialogue-runner.js';
import { Vocabulary } from './vocabulary.js';

/** The harness itself, on tiny hand-written dialogues: not the bot's scores. */

const runner = new DialogueRunner();
const dialogue = (yaml: string): Dialogue => ({ ...dialogueSchema.parse(parse(yaml)), file: 'inline' });
const expectations = (r: Awaited<ReturnType<DialogueRunner['run']>>) => r.misses.map((m) => `${m.step}: ${m.expected}`);

// Tuesday 09:00: 厨房灯 is an electric repair, 孙强's, and he has tomorrow morning free.
const BOOKING = `
id: t-booking
category: repair
start: "2026-12-01T09:00:00+08:00"
resident: wx_zhangwei
steps:
  - say: "厨房灯坏了，明天上午来修"
    expect: { asks: confirm, not_asks: [time], visit_day: "2026-12-02", visit_window: "2026-12-02T09:00", new_tickets: [] }
  - say: "对"
    expect: { new_tickets: [{ type: repair }], staff_told: [孙强, technician], staff_not_told: [manager], resident_told: true }
outcome:
  tickets: [{ type: repair }]
  commitments: [{ kind: repair_visit, party: office, status: open }]
  no_commitments: [complaint_reply]
`;

describe('dialogue harness', () => {
  it('passes a dialogue whose expectations hold', async () => {
    const r = await runner.run(dialogue(BOOKING));
    expect(r.harnessError).toBeUndefined();
    expect(r.misses).toEqual([]);
  });

  it('fails each expectation that does not hold, saying what happened instead', async () => {
    const wrong = BOOKING.replace('asks: confirm', 'asks: time')
      .replace('visit_window: "2026-12-02T09:00"', 'visit_window: "2026-12-02T14:00"')
      .replace('new_tickets: [{ type: repair }]', 'new_tickets: [{ type: complaint }]')
      .replace('staff_not_told: [manager]', 'staff_not_told: [孙强]')
      .replace('no_commitments: [complaint_reply]', 'no_commitments: [repair_visit]\n  praise_for: 周杰');
    const r = await runner.run(dialogue(wrong));
    expect(expectations(r)).toEqual([
      '1: asks time',
      '1: visit window at 2026-12-02T14:00',
      '2: staff not told 孙强',
      '2: new tickets complaint',
      '0: no repair_visit promise',
      '0: praise for 周杰',
    ]);
    const asks = r.misses.find((m) => m.expected === 'asks time')!;
    expect(asks.got).toContain('asks confirm [repair.repeat_back]');
    expect(r.misses.find((m) => m.expected === 'new tickets complaint')!.got).toBe('R1 repair (repair, new)');
    expect(r.misses.find((m) => m.expected === 'visit window at 2026-12-02T14:00')!.got).toBe('2026-12-02T09:00');
  });

  it('fails a say step that ends in a farewell unless the dialogue allows one', async () => {
    const bye = (farewell: string) => `
id: t-bye
category: context
start: "2026-12-01T10:00:00+08:00"
resident: wx_lina
steps:
  - say: "再见"
    expect: { ${farewell} }
`;
    expect(expectations(await runner.run(dialogue(bye('resident_told: true'))))).toEqual(['1: no farewell']);
    expect((await runner.run(dialogue(bye('farewell: true')))).misses).toEqual([]);
    expect((await runner.run(dialogue(bye('farewell: any')))).misses).toEqual([]);
  });

  it('creates givens by the normal route, lets time pass to the start, and resolves {R} to their ticket', async () => {
    // Booked for Wednesday 09:00; by 16:00 nobody came: the visit is a broken promise before the first step.
    const r = await runner.run(
      dialogue(`
id: t-given
category: open_ticket
start: "2026-12-02T16:00:00+08:00"
resident: wx_zhangwei
given:
  - repair_booked: { problem: "厨房灯坏了", visit: "2026-12-02T09:00:00+08:00" }
  - complaint_filed: { text: "楼上半夜总是很吵", ago: "1d" }
steps:
  - staff: { who: 孙强, text: "#接单 {R}" }
    expect: { resident_told: true, says: [progress], new_tickets: [] }
  - staff: { who: 赵敏, text: "#接单 {C}" }
    expect: { resident_told: true }
outcome:
  tickets: []
  commitments: [{ kind: repair_visit, status: broken }, { kind: complaint_reply }]
`),
    );
    expect(r.harnessError).toBeUndefined();
    expect(r.givenTickets).toEqual(['R1 repair (repair, new), owned by 孙强', 'C1 complaint (complaint, new)']);
    expect(r.misses).toEqual([]);
    expect(r.records[0]!.toResident[0]!.keys).toEqual(['relay.claimed']);
    // His own answer to his command is not counted as telling him.
    expect(r.records[0]!.toStaff.map((t) => t.staff.name)).not.toContain('孙强');
  });

  it('counts a placeholder with no ticket behind it as a miss of that step', async () => {
    const r = await runner.run(
      dialogue(`
id: t-no-ticket
category: handoff
start: "2026-12-01T10:00:00+08:00"
resident: wx_lina
steps:
  - staff: { who: 赵敏, text: "#回复 {H} 您好" }
`),
    );
    expect(r.misses).toEqual([
      { step: 1, expected: 'the step as written', got: 'no H… ticket in this dialogue for {H}' },
    ]);
  });

  it('reports a given the bot will not produce as a harness error, with why', async () => {
    const r = await runner.run(
      dialogue(`
id: t-no-emergency
category: emergency
start: "2026-12-01T10:00:00+08:00"
resident: wx_lina
given:
  - emergency_open: { text: "你好", kind: gas, ago: "10m" }
steps:
  - say: "人呢"
`),
    );
    expect(r.harnessError).toBe(
      'given not created: emergency "你好" opened no emergency ticket: the bot said [reception.greeting, reception.menu]',
    );
    expect(r.misses).toEqual([]);
  });

  it('reports a dialogue outside the documented vocabulary as malformed, and names nobody on staff', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dialogues-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      path.join(dir, 'x.yaml'),
      `- { id: ok, category: repair, start: "2026-12-01T10:00:00+08:00", resident: wx_lina, steps: [{ say: "你好" }] }
- { id: bad-kind, category: repair, start: "2026-12-01T10:00:00+08:00", resident: wx_lina, steps: [{ say: "你好", expect: { asks: when } }] }
- { id: bad-field, category: repair, start: "2026-12-01T10:00:00+08:00", resident: wx_lina, steps: [{ say: "你好" }], outcome: { ticket: [] } }
- { id: bad-name, category: repair, start: "2026-12-01T10:00:00+08:00", resident: wx_lina, steps: [{ staff: { who: 李师傅, text: "#待办" } }] }
`,
    );
    const { dialogues, malformed } = loadDialogues(dir);
    expect(dialogues.map((d) => d.id)).toEqual(['ok', 'bad-name']);
    expect(malformed.map((m) => m.id)).toEqual(['bad-kind', 'bad-field']);
    expect(malformed[0]!.problems.join()).toContain('steps.0.expect.asks');
    expect((await runner.run(dialogues[1]!)).malformed).toEqual(['staff step by "李师傅", who is not on staff']);
  });

  it('maps the vocabulary to phrase keys that exist', () => {
    const keys = PhraseCatalog.load().keys();
    const stale = Vocabulary.load()
      .patterns()
      .filter((p) => !keys.some((k) => p.re.test(k)))
      .map((p) => `${p.where}: ${p.pattern}`);
    expect(stale).toEqual([]);
  });
});
