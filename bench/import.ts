import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importFile } from '../src/import/import-table.js';
import { Store } from '../src/store/store.js';

/** A community of `residents` households, with `arrears` rows spread over them. */
function writeFiles(dir: string, residents: number, arrears: number): { residentsCsv: string; arrearsCsv: string } {
  const unit = (i: number) => `${1 + (i % 40)}-${1 + (Math.floor(i / 40) % 4)}-${100 + Math.floor(i / 160)}`;
  const r = ['id,name,phone,unit,wechat_id'];
  for (let i = 0; i < residents; i++)
    r.push(`r${i},住户${i},1${String(3800000000 + i).padStart(10, '0')},${unit(i)},${i % 3 === 0 ? `wx_${i}` : ''}`);
  const a = ['unit,item,period,amount'];
  for (let i = 0; i < arrears; i++)
    a.push(
      `${unit(i % residents)},物业管理费,2026-${String(1 + Math.floor(i / residents)).padStart(2, '0')},${(i % 900) + 100}.50`,
    );
  const residentsCsv = path.join(dir, 'residents.csv');
  const arrearsCsv = path.join(dir, 'arrears.csv');
  writeFileSync(residentsCsv, `${r.join('\n')}\n`);
  writeFileSync(arrearsCsv, `${a.join('\n')}\n`);
  return { residentsCsv, arrearsCsv };
}

export async function measureImport(residents: number, arrears: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'wuye-bench-import-'));
  const { residentsCsv, arrearsCsv } = writeFiles(dir, residents, arrears);
  const store = Store.open(path.join(dir, 'import.db'));
  const t0 = performance.now();
  await importFile(store, 'residents', residentsCsv, 'bench', 0);
  const t1 = performance.now();
  await importFile(store, 'arrears', arrearsCsv, 'bench', 0);
  const t2 = performance.now();
  store.close();

  // Floor: the same rows as bare inserts in one transaction each, no parsing or checking.
  const floor = Store.open(path.join(dir, 'floor.db'));
  const f0 = performance.now();
  floor.db.exec(
    'CREATE TABLE r (id TEXT PRIMARY KEY, name TEXT, phone TEXT, unit TEXT, wechat TEXT); CREATE TABLE a (unit TEXT, item TEXT, period TEXT, fen INTEGER, UNIQUE (unit, item, period))',
  );
  const ri = floor.db.prepare('INSERT INTO r VALUES (?, ?, ?, ?, ?)');
  const ai = floor.db.prepare('INSERT INTO a VALUES (?, ?, ?, ?)');
  floor.transaction(() => {
    for (let i = 0; i < residents; i++) ri.run(`r${i}`, 'n', '1', 'u', null);
  });
  floor.transaction(() => {
    for (let i = 0; i < arrears; i++) ai.run(`u${i % residents}`, 'i', String(Math.floor(i / residents)), 100);
  });
  const floorMs = performance.now() - f0;
  floor.close();
  return { residentsMs: t1 - t0, arrearsMs: t2 - t1, totalMs: t2 - t0, floorMs };
}
