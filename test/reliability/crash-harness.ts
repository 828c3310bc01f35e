import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from '../../src/store/store.js';

/**
 * The crash harness: the bot as a child process (`wuye chat --jsonl`) on a file database, fed a
 * scripted stream of many residents' conversations, killed with SIGKILL at random points and
 * restarted, each restart re-delivering the whole stream from the start (as a platform re-delivers
 * its backlog). The database it leaves is compared with that of a clean run of the same stream.
 */

const NOW = '2026-11-26T09:00:00+08:00';
const BIN = path.resolve('bin/wuye.js');

/** What residents say, conversation by conversation: bookings, complaints, cards, questions, praise. */
const CONVERSATIONS = [
  ['厨房灯坏了，明天上午来修', '对'],
  ['楼上噪音太吵，我要投诉', '3栋1301', '每天晚上十点以后', '不需要', '对'],
  ['补办门禁卡', '对'],
  ['物业几点上班', '谢谢'],
  ['我家欠多少物业费', '周六上午来交'],
  ['卫生间水龙头漏水', '后天下午', '对'],
  ['转人工'],
  ['小区里可以放烟花吗', '进度怎么样了'],
];
const PEOPLE = ['wx_zhangwei', 'wx_lina', 'wx_wangfang'];

export interface Line {
  id: string;
  from: string;
  text: string;
}

/** `rounds` × every person × one conversation each, interleaved as they would arrive. */
export function script(rounds: number): Line[] {
  const lines: Line[] = [];
  for (let round = 0; round < rounds; round++) {
    const talks = PEOPLE.map((from, i) => ({
      from,
      turns: CONVERSATIONS[(round * PEOPLE.length + i) % CONVERSATIONS.length]!,
    }));
    const longest = Math.max(...talks.map((t) => t.turns.length));
    for (let turn = 0; turn < longest; turn++) {
      for (const t of talks) {
        const text = t.turns[turn];
        if (text) lines.push({ id: `m-${round}-${t.from}-${turn}`, from: t.from, text });
      }
    }
    // A conversation closes between rounds (silence), so the next round starts afresh.
    lines.push({ id: `advance-${round}`, from: '', text: '' });
  }
  return lines;
}

const encode = (line: Line) =>
  line.from ? JSON.stringify({ id: line.id, from: line.from, text: line.text }) : JSON.stringify({ advance: '3h' });

export interface RunResult {
  /** Lines the bot wrote to stdout (the messages it sent). */
  sent: string[];
  killed: boolean;
}

/**
 * One run of the child: writes `lines` one at a time (each written after the previous answer had
 * time to come), and, if `killAfter` is given, SIGKILLs it after that many lines plus a random delay.
 */
export async function run(
  db: string,
  lines: Line[],
  killAfter?: number,
  random: () => number = Math.random,
): Promise<RunResult> {
  const child = spawn(process.execPath, [BIN, 'chat', '--jsonl', '--db', db, '--now', NOW], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, WUYE_LOG_LEVEL: 'silent' },
  });
  const sent: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    sent.push(...parts.filter(Boolean));
  });
  child.stderr.resume();
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let killed = false;
  // Syncs pace the stream: each message is answered before the next is written.
  let waiting: (() => void) | undefined;
  let synced = 0;
  child.stdout.on('data', () => {
    const count = sent.filter((l) => l.startsWith('{"synced"')).length;
    if (count > synced) {
      synced = count;
      waiting?.();
    }
  });
  try {
    for (const [i, line] of lines.entries()) {
      if (killAfter !== undefined && i === killAfter) {
        await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
        child.kill('SIGKILL');
        killed = true;
        break;
      }
      const answered = new Promise<void>((resolve) => (waiting = resolve));
      child.stdin.write(`${encode(line)}\n${JSON.stringify({ sync: i })}\n`);
      // A kill may come while this line is being processed: do not wait for it then.
      if (killAfter !== undefined && i === killAfter - 1) break;
      await Promise.race([answered, exited]);
    }
    if (!killed && killAfter !== undefined) {
      await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
      child.kill('SIGKILL');
      killed = true;
    }
    if (!killed) child.stdin.end();
  } catch {
    // The pipe broke because the child was killed: that is the point.
  }
  await exited;
  return { sent: sent.filter((l) => !l.startsWith('{"synced"')), killed };
}

export const freshDb = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'wuye-crash-')), `${name}.db`);

/** What must come out the same with and without crashes: the state of the database, in order. */
export function outcome(db: string) {
  const store = Store.open(db);
  try {
    const d = store.db;
    return {
      inbound: d.prepare('SELECT msg_id, processed_at IS NOT NULL AS done FROM inbound_messages ORDER BY msg_id').all(),
      outbox: d.prepare('SELECT recipient, text, status FROM outbox ORDER BY id').all(),
      commitments: d.prepare('SELECT kind, party, status, due_at, ticket_id FROM commitments ORDER BY id').all(),
      tickets: d.prepare('SELECT number, type, status, owner_id FROM tickets ORDER BY id').all(),
      conversations: d.prepare('SELECT key, flow, status, snapshot FROM conversations ORDER BY key').all(),
      integrity: d.pragma('integrity_check', { simple: true }),
    };
  } finally {
    store.close();
  }
}

/** Runs the stream with `kills` SIGKILLs at random points, then to the end; returns every line sent, in all runs. */
export async function crashRun(
  db: string,
  lines: Line[],
  kills: number,
  random: () => number,
): Promise<{ sent: string[]; runs: number }> {
  const sent: string[] = [];
  let runs = 0;
  for (let k = 0; k < kills; k++) {
    const killAfter = 1 + Math.floor(random() * (lines.length - 1));
    const result = await run(db, lines, killAfter, random);
    sent.push(...result.sent);
    runs++;
  }
  const last = await run(db, lines);
  sent.push(...last.sent);
  return { sent, runs: runs + 1 };
}

/** A seeded generator, so a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
