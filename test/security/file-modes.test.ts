import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { Store } from '../../src/store/store.js';
import { wuye } from '../fakes/cli.js';

const mode = (file: string) => statSync(file).mode & 0o777;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'wuye-modes-'));

describe('residents’ data at rest is readable by the bot’s own user only (finding 8)', () => {
  it('a new database, its WAL and its shared-memory file are created 0600, in a directory created 0700', () => {
    const dir = path.join(tmp(), 'fresh', 'data');
    const file = path.join(dir, 'wuye.db');
    const store = Store.open(file);
    seedSampleIfEmpty(store, Date.now()); // writes: the WAL and the shared memory exist now
    expect(existsSync(`${file}-wal`)).toBe(true);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f).toString(8), f).toBe('600');
    expect(mode(dir).toString(8)).toBe('700');
    store.close();
  });

  it('an existing database left readable by others is closed off when opened', () => {
    const file = path.join(tmp(), 'old.db');
    Store.open(file).close();
    chmodSync(file, 0o644);
    const store = Store.open(file);
    expect(mode(file).toString(8)).toBe('600');
    store.close();
  });

  it('wuye export writes its file 0600, also over an existing one', () => {
    const dir = tmp();
    const db = path.join(dir, 'bot.db');
    const store = Store.open(db);
    seedSampleIfEmpty(store, Date.now());
    store.close();
    const fresh = path.join(dir, 'residents.csv');
    expect(wuye(['export', 'residents', '--db', db, '--out', fresh]).code).toBe(0);
    expect(mode(fresh).toString(8)).toBe('600');
    const existing = path.join(dir, 'arrears.csv');
    writeFileSync(existing, 'old', { mode: 0o644 });
    expect(wuye(['export', 'arrears', '--db', db, '--out', existing]).code).toBe(0);
    expect(mode(existing).toString(8)).toBe('600');
  });
});
