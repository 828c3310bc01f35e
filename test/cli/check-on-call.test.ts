import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wuye } from '../fakes/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wuye-oncall-'));

describe('wuye check and the technicians on call', () => {
  it('warns when no technician on call has the trade an emergency needs; the sample office has them all', () => {
    const db = path.join(dir, 'office.db');
    const staff = path.join(dir, 'staff.csv');
    // The only one with 水, 燃气 and 电 is not on call: a gas leak at 01:30 would page 马建国 alone.
    writeFileSync(
      staff,
      'id,name,role,wechat_id,phone,skills,weekdays,on_call\n' +
        's1,王丽,service,wx_w,13600000001,,,\n' +
        's2,马建国,technician,wx_m,13600000002,门窗|其他,1-7,yes\n' +
        's3,钱师傅,technician,wx_q,13600000003,水|燃气|电,1-6,no\n',
    );
    expect(wuye(['import', 'staff', staff, '--db', db]).code).toBe(0);
    const check = wuye(['check', '--db', db]);
    expect(check.stderr).toContain('warning: no technician on call takes 燃气 repairs: gas emergencies at night');
    expect(check.stderr).toContain('no technician on call takes 水 repairs');
    expect(check.stderr).not.toMatch(/error:/);

    const sample = path.join(dir, 'sample.db');
    wuye(['chat', '--jsonl', '--db', sample], '');
    expect(wuye(['check', '--db', sample])).toMatchObject({ code: 0, stdout: 'wuye: configuration ok\n' });
  });
});
