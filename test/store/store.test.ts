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
    db.prepare(`INSERT INTO inbound_messages (msg_id, conversation_key, party, kind, text, at, processed_at) VALUES ('m1', 'wx_a', 'wx_a', 'text', 'hello', 1, 1), ('m2', 'wx_a', 'wx_a', 'text', 'later', 2, NULL)`).run();
    migrate(db);
    const store = new Store(db);
    expect(store.messages.receive({ id: 'm1', from: 'wx_a', conversationKey: 'wx_a', kind: 'text', text: 'hello', at: 1 })).toBe(false);
    expect(store.messages.unprocessed().map((m) => m.id)).toEqual(['m2']);
    store.messages.markProcessed({ id: 'm2', conversationKey: 'wx_a' }, 3);
    expect(store.messages.unprocessed()).toEqual([]);
    expect(store.messages.receive({ id: 'm3', from: 'wx_a', conversationKey: 'wx_a', kind: 'text', text: 'new', at: 4 })).toBe(true);
    expect(store.messages.transcript('wx_a').map((m) => m.text)).toEqual(['hello', 'later', 'new']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
