import type { Config } from '../config.js';

/** One HTTP listener: where, and what it serves. `host` undefined: every interface. */
export interface Listener {
  host: string | undefined;
  port: number;
  /** /healthz and the WeCom callback. */
  callback: boolean;
  /** The console and, when there is one, the simulator. */
  web: boolean;
}

const LOOPBACK = '127.0.0.1';

/**
 * Where `wuye start` listens. One port for everything by default; with WUYE_CONSOLE_PORT the
 * console gets its own, so the internet-facing port carries only the WeCom callback. A listener
 * serving the simulator (no sign-in: anyone reaching it speaks as anyone) is on 127.0.0.1 unless a
 * host is set; the rest listen on every interface unless a host is set.
 */
export function listenPlan(
  config: Pick<Config, 'httpHost' | 'consolePort' | 'consoleHost'>,
  port: number,
  served: { simulator: boolean },
): Listener[] {
  const webHost = (configured: string | undefined) => configured ?? (served.simulator ? LOOPBACK : undefined);
  if (config.consolePort === undefined || config.consolePort === port)
    return [{ host: webHost(config.httpHost), port, callback: true, web: true }];
  return [
    { host: config.httpHost, port, callback: true, web: false },
    { host: webHost(config.consoleHost ?? config.httpHost), port: config.consolePort, callback: false, web: true },
  ];
}

/** Whether a host name (from a Host header, or a listener's) is this machine's loopback. */
export function isLoopback(host: string | undefined): boolean {
  return host !== undefined && /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i.test(host);
}
