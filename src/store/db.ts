import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations.js';
import { normalisedPeriod } from '../domain/period.js';

export type Db = Database.Database;

/** Residents' names and phones: the database and its companions are for the bot's own user only. */
export const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/** Opens (and creates) the database and brings its schema up to date. `:memory:` for tests. */
export function openDb(file: string): Db {
  if (file !== ':memory:') keepPrivate(file);
  const db = new Database(file);
  // WAL lets the console and the CLI read while the bot writes; NORMAL is durable across
  // process crashes (only a power loss can drop the last commits), at a fraction of FULL's cost.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}

/**
 * Creates the database file 0600 before SQLite does (SQLite gives its WAL and shared-memory files
 * the database's mode), in a directory created 0700; an existing one left readable by others,
 * with its companions, is closed off.
 */
function keepPrivate(file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: PRIVATE_DIR });
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, PRIVATE_FILE);
}

/** Applies each migration past `user_version`, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this program (${MIGRATIONS.length})`);
  }
  // Migrations rewrite stored periods in the one form imports write them.
  db.function('normalised_period', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? normalisedPeriod(text) : text,
  );
  MIGRATIONS.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}
