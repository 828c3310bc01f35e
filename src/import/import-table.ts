import type { Store } from '../store/store.js';
import type { ArrearsItem } from '../store/community-repo.js';
import { readCsv, readTable, TableError, type Table } from './read-table.js';
import { IMPORT_KINDS, type ArrearsRow, type ImportKind, type ResidentRow, type StaffRow } from './row-schemas.js';

/** Enough to fix a file without flooding the terminal. */
const MAX_PROBLEMS_SHOWN = 10;

export interface ImportSummary {
  kind: ImportKind;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Arrears rows with amount 0 that settled an item still owed. */
  paid: number;
  /** Units billed in an arrears file that no resident on record lives in: nobody can be told of the bill. */
  unitsWithoutResidents?: string[];
  /** Staff on record and still on staff whom a staff file does not list: they still get messages until they leave. */
  staffNotInFile?: Array<{ id: string; name: string }>;
}

/** Told, inside the import's transaction, of the items a re-import marked paid, by unit. */
export type OnPaid = (unitId: string, items: Array<ArrearsItem & { paidFen: number }>) => void;

/** A file that cannot be imported; `problems` name each bad row by its line and column. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ');
    const more = problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${problems.length - MAX_PROBLEMS_SHOWN} more)` : '';
    super(`${file}: nothing imported: ${shown}${more}`);
  }
}

export function isImportKind(kind: string): kind is ImportKind {
  return Object.hasOwn(IMPORT_KINDS, kind);
}

/** Imports a .csv or .xlsx file; see `importTable`. */
export async function importFile(
  store: Store,
  kind: ImportKind,
  file: string,
  actor: string,
  at: number,
  onPaid?: OnPaid,
): Promise<ImportSummary> {
  let table: Table;
  try {
    table = await readTable(file);
  } catch (error) {
    if (error instanceof TableError) throw new ImportError(file, [error.message]);
    throw error;
  }
  return importTable(store, kind, table, file, actor, at, onPaid);
}

/** The synchronous CSV path (seeding the sample community). */
export function importCsvFile(store: Store, kind: ImportKind, file: string, actor: string, at: number): ImportSummary {
  let table: Table;
  try {
    table = readCsv(file);
  } catch (error) {
    if (error instanceof TableError) throw new ImportError(file, [error.message]);
    throw error;
  }
  return importTable(store, kind, table, file, actor, at);
}

/**
 * Every row is checked first; nothing is written unless all are good, and then all of it is written
 * in one transaction. Re-importing updates rows by their key instead of adding them twice.
 */
function importTable(
  store: Store,
  kind: ImportKind,
  table: Table,
  source: string,
  actor: string,
  at: number,
  onPaid?: OnPaid,
): ImportSummary {
  const rows = validate(kind, source, table);
  if (kind === 'residents') refuseSharedWechat(store, source, table, rows as ResidentRow[]);
  const summary: ImportSummary = { kind, rows: rows.length, added: 0, updated: 0, unchanged: 0, paid: 0 };
  // Many rows share a unit: write each unit once per file.
  const units = new Set<string>();
  store.transaction(() => {
    if (kind === 'arrears') {
      const arrears = rows as ArrearsRow[];
      const counts = store.community.saveArrearsBatch(
        arrears
          .filter((a) => a.amount > 0)
          .map((a) => {
            saveUnit(store, a.unit, units);
            return { unitId: a.unit.id, item: a.item, period: a.period, amountFen: a.amount };
          }),
      );
      Object.assign(summary, counts);
      // A row with amount 0 says the item is paid: settle it, and tell the household.
      const settled = new Map<string, Array<ArrearsItem & { paidFen: number }>>();
      for (const a of arrears.filter((row) => row.amount === 0)) {
        const item = store.community.markPaid(a.unit.id, a.item, a.period, at);
        if (item) settled.set(a.unit.id, [...(settled.get(a.unit.id) ?? []), { ...item, paidFen: item.amountFen }]);
        else summary.unchanged += 1;
      }
      summary.paid = [...settled.values()].reduce((n, items) => n + items.length, 0);
      for (const [unitId, items] of settled) onPaid?.(unitId, items);
      const billed = [...new Set(arrears.filter((a) => a.amount > 0).map((a) => a.unit.id))];
      const nobody = billed.filter((u) => store.community.residentsOfUnit(u).length === 0);
      if (nobody.length > 0) summary.unitsWithoutResidents = nobody;
    } else {
      // A staff file without the work columns leaves technicians' stored skills and days as they were.
      const profileColumnsGiven =
        kind === 'staff' && IMPORT_KINDS.staff.optionalColumns.some((c) => table.header.includes(c));
      for (const row of rows) summary[save(store, kind, row, units, profileColumnsGiven)] += 1;
      if (kind === 'staff') {
        const listed = new Set((rows as StaffRow[]).map((r) => r.id));
        const missing = store.community.staffWithProfiles().filter((s) => !listed.has(s.id));
        if (missing.length > 0) summary.staffNotInFile = missing.map(({ id, name }) => ({ id, name }));
      }
    }
    store.events.record({ at, actor, type: 'import', ref: `import:${kind}`, data: { file: source, ...summary } });
    // The office's own records: no longer the demo database (seeding marks it again when it is done).
    store.platform.markDemo(false);
  });
  return summary;
}

function validate(kind: ImportKind, source: string, table: Table): Array<ResidentRow | StaffRow | ArrearsRow> {
  const spec = IMPORT_KINDS[kind];
  const missing = spec.columns.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new ImportError(source, [
      `line 1: missing column(s) ${missing.join(', ')}; the header must be ${spec.columns.join(',')}`,
    ]);
  }
  if (table.rows.length === 0) throw new ImportError(source, ['no rows under the header']);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const rows: Array<ResidentRow | StaffRow | ArrearsRow> = [];
  for (const { line, record } of table.rows) {
    const result = spec.schema.safeParse(record);
    if (!result.success) {
      const columns = result.error.issues.map((i) => `column ${String(i.path[0] ?? '?')}: ${i.message}`);
      problems.push(`line ${line}, ${columns.join(', ')}`);
      continue;
    }
    const key = (spec.key as (r: unknown) => string)(result.data);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`line ${line}, column ${spec.columns[0]}: repeats line ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push(result.data);
  }
  if (problems.length > 0) throw new ImportError(source, problems);
  return rows;
}

/**
 * One WeChat is one person: a wechat_id on rows (or on residents already bound) with another phone is most likely a
 * cell copied down by mistake, and would show one household another's bill. Refused, naming both, before anything is
 * written. The same person's several homes (one phone) share it rightly.
 */
function refuseSharedWechat(store: Store, source: string, table: Table, rows: ResidentRow[]): void {
  const lineOf = new Map(table.rows.map(({ line, record }) => [String(record['id'] ?? '').trim(), line]));
  const inFile = new Set(rows.map((r) => r.id));
  const problems: string[] = [];
  type Holder = { name: string; unit: string; phone: string; line?: number };
  const first = new Map<string, Holder>();
  for (const r of rows) {
    if (!r.wechat_id) continue;
    const holder =
      first.get(r.wechat_id) ??
      store.community
        .residentsByWechat(r.wechat_id)
        .filter((o) => !inFile.has(o.id))
        .map((o): Holder => ({ name: o.name, unit: o.unitId, phone: o.phone }))[0];
    if (!holder) {
      first.set(r.wechat_id, { name: r.name, unit: r.unit.id, phone: r.phone, line: lineOf.get(r.id) });
      continue;
    }
    if (holder.phone === r.phone) continue;
    const where = holder.line !== undefined ? `line ${holder.line}` : 'the database';
    problems.push(
      `line ${lineOf.get(r.id) ?? '?'}, column wechat_id: ${r.wechat_id} is already ${holder.name} (${holder.unit}) ` +
        `in ${where}, with another phone; one WeChat is one person: clear the cell or correct it`,
    );
  }
  if (problems.length > 0) throw new ImportError(source, problems);
}

function saveUnit(store: Store, unit: ResidentRow['unit'], units: Set<string>): void {
  if (units.has(unit.id)) return;
  store.community.saveUnit(unit);
  units.add(unit.id);
}

function save(
  store: Store,
  kind: 'residents' | 'staff',
  row: ResidentRow | StaffRow | ArrearsRow,
  units: Set<string>,
  profileColumnsGiven: boolean,
): 'added' | 'updated' | 'unchanged' {
  const { community } = store;
  switch (kind) {
    case 'residents': {
      const r = row as ResidentRow;
      saveUnit(store, r.unit, units);
      return community.saveResident({
        id: r.id,
        name: r.name,
        phone: r.phone,
        unitId: r.unit.id,
        wechatId: r.wechat_id,
      });
    }
    case 'staff': {
      const s = row as StaffRow;
      const profile = profileColumnsGiven ? { skills: s.skills, weekdays: s.weekdays, onCall: s.on_call } : undefined;
      return community.saveStaff(
        { id: s.id, name: s.name, role: s.role, wechatId: s.wechat_id, phone: s.phone },
        profile,
      );
    }
  }
}
