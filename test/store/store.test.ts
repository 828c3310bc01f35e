import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
