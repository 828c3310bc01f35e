import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { Store } from '../../src/store/store.js';

describe('store', () => {
  it('creates a file database in WAL mode with foreign keys, migrated to the latest version, and reopens it', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-store-')), 'sub', 'wuye.db');
    const store = Store.open(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(() =>
      store.community.saveResident({ id: 'r1', name: 'x', phone: '13800000000', unitId: '9-9-999', wechatId: null }),
    ).toThrow(/FOREIGN KEY/);
    store.close();
    const again = Store.open(file);
    expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a database from a newer program', () => {
    const store = Store.open(':memory:');
    store.db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(store.db)).toThrow(/newer than this program/);
  });

  it('a database of the previous version keeps its messages: redeliveries are still dropped, transcripts still whole', () => {
    const db = new Database(':memory:');
    MIGRATIONS.slice(0, 9).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    });
    db.prepare(
      `INSERT INTO inbound_messages (msg_id, conversation_key, party, kind, text, at, processed_at) VALUES ('m1', 'wx_a', 'wx_a', 'text', 'hello', 1, 1), ('m2', 'wx_a', 'wx_a', 'text', 'later', 2, NULL)`,
    ).run();
    migrate(db);
    const store = new Store(db);
    expect(
      store.messages.receive({ id: 'm1', from: 'wx_a', conversationKey: 'wx_a', kind: 'text', text: 'hello', at: 1 }),
    ).toBe(false);
    expect(store.messages.unprocessed().map((m) => m.id)).toEqual(['m2']);
    store.messages.markProcessed({ id: 'm2', conversationKey: 'wx_a' }, 3);
    expect(store.messages.unprocessed()).toEqual([]);
    expect(
      store.messages.receive({ id: 'm3', from: 'wx_a', conversationKey: 'wx_a', kind: 'text', text: 'new', at: 4 }),
    ).toBe(true);
    expect(store.messages.transcript('wx_a').map((m) => m.text)).toEqual(['hello', 'later', 'new']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a database of the previous version with a message held for its recipient (WeCom’s reply window)', () => {
  it('keeps it held, still holding back later messages to them, and releases it first when they write', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    // Every migration before the one that makes 'held' a status.
    MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.includes('outbox_with_held')),
    ).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    });
    // Held the old way: pending, never due by time, the reason behind a prefix; a later message waits behind it.
    db.exec(`
      INSERT INTO outbox (id, recipient, text, created_at, status, next_attempt_at, last_error)
        VALUES (1, 'wm_a', 'first', 1, 'failed', 1, 'WeCom msg_send_fail fail_type 6'),
               (2, 'wm_a', 'first', 2, 'pending', ${Number.MAX_SAFE_INTEGER}, 'held: WeCom msg_send_fail fail_type 6'),
               (3, 'wm_a', 'second', 3, 'pending', 3, NULL),
               (4, 'wm_b', 'other', 3, 'pending', 3, NULL);
      INSERT INTO delivery_log (outbox_id, at, outcome, reason)
        VALUES (1, 2, 'failed', 'WeCom msg_send_fail fail_type 6'), (2, 2, 'deferred', 'held: WeCom msg_send_fail fail_type 6');
    `);
    migrate(db);
    const store = new Store(db);
    const row = (id: number) => db.prepare('SELECT status, last_error AS error FROM outbox WHERE id = ?').get(id);
    expect(row(2)).toEqual({ status: 'held', error: 'WeCom msg_send_fail fail_type 6' });
    expect(row(1)).toEqual({ status: 'failed', error: 'WeCom msg_send_fail fail_type 6' });
    expect(store.outbox.heldFor('wm_a')).toBe(1);
    expect(store.outbox.pendingCount()).toBe(3);
    expect([...store.outbox.recipientsAwaitingRetry(10)]).toEqual(['wm_a']);
    expect(store.outbox.due(10, 0).map((r) => r.id)).toEqual([3, 4]);
    expect(store.deliveries.recent(10)).toHaveLength(2);

    // The resident writes: what was held goes first, before anything newer, and nothing holds them back.
    expect(store.transaction(() => store.outbox.release('wm_a', 10))).toBe(1);
    expect(row(2)).toEqual({ status: 'pending', error: null });
    expect(store.outbox.heldFor('wm_a')).toBe(0);
    expect(store.outbox.recipientsAwaitingRetry(10).size).toBe(0);
    expect(store.outbox.due(10, 0).map((r) => r.id)).toEqual([2, 3, 4]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'outbox' ORDER BY name")
        .pluck()
        .all(),
    ).toEqual(['outbox_held', 'outbox_pending']);
  });
});

describe('a database whose units were imported with leading zeros in the room (1-1-0301)', () => {
  it('keeps them, and all that names them, under the id residents write (1-1-301)', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    // Every migration before the one that renames such units.
    MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.includes('unit_renames')),
    ).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    });
    db.exec(`
      INSERT INTO units (id, building, entrance, room) VALUES ('1-1-0301', '1', '1', '0301'), ('1-1-301', '1', '1', '301'), ('3-2-1201', '3', '2', '1201');
      INSERT INTO residents (id, name, phone, unit_id) VALUES ('r1', '陈静', '13600000301', '1-1-0301'), ('r2', '张伟', '13800001201', '3-2-1201');
      INSERT INTO arrears (unit_id, item, period, amount_fen) VALUES ('1-1-0301', '物业管理费', '2026-10', 30000), ('1-1-0301', '水费', '2026-10', 500), ('1-1-301', '水费', '2026-10', 500);
      INSERT INTO tickets (number, type, category, status, party, reply_to, conversation_key, unit_id, summary, created_at, updated_at)
        VALUES ('R1', 'repair', 'repair', 'new', 'wx_a', 'wx_a', 'wx_a', '1-1-0301', 'x', 1, 1);
    `);
    migrate(db);
    const store = new Store(db);
    expect(store.community.residentsOfUnit('1-1-301').map((r) => r.id)).toEqual(['r1']);
    expect(store.community.openArrears('1-1-301').map((a) => [a.item, a.amountFen])).toEqual([
      ['物业管理费', 30000],
      ['水费', 500],
    ]);
    expect(db.prepare('SELECT id FROM units ORDER BY id').pluck().all()).toEqual(['1-1-301', '3-2-1201']);
    expect(db.prepare("SELECT unit_id FROM tickets WHERE number = 'R1'").pluck().get()).toBe('1-1-301');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('a database whose arrears periods were stored as the office wrote them (2026年10月 beside 2026-10)', () => {
  it('keeps each month once, in the one form imports write, paid if it was paid under either name', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.includes('normalised_period')),
    ).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    });
    db.exec(`
      INSERT INTO units (id, building, entrance, room) VALUES ('3-2-1201', '3', '2', '1201');
      INSERT INTO arrears (unit_id, item, period, amount_fen, paid_at) VALUES
        ('3-2-1201', '物业管理费', '2026年10月', 30000, NULL), ('3-2-1201', '物业管理费', '2026-10', 30000, NULL),
        ('3-2-1201', '物业管理费', '2026/09', 30000, 5), ('3-2-1201', '物业管理费', '2026-09', 30000, NULL),
        ('3-2-1201', '物业管理费', '2026年11月', 10000, NULL), ('3-2-1201', '物业管理费', '2026/11', 20000, NULL),
        ('3-2-1201', '水费', 'Thu Oct 01 2026 08:00:00 GMT+0800 (China Standard Time)', 500, NULL),
        ('3-2-1201', '停车管理费', '2026.7-2026.9', 45000, NULL),
        ('3-2-1201', '公共能耗分摊', '上半年', 3520, NULL);
    `);
    migrate(db);
    const store = new Store(db);
    expect(store.community.openArrears('3-2-1201').map((a) => [a.item, a.period, a.amountFen])).toEqual([
      ['停车管理费', '2026-07~2026-09', 45000],
      ['物业管理费', '2026-10', 30000],
      ['水费', '2026-10', 500],
      ['物业管理费', '2026-11', 20000],
      ['公共能耗分摊', '上半年', 3520],
    ]);
    expect(
      db.prepare("SELECT period, paid_at FROM arrears WHERE item = '物业管理费' AND period LIKE '%09'").all(),
    ).toEqual([{ period: '2026-09', paid_at: 5 }]);
    expect(db.prepare('SELECT count(*) FROM arrears').pluck().get()).toBe(6);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
