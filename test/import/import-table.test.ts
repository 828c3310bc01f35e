import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importCsvFile, importFile, ImportError } from '../../src/import/import-table.js';
import { Store } from '../../src/store/store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wuye-import-'));
let n = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const name = path.join(dir, `f${++n}.${ext}`);
  writeFileSync(name, content);
  return name;
}
const AT = Date.parse('2026-11-26T01:00:00Z');
const RESIDENTS = 'id,name,phone,unit,wechat_id\n';

async function problems(store: Store, kind: 'residents' | 'staff' | 'arrears', name: string): Promise<string> {
  try {
    await importFile(store, kind, name, 't', AT);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
}

describe('one WeChat is one person', () => {
  it("a wechat_id copied onto another person (another phone) is refused, in the file or against the database; one owner's two homes share it", async () => {
    const store = Store.open(':memory:');
    const copied = file(`${RESIDENTS}r1,张伟,13800001201,3-2-1201,wx_z\nr2,何静,13800001501,3-2-1501,wx_z\n`);
    expect(await problems(store, 'residents', copied)).toMatch(
      /line 3, column wechat_id: wx_z is already 张伟 \(3-2-1201\) in line 2/,
    );
    expect(store.community.residentsByWechat('wx_z')).toEqual([]);
    await importFile(
      store,
      'residents',
      file(`${RESIDENTS}r1,陈静,13600001101,2-1-1101,wx_c\nr2,陈静,13600001101,2-1-1102,wx_c\n`),
      't',
      AT,
    );
    expect(store.community.residentsByWechat('wx_c')).toHaveLength(2);
    const later = file(`${RESIDENTS}r9,何静,13800001501,3-2-1501,wx_c\n`);
    expect(await problems(store, 'residents', later)).toMatch(/wx_c is already 陈静 \(2-1-1101\) in the database/);
    expect(store.community.residentsOfUnit('3-2-1501')).toEqual([]);
  });
});

describe('wuye import', () => {
  it('imports residents, staff and arrears; amounts become integer fen; 3栋2单元1201 is read as 3-2-1201', async () => {
    const store = Store.open(':memory:');
    const r = await importFile(
      store,
      'residents',
      file(`${RESIDENTS}r1,张三,13800000001,3栋2单元1201,wx_a\nr2,李四,13800000002,3-2-1202,\n`),
      't',
      AT,
    );
    expect(r).toMatchObject({ rows: 2, added: 2, updated: 0, unchanged: 0 });
    expect(store.community.residentsByWechat('wx_a')).toEqual([
      { id: 'r1', name: '张三', phone: '13800000001', unitId: '3-2-1201', wechatId: 'wx_a' },
    ]);
    await importFile(store, 'staff', file('id,name,role,wechat_id,phone\ns1,赵敏,service,wx_s,13511110001\n'), 't', AT);
    expect(store.community.staffByWechat('wx_s')?.role).toBe('service');
    await importFile(
      store,
      'arrears',
      file('unit,item,period,amount\n3-2-1201,物业管理费,2026-09,268.5\n3-2-1201,水费,2026-09,0.07\n'),
      't',
      AT,
    );
    expect(store.db.prepare('SELECT amount_fen FROM arrears ORDER BY id').all()).toEqual([
      { amount_fen: 26850 },
      { amount_fen: 7 },
    ]);
  });

  it('reads the office’s own Chinese column headers (姓名, 手机号, 房号, 岗位, 收费项目, 所属期, 金额)', async () => {
    const store = Store.open(':memory:');
    await importFile(
      store,
      'residents',
      file('序号,姓名,手机号,房号,微信号\nr1,张三,13800000001,3栋2单元1201,wx_a\n'),
      't',
      AT,
    );
    expect(store.community.residentsByWechat('wx_a')).toMatchObject([{ id: 'r1', unitId: '3-2-1201' }]);
    await importFile(store, 'staff', file('工号,姓名,岗位,微信号,联系电话\ns1,赵敏,客服,wx_s,13511110001\n'), 't', AT);
    expect(store.community.staffByWechat('wx_s')?.role).toBe('service');
    await importFile(
      store,
      'arrears',
      file('房号,收费项目,所属期,欠费金额\n3-2-1201,物业管理费,2026年9月,268.5\n'),
      't',
      AT,
    );
    expect(store.community.openArrears('3-2-1201')).toMatchObject([
      { item: '物业管理费', period: '2026-09', amountFen: 26850 },
    ]);
  });

  it('writes a unit the way residents name it, whatever form the file uses (1-1-0301, 1号楼1单元301室: 1-1-301)', async () => {
    const store = Store.open(':memory:');
    await importFile(
      store,
      'residents',
      file(
        `${RESIDENTS}r1,张三,13800000001,1-1-0301,\nr2,李四,13800000002,1号楼1单元301室,\nr3,王五,13800000003,5#3-0803,\n`,
      ),
      't',
      AT,
    );
    expect(store.community.residentsOfUnit('1-1-301').map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(store.community.residentsOfUnit('5-3-803').map((r) => r.id)).toEqual(['r3']);
    await importFile(store, 'arrears', file('unit,item,period,amount\n1栋1单元0301,物业管理费,2026-09,100\n'), 't', AT);
    expect(store.community.openArrears('1-1-301').map((a) => a.amountFen)).toEqual([10000]);
  });

  it('re-import updates rather than duplicates, says what changed, and keeps a binding the file leaves blank', async () => {
    const store = Store.open(':memory:');
    await importFile(
      store,
      'residents',
      file(`${RESIDENTS}r1,张三,13800000001,3-2-1201,wx_a\nr2,李四,13800000002,3-2-1202,\n`),
      't',
      AT,
    );
    const again = await importFile(
      store,
      'residents',
      file(
        `${RESIDENTS}r1,张三丰,13800000009,3-2-1201,\nr2,李四,13800000002,3-2-1202,\nr3,王五,13800000003,3-2-1203,\n`,
      ),
      't',
      AT,
    );
    expect(again).toMatchObject({ rows: 3, added: 1, updated: 1, unchanged: 1 });
    expect(store.community.residentsByWechat('wx_a')[0]).toMatchObject({ name: '张三丰', phone: '13800000009' });
    expect(store.community.counts().residents).toBe(3);
  });

  it('names the billed units no resident on record lives in (imported all the same)', async () => {
    const store = Store.open(':memory:');
    await importFile(store, 'residents', file(`${RESIDENTS}r1,张三,13800000001,3-2-1201,\n`), 't', AT);
    const summary = await importFile(
      store,
      'arrears',
      file('unit,item,period,amount\n3-2-1201,物业管理费,2026-09,100\n9-9-999,物业管理费,2026-09,100\n'),
      't',
      AT,
    );
    expect(summary).toMatchObject({ added: 2, unitsWithoutResidents: ['9-9-999'] });
  });

  it('counts arrears added, updated and unchanged on re-import', async () => {
    const store = Store.open(':memory:');
    await importFile(
      store,
      'arrears',
      file('unit,item,period,amount\n3-2-1201,物业管理费,2026-09,100\n3-2-1201,水费,2026-09,5\n'),
      't',
      AT,
    );
    const again = await importFile(
      store,
      'arrears',
      file(
        'unit,item,period,amount\n3-2-1201,物业管理费,2026-09,100\n3-2-1201,水费,2026-09,6\n3-2-1202,水费,2026-09,7\n',
      ),
      't',
      AT,
    );
    expect(again).toMatchObject({ rows: 3, added: 1, updated: 1, unchanged: 1 });
    expect(store.community.openArrears('3-2-1201').map((a) => a.amountFen)).toEqual([10000, 600]);
  });

  it('the same month written two ways is one item: 2026年10月, 2026/10 and an Excel date cell are 2026-10', async () => {
    const store = Store.open(':memory:');
    await importFile(store, 'arrears', file('unit,item,period,amount\n3-2-1201,物业管理费,2026-10,268.50\n'), 't', AT);
    const again = await importFile(
      store,
      'arrears',
      file('unit,item,period,amount\n3-2-1201,物业管理费,2026年10月,268.50\n3-2-1201,水费,2026.7-2026.9,12\n'),
      't',
      AT,
    );
    expect(again).toMatchObject({ rows: 2, added: 1, unchanged: 1 });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('欠费');
    sheet.addRow(['unit', 'item', 'period', 'amount']);
    sheet.addRow(['3-2-1201', '物业管理费', new Date(Date.UTC(2026, 9, 1)), 268.5]);
    const xlsx = path.join(dir, 'dated.xlsx');
    await book.xlsx.writeFile(xlsx);
    expect(await importFile(store, 'arrears', xlsx, 't', AT)).toMatchObject({ rows: 1, unchanged: 1 });
    expect(store.community.openArrears('3-2-1201').map((a) => [a.item, a.period])).toEqual([
      ['水费', '2026-07~2026-09'],
      ['物业管理费', '2026-10'],
    ]);
  });

  it('reads .xlsx workbooks as offices keep them (numbers as numbers, first sheet)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('住户');
    sheet.addRow(['id', 'name', 'phone', 'unit', 'wechat_id']);
    sheet.addRow(['r1', '张三', 13800000001, '3-2-1201', 'wx_a']);
    sheet.addRow(['r2', '李四', 13800000002, '3栋2单元1202', null]);
    const xlsx = path.join(dir, 'residents.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const store = Store.open(':memory:');
    expect(await importFile(store, 'residents', xlsx, 't', AT)).toMatchObject({ rows: 2, added: 2 });
    expect(store.community.residentsByWechat('wx_a')[0]).toMatchObject({ phone: '13800000001', unitId: '3-2-1201' });

    const arrearsBook = new ExcelJS.Workbook();
    const a = arrearsBook.addWorksheet('欠费');
    a.addRow(['unit', 'item', 'period', 'amount']);
    a.addRow(['3-2-1201', '物业管理费', '2026-09', 268.5]);
    a.addRow(['3-2-1202', '物业管理费', '2026-09', -5]);
    const bad = path.join(dir, 'arrears.xlsx');
    await arrearsBook.xlsx.writeFile(bad);
    expect(await problems(store, 'arrears', bad)).toMatch(/line 3, column amount: amount "-5"/);
    expect(store.community.counts().arrears).toBe(0);
  });

  it('names the line and column of every bad row, and imports nothing of that file', async () => {
    const store = Store.open(':memory:');
    const message = await problems(
      store,
      'residents',
      file(
        `${RESIDENTS}r1,张三,13800000001,3-2-1201,\nr2,,12345,3-2,\nr3,王五,13800000003,3-2-1203,\nr1,重复,13800000004,3-2-1204,\n`,
      ),
    );
    expect(message).toMatch(/nothing imported/);
    expect(message).toMatch(/line 3, column name: name is empty, column phone: .*, column unit: unit "3-2" is not/);
    expect(message).toMatch(/line 5, column id: repeats line 2/);
    expect(store.community.counts().residents).toBe(0);
  });

  it('refuses bad amounts, roles, headers, empty files and GBK text clearly, and changes nothing already stored', async () => {
    const store = Store.open(':memory:');
    importCsvFile(store, 'arrears', file('unit,item,period,amount\n3-2-1201,物业管理费,2026-09,100.00\n'), 't', AT);
    const before = store.db.prepare('SELECT * FROM arrears').all();
    expect(
      await problems(
        store,
        'arrears',
        file('unit,item,period,amount\n3-2-1201,物业管理费,2026-09,200\n3-2-1201,费,2026-10,-5\n'),
      ),
    ).toMatch(/line 3, column amount: amount "-5"/);
    // line 2 was good, but nothing of the file is written
    expect(store.db.prepare('SELECT * FROM arrears').all()).toEqual(before);
    expect(await problems(store, 'arrears', file('unit,item,period,amount\n3-2-1201,费,2026-09,1e9\n'))).toMatch(
      /line 2, column amount: amount "1e9"/,
    );
    expect(await problems(store, 'arrears', file('unit,item,period,amount\n3-2-1201,费,2026-09,五百\n'))).toMatch(
      /amount "五百"/,
    );
    // A typing slip in the month is refused, not billed as 2026-13.
    expect(await problems(store, 'arrears', file('unit,item,period,amount\n3-2-1201,费,2026年13月,5\n'))).toMatch(
      /line 2, column period: period "2026年13月" names no month/,
    );
    // A month without its year could bill again what 2026-10 already bills: refused, with how to write it.
    for (const period of ['十月', '上个月', 'abc'])
      expect(await problems(store, 'arrears', file(`unit,item,period,amount\n3-2-1201,费,${period},5\n`))).toMatch(
        new RegExp(`line 2, column period: period "${period}" names no year`),
      );
    expect(await problems(store, 'staff', file('id,name,role,wechat_id,phone\ns1,赵,boss,,13511110001\n'))).toMatch(
      /line 2, column role: role must be/,
    );
    expect(await problems(store, 'staff', file('id,name,wechat_id\ns1,赵,\n'))).toMatch(
      /line 1: missing column\(s\) role, phone/,
    );
    expect(await problems(store, 'staff', file('id,name,role,wechat_id,phone\n'))).toMatch(/no rows under the header/);
    expect(await problems(store, 'staff', file(''))).toMatch(/the file is empty/);
    expect(await problems(store, 'staff', file('id,name,role,wechat_id,phone\ns1,赵,service\n'))).toMatch(/line 2/);
    const gbk = Buffer.from([
      ...Buffer.from('unit,item,period,amount\n3-2-1201,'),
      0xce,
      0xef,
      0xd2,
      0xb5,
      ...Buffer.from(',2026-09,1\n'),
    ]); // 物业 in GBK
    expect(await problems(store, 'arrears', file(gbk))).toMatch(/not UTF-8 \(it looks like GBK/);
    expect(await problems(store, 'staff', path.join(dir, 'missing.csv'))).toMatch(/cannot read the file \(ENOENT\)/);
    expect(store.db.prepare('SELECT * FROM arrears').all()).toEqual(before);
    expect(store.community.counts().staff).toBe(0);
  });

  it('skips the empty rows Excel leaves under a table, reads a weekday range Excel made a date, full-width phones', async () => {
    const store = Store.open(':memory:');
    const staff = await importFile(
      store,
      'staff',
      file(
        'id,name,role,wechat_id,phone,skills,weekdays,on_call\n' +
          's1,钱师傅,technician,wx_q,13812345678,水,2026-01-06,yes\n,,,,,,,\n,,,,,,,\n',
      ),
      't',
      AT,
    );
    expect(staff).toMatchObject({ rows: 1, added: 1 });
    expect(store.community.staffWithProfiles()).toMatchObject([{ id: 's1', weekdays: [1, 2, 3, 4, 5, 6] }]);
    await importFile(store, 'residents', file(`${RESIDENTS}r1,张三,１３９０００００００３,3-2-1201,\n,,,,\n`), 't', AT);
    expect(store.community.residentById('r1')).toMatchObject({ phone: '13900000003' });
  });

  it("reads a clerk's own ways of writing: phones with dashes or +86, full-width digits, Chinese roles, ¥1,200.50", async () => {
    const store = Store.open(':memory:');
    await importFile(
      store,
      'staff',
      file(
        'id,name,role,wechat_id,phone\n' +
          's1,钱师傅,维修工,wx_q,138-1234-5678\ns2,孙丽,客服,wx_s,+86 136 0000 7777\ns3,老周,主管,,１３９００００１２３４\n',
      ),
      't',
      AT,
    );
    expect(store.community.staffById('s1')).toMatchObject({ role: 'technician', phone: '13812345678' });
    expect(store.community.staffById('s2')).toMatchObject({ role: 'service', phone: '13600007777' });
    expect(store.community.staffById('s3')).toMatchObject({ role: 'supervisor', phone: '13900001234' });
    await importFile(
      store,
      'arrears',
      file(
        'unit,item,period,amount\n3-2-1201,物业管理费,2026-11,"1,200.50"\n3-2-1202,停车管理费,2026-11,¥806.40\n' +
          '３－２－１２０１,公共能耗分摊,2026-11,35.2元\n',
      ),
      't',
      AT,
    );
    const fen = store.db.prepare('SELECT unit_id, amount_fen FROM arrears ORDER BY id').all();
    expect(fen).toEqual([
      { unit_id: '3-2-1201', amount_fen: 120050 },
      { unit_id: '3-2-1202', amount_fen: 80640 },
      { unit_id: '3-2-1201', amount_fen: 3520 },
    ]);
    // Unquoted, the thousands comma splits the row: said so, in one line with its number.
    expect(await problems(store, 'arrears', file('unit,item,period,amount\n3-2-1201,费,2026-11,1,200.50\n'))).toMatch(
      /nothing imported: line 2: 5 cells, not as many as the header has; a value holding a comma \(1,200.50\) must be/,
    );
  });

  it('accepts a UTF-8 BOM, as Excel writes it', async () => {
    const store = Store.open(':memory:');
    const summary = await importFile(
      store,
      'staff',
      file(`\uFEFFid,name,role,wechat_id,phone\ns1,赵敏,service,wx_s,13511110001\n`),
      't',
      AT,
    );
    expect(summary.added).toBe(1);
  });
});
