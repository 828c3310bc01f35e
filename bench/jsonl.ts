import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The speed a user of `wuye chat --jsonl` sees: the real command in a child process on a file
 * database, fed JSON lines through a pipe, timed from outside.
 */

/** What 2,000 residents say, in turn: a greeting, a question the knowledge base answers, thanks. */
export const BLACK_BOX_TEXTS = ['你好', '物业电话多少', '谢谢'];
const NOW = '2026-11-26T09:00:00+08:00';
const BIN = path.resolve('bin/wuye.js');

export interface BlackBox {
  messages: number;
  /** Messages a second, streamed: everything written at once, timed until the last answer is out. */
  perSecond: number;
  /** Round trip of one message and its sync, one at a time (closed loop). */
  p50Us: number;
  p99Us: number;
  /**
   * CPU time of the command's main thread per streamed message (Linux only): steadier than the rate
   * on a shared machine, where waiting for a core counts in the rate but not here.
   */
  cpuUs?: number;
}

/**
 * CPU time (user + system) a process's main thread has used so far, in ms, from /proc (clock ticks
 * of 10 ms); undefined where there is no /proc.
 */
export function mainThreadCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Lines for `residents` people each saying every text once, one round after another. */
export function blackBoxLines(residents: number, prefix: string): string[] {
  const lines: string[] = [];
  BLACK_BOX_TEXTS.forEach((text, round) => {
    for (let r = 0; r < residents; r++)
      lines.push(JSON.stringify({ id: `${prefix}-${round}-${r}`, from: `wx_${prefix}_${r}`, text }));
  });
  return lines;
}

/** A running `wuye chat --jsonl` with a way to wait for a sync token. */
class Child {
  readonly process: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiters = new Map<string, () => void>();
  lines = 0;

  constructor(db: string, bin = BIN) {
    this.process = spawn(process.execPath, [bin, 'chat', '--jsonl', '--db', db, '--now', NOW], {
      env: { ...process.env, WUYE_LOG_LEVEL: 'silent' },
    });
    this.process.stderr.resume();
    this.process.stdout.setEncoding('utf8');
    // Kept light: this process shares the machine's two cores with the one it measures.
    this.process.stdout.on('data', (chunk: string) => {
      const parts = (this.buffer + chunk).split('\n');
      this.buffer = parts.pop()!;
      this.lines += parts.length;
      for (const line of parts) {
        if (!line.startsWith('{"synced"')) continue;
        const token = (JSON.parse(line) as { synced: string }).synced;
        this.waiters.get(token)?.();
        this.waiters.delete(token);
      }
    });
  }

  /** Writes `text` and resolves when `token` is synced. */
  send(text: string, token: string): Promise<void> {
    const done = new Promise<void>((resolve) => this.waiters.set(token, resolve));
    this.process.stdin.write(`${text}${JSON.stringify({ sync: token })}\n`);
    return done;
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.on('exit', () => resolve()));
    this.process.stdin.end();
    await exited;
  }
}

const tmpDb = () => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-jsonl-')), 'bench.db');

/**
 * 3 × `residents` messages streamed through one process (greeting, question, thanks per person),
 * then `latencyMessages` more one at a time for the latency. The database is created and seeded by
 * a first run, so the timed one starts on an existing file, as in production.
 */
export async function measureJsonl(residents = 2_000, latencyMessages = 1_500, bin = BIN): Promise<BlackBox> {
  const db = tmpDb();
  const seed = new Child(db, bin);
  await seed.send('', 'seeded');
  await seed.close();

  const child = new Child(db, bin);
  await child.send('', 'ready');
  const lines = blackBoxLines(residents, 'bb');
  const cpuBefore = mainThreadCpuMs(child.process.pid!);
  const started = performance.now();
  await child.send(`${lines.join('\n')}\n`, 'done');
  const elapsed = performance.now() - started;
  const cpuAfter = mainThreadCpuMs(child.process.pid!);

  const samples: number[] = [];
  const single = blackBoxLines(Math.ceil(latencyMessages / BLACK_BOX_TEXTS.length), 'lat');
  for (let i = 0; i < single.length; i++) {
    const t0 = performance.now();
    await child.send(`${single[i]}\n`, `l${i}`);
    samples.push(performance.now() - t0);
  }
  await child.close();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 1000;
  return {
    messages: lines.length,
    perSecond: lines.length / (elapsed / 1000),
    p50Us: at(0.5),
    p99Us: at(0.99),
    ...(cpuBefore !== undefined && cpuAfter !== undefined && { cpuUs: ((cpuAfter - cpuBefore) * 1000) / lines.length }),
  };
}

export interface Startup {
  nodeMs: number;
  helpMs: number;
  /** From spawning `wuye chat --jsonl` on an existing database to its answer to a first "你好". */
  chatMs: number;
}

/** Start-up against bare Node, medians of `runs`, interleaved so that a noisy moment hits all three alike. */
export async function measureStartup(runs = 9): Promise<Startup> {
  const db = tmpDb();
  const seed = new Child(db);
  await seed.send('', 'seeded');
  await seed.close();
  const spawnMs = (args: string[]) => {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - t0;
  };
  const node: number[] = [];
  const help: number[] = [];
  const chat: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(spawnMs(['-e', '0']));
    help.push(spawnMs([BIN, '--help']));
    const t0 = performance.now();
    const child = new Child(db);
    await child.send(`${JSON.stringify({ from: `wx_startup_${i}`, text: '你好' })}\n`, 'first');
    chat.push(performance.now() - t0);
    await child.close();
  }
  return { nodeMs: median(node), helpMs: median(help), chatMs: median(chat) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureJsonl(Number(process.argv[2] ?? 2_000))));
  console.log(JSON.stringify(await measureStartup()));
}
