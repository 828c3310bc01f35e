import { importCsvFile } from '../import/import-table.js';
import { dataPath } from '../domain/data-path.js';
import type { Store } from '../store/store.js';

/**
 * Fills an empty database with the sample community, so a fresh clone has someone to talk to, and
 * marks it as the demo database (where the simulator may run).
 */
export function seedSampleIfEmpty(store: Store, at: number): boolean {
  const counts = store.community.counts();
  if (counts.residents + counts.staff + counts.arrears > 0) return false;
  for (const kind of ['residents', 'staff', 'arrears'] as const) {
    importCsvFile(store, kind, dataPath('sample', `${kind}.csv`), 'seed', at);
  }
  store.platform.markDemo(true);
  return true;
}
