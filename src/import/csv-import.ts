import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Store } from '../store/store.js';
import { IMPORT_KINDS, type ArrearsRow, type ImportKind, type ResidentRow, type StaffRow } from './row-schemas.js';

/** Enough to fix a file without flooding the terminal. */
const MAX_PROBLEMS_SHOWN = 10;

export interface ImportSummary {
  kind: ImportKind;
  rows: number;
  added: number;
  updated: number;
}

/** A file that cannot be imported; `problems` name each bad row by its line number in the file. */
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

/** Imports one CSV file: every row is checked first, and nothing is written unless all are good. */
export function importCsvFile(store: Store, kind: ImportKind, file: string, actor: string, at: number): ImportSummary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImportError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  const rows = validate(kind, file, text);
  const summary: ImportSummary = { kind, rows: rows.length, added: 0, updated: 0 };
  store.transaction(() => {
    for (const row of rows) {
      const outcome = save(store, kind, row);
      summary[outcome] += 1;
    }
    store.events.record({ at, actor, type: 'import', ref: `import:${kind}`, data: { file, ...summary } });
  });
  return summary;
}

function validate(kind: ImportKind, file: string, text: string): Array<ResidentRow | StaffRow | ArrearsRow> {
  const spec = IMPORT_KINDS[kind];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    throw new ImportError(file, [(error as Error).message]);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((h) => h.trim().toLowerCase());
  const missing = spec.columns.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ImportError(file, [`line 1: missing column(s) ${missing.join(', ')}; expected ${spec.columns.join(',')}`]);

  const problems: string[] = [];
  const seen = new Map<string, number>();
  const rows: Array<ResidentRow | StaffRow | ArrearsRow> = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const result = spec.schema.safeParse(record);
    if (!result.success) {
      problems.push(`line ${line}: ${result.error.issues.map((i) => i.message).join(', ')}`);
      continue;
    }
    const key = (spec.key as (r: unknown) => string)(result.data);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`line ${line}: repeats line ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push(result.data);
  }
  if (records.length === 0) problems.push('no rows under the header');
  if (problems.length > 0) throw new ImportError(file, problems);
  return rows;
}

function save(store: Store, kind: ImportKind, row: ResidentRow | StaffRow | ArrearsRow): 'added' | 'updated' {
  const { community } = store;
  switch (kind) {
    case 'residents': {
      const r = row as ResidentRow;
      community.saveUnit(r.unit);
      return community.saveResident({ id: r.id, name: r.name, phone: r.phone, unitId: r.unit.id, wechatId: r.wechat_id });
    }
    case 'staff': {
      const s = row as StaffRow;
      return community.saveStaff({ id: s.id, name: s.name, role: s.role, wechatId: s.wechat_id, phone: s.phone });
    }
    case 'arrears': {
      const a = row as ArrearsRow;
      community.saveUnit(a.unit);
      return community.saveArrears({ unitId: a.unit.id, item: a.item, period: a.period, amountFen: a.amount });
    }
  }
}
