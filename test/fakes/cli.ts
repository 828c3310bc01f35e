import { spawn, spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** Runs the real `wuye` command in a child process, far from Shanghai, and returns what it printed. */
export function wuye(args: string[], input = '', env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/wuye.js', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, WUYE_LOG_LEVEL: 'silent', TZ: 'America/New_York', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** JSON lines for `wuye chat --jsonl`; a string is sent as it is (to send malformed lines). */
export const lines = (...objects: unknown[]) =>
  objects.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join('\n') + '\n';

export interface RunningWuye {
  /** Whether it came to listen (else it stopped: `code` and `stderr` say why). */
  listening: boolean;
  code: number | null;
  stderr: string;
  stop(): void;
}

/** `wuye start ARGS` in a child process; resolves once it says it listens, or once it exits. */
export function startWuye(args: string[], env: Record<string, string> = {}): Promise<RunningWuye> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/wuye.js', 'start', ...args], {
      env: { ...process.env, WUYE_LOG_LEVEL: 'silent', TZ: 'America/New_York', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const stop = () => void child.kill('SIGTERM');
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      if (stderr.includes('Ctrl-C')) resolve({ listening: true, code: null, stderr, stop });
    });
    child.on('exit', (code) => resolve({ listening: false, code, stderr, stop }));
  });
}

/** A TCP port nobody listens on just now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a TCP connection to host:port is accepted. */
export function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}
