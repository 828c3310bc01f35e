import Database from 'better-sqlite3';
import { seedSampleIfEmpty } from '../../src/cli/seed.js';
import { FeeStandards } from '../../src/fees/fee-standards.js';
import { ServiceLevels } from '../../src/ledger/service-levels.js';
import { Understander } from '../../src/nlu/understander.js';
import { PhraseCatalog } from '../../src/phrases/catalog.js';
import { parseIso } from '../../src/domain/time.js';
import { Store } from '../../src/store/store.js';

/**
 * What every dialogue's app can share, built once per process: hundreds of apps, each on its own
 * in-memory database, must not each read the data files, seed the sample community and train the
 * classifier again (together ~70 ms an app; the evaluation would take minutes).
 */

/** The data files' readers return the same immutable object for the same file. */
function memoize<T>(owner: { load: (file?: string) => T }): void {
  const load = owner.load.bind(owner);
  const cache = new Map<string, T>();
  owner.load = (file?: string) => {
    const key = file ?? '';
    if (!cache.has(key)) cache.set(key, load(file));
    return cache.get(key)!;
  };
}

let shared: { understander: Understander; template: Buffer } | undefined;

function build() {
  memoize(PhraseCatalog);
  memoize(FeeStandards);
  memoize(ServiceLevels);
  const seeded = Store.open(':memory:');
  seedSampleIfEmpty(seeded, parseIso('2026-11-01T00:00:00+08:00'));
  const template = seeded.db.serialize();
  seeded.db.close();
  return { understander: Understander.load(), template };
}

export function sharedUnderstander(): Understander {
  shared ??= build();
  return shared.understander;
}

/** A fresh copy of the seeded sample community, migrated and in memory. */
export function freshStore(): Store {
  shared ??= build();
  const db = new Database(shared.template);
  db.pragma('foreign_keys = ON');
  return new Store(db);
}
