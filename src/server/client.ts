import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * What the server knows of the browser's side of a request. Behind a reverse proxy (WUYE_TRUST_PROXY)
 * the proxy's headers say it; otherwise they are whatever the client wrote, and ignored.
 */
export interface ClientView {
  https: boolean;
  address: string;
}

export function clientOf(c: Context, trustProxy: boolean): ClientView {
  const forwardedProto = trustProxy
    ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
    : undefined;
  // The proxy appends the address it saw: the last entry is the one no client can forge.
  const forwardedFor = trustProxy
    ? c.req
        .header('x-forwarded-for')
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean)
        .at(-1)
    : undefined;
  return {
    https: new URL(c.req.url).protocol === 'https:' || forwardedProto === 'https',
    address: forwardedFor ?? socketAddress(c),
  };
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // no socket: a request made in-process (tests)
  }
}
