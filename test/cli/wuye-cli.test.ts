import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, wuye } from '../fakes/cli.js';
import { p, phrases } from '../fakes/phrases.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wuye-cli-'));

const replies = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { to: string; text: string; at: string; synced?: string });

describe('wuye chat --jsonl', () => {
  it('answers each line in order, with Shanghai times, and reports a malformed line without stopping', () => {
    const db = path.join(dir, 'a.db');
    const out = wuye(
      ['chat', '--jsonl', '--db', db, '--now', '2026-11-26T09:00:00+08:00'],
      lines(
        { from: 'wx_zhangwei', text: '你好', id: 'a1' },
        '{oops',
        [1, 2],
        { from: 'wx_zhangwei', text: '你好', id: 'a1' },
        { sync: 't1' },
        { advance: '2h' },
        { from: 'wx_zhangwei', kind: 'image' },
        { sync: 't2' },
      ),
    );
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/line 2: not valid JSON/);
    expect(out.stderr).toMatch(/line 3: not a JSON object/);
    expect(replies(out.stdout)).toEqual([
      { to: 'wx_zhangwei', text: phrases.render('reception.greeting'), at: '2026-11-26T09:00:00+08:00' },
      { to: 'wx_zhangwei', text: phrases.render('reception.menu'), at: '2026-11-26T09:00:00+08:00' },
      { synced: 't1' },
      { to: 'wx_zhangwei', text: phrases.render('reception.farewell_idle'), at: '2026-11-26T11:00:00+08:00' },
      { to: 'wx_zhangwei', text: phrases.render('reception.greeting'), at: '2026-11-26T11:00:00+08:00' },
      { to: 'wx_zhangwei', text: phrases.render('input.non_text'), at: '2026-11-26T11:00:00+08:00' },
      { synced: 't2' },
    ]);
  });

  it('continues a conversation in a second process on the same database file', () => {
    const db = path.join(dir, 'b.db');
    const first = wuye(
      ['chat', '--jsonl', '--db', db, '--now', '2026-11-26T09:00:00+08:00'],
      lines({ from: 'wx_lina', text: '你好' }, { from: 'wx_lina', text: '阿巴阿巴' }),
    );
    expect(replies(first.stdout).map((r) => r.text)).toEqual([
      phrases.render('reception.greeting'),
      phrases.render('reception.menu'),
      phrases.render('reception.fallback'),
    ]);
    const second = wuye(
      ['chat', '--jsonl', '--db', db, '--now', '2026-11-26T09:20:00+08:00'],
      lines({ from: 'wx_lina', text: 'asdfgh' }),
    );
    expect(replies(second.stdout).map((r) => [r.to, r.text])).toEqual([
      [
        'wx_lina',
        p(
          'reception.fallback_handoff',
          { ticket: 'H1' },
          { due: '2026-11-26T09:35:00+08:00' },
          '2026-11-26T09:20:00+08:00',
        ),
      ],
      ['wx_zhaomin', expect.stringContaining('asdfgh')],
    ]);
  });

  it('rejects bad lines with a reason: a text message without text, a bad clock move', () => {
    const out = wuye(
      ['chat', '--jsonl', '--db', path.join(dir, 'c.db'), '--now', '2026-11-26T09:00:00+08:00'],
      lines({ from: 'wx_zhangwei' }, { advance: 'soon' }, { now: '2020-01-01T00:00:00+08:00' }, { hello: 1 }),
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/line 1: .*needs "text"/);
    expect(out.stderr).toMatch(/line 2: not a duration/);
    expect(out.stderr).toMatch(/line 3: .*before the clock/);
    expect(out.stderr).toMatch(/line 4: from: /);
  });
});

describe('wuye nlu', () => {
  it('writes one JSON object per line: text, intent, confidence, slots', () => {
    const out = wuye(['nlu', '--now', '2026-11-26T09:00:00+08:00'], '明儿下午三点能来修水管不\n\n我是3栋2单元1201的\n');
    expect(out.code).toBe(0);
    const [first, second, ...rest] = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rest).toEqual([]);
    expect(first).toEqual({
      text: '明儿下午三点能来修水管不',
      intent: 'repair',
      confidence: expect.any(Number),
      slots: { time: '2026-11-27T15:00:00+08:00', category: '水' },
    });
    expect(second.slots).toMatchObject({ unit: '3-2-1201' });
  });
});

describe('wuye command line', () => {
  it('prints help listing its commands', () => {
    const out = wuye(['--help']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/chat/);
    expect(out.stdout).toMatch(/import/);
  });

  it('an unknown command or flag gets a clear message, the help, and a non-zero exit', () => {
    const command = wuye(['frobnicate']);
    expect(command.code).not.toBe(0);
    expect(command.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(command.stderr).toMatch(/Usage: wuye/);
    const flag = wuye(['chat', '--frob']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toMatch(/unknown option '--frob'/);
  });

  it('imports a CSV, and refuses a bad one with the line number and a one-line reason', () => {
    const db = path.join(dir, 'd.db');
    const good = path.join(dir, 'staff.csv');
    writeFileSync(good, 'id,name,role,wechat_id,phone\ns9,钱师傅,technician,wx_qian,13511119999\n');
    const ok = wuye(['import', 'staff', good, '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/imported 1 staff rows .*1 added, 0 updated, 0 unchanged/);

    const bad = path.join(dir, 'arrears.csv');
    writeFileSync(bad, 'unit,item,period,amount\n3-2-1201,物业管理费,2026-09,268.50\n3-2-1201,水费,2026-09,五百\n');
    const refused = wuye(['import', 'arrears', bad, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/line 3, column amount: amount "五百"/);

    // What is exported imports again unchanged: the same format both ways.
    const exported = path.join(dir, 'residents-export.csv');
    const seeded = path.join(dir, 'seeded.db');
    wuye(['chat', '--jsonl', '--db', seeded], '');
    expect(wuye(['export', 'residents', '--db', seeded, '--out', exported]).code).toBe(0);
    const again = wuye(['import', 'residents', exported, '--db', seeded]);
    expect(again.stdout).toMatch(/imported 6 residents rows .*0 added, 0 updated, 6 unchanged/);
    const arrears = wuye(['export', 'arrears', '--db', seeded]);
    expect(arrears.stdout.split('\n')[0]).toBe('unit,item,period,amount');
    expect(arrears.stdout).toContain('3-2-1201,物业管理费,2026-07~2026-09,806.40');
    expect(wuye(['export', 'cars', '--db', seeded]).stderr).toMatch(/unknown export kind "cars"/);

    const kind = wuye(['import', 'cars', good, '--db', db]);
    expect(kind.code).toBe(1);
    expect(kind.stderr).toMatch(/unknown import kind "cars"/);
  });
});

describe('wuye check and wuye start', () => {
  it('check passes the sample; an office without a technician fails check and start with the same line', () => {
    const ok = path.join(dir, 'check-ok.db');
    wuye(['chat', '--jsonl', '--db', ok], '');
    expect(wuye(['check', '--db', ok])).toMatchObject({ code: 0, stdout: 'wuye: configuration ok\n' });

    const db = path.join(dir, 'check-bad.db');
    const staff = path.join(dir, 'desk-only.csv');
    writeFileSync(staff, 'id,name,role,wechat_id,phone\ns1,王丽,service,wx_w,13600000001\n');
    expect(wuye(['import', 'staff', staff, '--db', db]).code).toBe(0);
    const problem = `${path.relative(process.cwd(), db)}: error: no technician with a wechat id on the staff list: no repair can be booked`;
    const check = wuye(['check', '--db', db]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(problem);
    const start = wuye(['start', '--db', db, '--port', '0']);
    expect(start.code).toBe(1);
    expect(start.stderr).toContain(problem);
    expect(start.stderr).toMatch(/fix them, then start again/);
  });

  it('check on a mistyped path says there is no database there, and creates none', () => {
    const missing = path.join(dir, 'no-such.db');
    const check = wuye(['check', '--db', missing]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });

  it('never seeds the sample community into the database of a real platform', () => {
    const db = path.join(dir, 'platform.db');
    const start = wuye(['start', '--db', db, '--port', '0'], '', { WECHATY_PUPPET: 'wechaty-puppet-mock' });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/no technician/);
    expect(wuye(['export', 'residents', '--db', db]).stdout.trim()).toBe('id,name,phone,unit,wechat_id');
  });
});

describe('start-up', () => {
  it('refuses, in one line, a database written by a newer program, for every command that opens it', async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = path.join(dir, 'newer.db');
    const raw = new Database(db);
    raw.pragma('user_version = 999');
    raw.close();
    for (const args of [
      ['chat', '--jsonl', '--db', db],
      ['ledger', '--db', db],
      ['export', 'residents', '--db', db],
    ]) {
      const out = wuye(args, lines({ from: 'wx_zhangwei', text: '你好' }));
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^wuye: database schema version 999 is newer than this program \(\d+\)$/),
      ]);
    }
  });

  it('loads for a chat neither the logger nor the YAML parser nor any platform, spreadsheet or web library', () => {
    const loadedBy = (env: Record<string, string>) => {
      const log = path.join(dir, 'loaded.txt');
      writeFileSync(log, '');
      const out = spawnSync(
        process.execPath,
        [
          '--import',
          './test/fakes/loaded-modules.mjs',
          'bin/wuye.js',
          'chat',
          '--jsonl',
          '--db',
          path.join(dir, 'lean.db'),
        ],
        {
          input: lines({ from: 'wx_zhangwei', text: '你好' }),
          encoding: 'utf8',
          env: { ...process.env, WUYE_LOADED_LOG: log, ...env },
        },
      );
      expect(replies(out.stdout).length).toBeGreaterThan(0);
      return {
        packages: new Set(
          [...readFileSync(log, 'utf8').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]),
        ),
        stderr: out.stderr,
      };
    };
    const loaded = loadedBy({ WUYE_LOG_LEVEL: 'warn' });
    expect(loaded.packages).toContain('better-sqlite3'); // the list is real
    for (const heavy of ['pino', 'yaml', 'exceljs', 'wechaty', 'hono', '@hono/node-server'])
      expect(loaded.packages, heavy).not.toContain(heavy);
  });

  it('runs the build in dist/ while no source it was built from has changed since, else the sources', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'wuye-bin-'));
    mkdirSync(path.join(root, 'bin'));
    mkdirSync(path.join(root, 'dist'));
    mkdirSync(path.join(root, 'src'));
    copyFileSync('bin/wuye.js', path.join(root, 'bin/wuye.js'));
    writeFileSync(
      path.join(root, 'dist/cli.js'),
      "export const runCli = async () => { process.stdout.write('dist'); return 0; };\n",
    );
    writeFileSync(path.join(root, 'src/a.ts'), '');
    const stamp = (builtAt: number) =>
      writeFileSync(path.join(root, 'dist/inputs.json'), JSON.stringify({ builtAt, inputs: ['src/a.ts'] }));
    const run = () => spawnSync(process.execPath, [path.join(root, 'bin/wuye.js')], { encoding: 'utf8' });
    stamp(Date.now() + 60_000);
    expect(run().stdout).toBe('dist');
    stamp(Date.now() - 60_000); // src/a.ts edited after the build
    expect(run().stdout).not.toBe('dist');
  });
});
