import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsvFile, ImportError } from '../../src/import/csv-import.js';
import { Store } from '../../src/store/store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wuye-import-'));
let n = 0;
function csv(text: string): string {
  const file = path.join(dir, `f${++n}.csv`);
  writeFileSync(file, text);
  return file;
}
const AT = Date.parse('2026-11-26T01:00:00Z');

describe('wuye import', () => {
  it('imports residents, staff and arrears; amounts become integer fen; 3栋2单元1201 is read as 3-2-1201', () => {
    const store = Store.open(':memory:');
    const r = importCsvFile(store, 'residents', csv('id,name,phone,unit,wechat_id\nr1,张三,13800000001,3栋2单元1201,wx_a\nr2,李四,13800000002,3-2-1202,\n'), 't', AT);
    expect(r).toMatchObject({ rows: 2, added: 2, updated: 0 });
    expect(store.community.residentsByWechat('wx_a')).toEqual([{ id: 'r1', name: '张三', phone: '13800000001', unitId: '3-2-1201', wechatId: 'wx_a' }]);
    importCsvFile(store, 'staff', csv('id,name,role,wechat_id,phone\ns1,赵敏,service,wx_s,13511110001\n'), 't', AT);
    expect(store.community.staffByWechat('wx_s')?.role).toBe('service');
    importCsvFile(store, 'arrears', csv('unit,item,period,amount\n3-2-1201,物业管理费,2026-09,268.5\n3-2-1201,水费,2026-09,0.07\n'), 't', AT);
    const fen = store.db.prepare('SELECT amount_fen FROM arrears ORDER BY id').all();
    expect(fen).toEqual([{ amount_fen: 26850 }, { amount_fen: 7 }]);
  });

  it('re-import updates rather than duplicates, and keeps a binding the file leaves blank', () => {
    const store = Store.open(':memory:');
    importCsvFile(store, 'residents', csv('id,name,phone,unit,wechat_id\nr1,张三,13800000001,3-2-1201,wx_a\n'), 't', AT);
    const again = importCsvFile(store, 'residents', csv('id,name,phone,unit,wechat_id\nr1,张三丰,13800000009,3-2-1201,\n'), 't', AT);
    expect(again).toMatchObject({ added: 0, updated: 1 });
    expect(store.community.residentsByWechat('wx_a')[0]).toMatchObject({ name: '张三丰', phone: '13800000009' });
  });

  it('reports every bad row by its line number and imports nothing of that file', () => {
    const store = Store.open(':memory:');
    const file = csv(
      'id,name,phone,unit,wechat_id\nr1,张三,13800000001,3-2-1201,\nr2,,12345,3-2,\nr3,王五,13800000003,3-2-1203,\nr1,重复,13800000004,3-2-1204,\n',
    );
    let error: unknown;
    try {
      importCsvFile(store, 'residents', file, 't', AT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const problems = (error as ImportError).problems;
    expect(problems[0]).toMatch(/^line 3: .*name is empty.*phone.*unit "3-2"/);
    expect(problems[1]).toMatch(/^line 5: repeats line 2/);
    expect((error as ImportError).message).toContain('nothing imported');
    expect(store.community.counts().residents).toBe(0);
  });

  it('rejects bad amounts, roles, missing columns and empty files clearly', () => {
    const store = Store.open(':memory:');
    const attempt = (kind: 'arrears' | 'staff', text: string) => {
      try {
        importCsvFile(store, kind, csv(text), 't', AT);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(attempt('arrears', 'unit,item,period,amount\n3-2-1201,费,2026-09,-5\n')).toMatch(/line 2: amount "-5"/);
    expect(attempt('arrears', 'unit,item,period,amount\n3-2-1201,费,2026-09,1e9\n')).toMatch(/line 2: amount "1e9"/);
    expect(attempt('arrears', 'unit,item,period,amount\n3-2-1201,费,2026-09,268.505\n')).toMatch(/line 2: amount/);
    expect(attempt('staff', 'id,name,role,wechat_id,phone\ns1,赵,boss,,13511110001\n')).toMatch(/line 2: role must be/);
    expect(attempt('staff', 'id,name,wechat_id\ns1,赵,\n')).toMatch(/missing column\(s\) role, phone/);
    expect(attempt('staff', 'id,name,role,wechat_id,phone\n')).toMatch(/no rows/);
    expect(attempt('staff', 'id,name,role,wechat_id,phone\ns1,赵,service\n')).toMatch(/line 2/);
    expect(store.community.counts()).toEqual({ residents: 0, staff: 0, arrears: 0 });
  });

  it('says so when the file cannot be read', () => {
    const store = Store.open(':memory:');
    expect(() => importCsvFile(store, 'staff', path.join(dir, 'missing.csv'), 't', AT)).toThrow(/cannot read the file \(ENOENT\)/);
  });
});
