import { spawnSync } from 'node:child_process';

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
export const lines = (...objects: unknown[]) => objects.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join('\n') + '\n';
