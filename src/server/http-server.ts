import { Hono } from 'hono';
import type { Logger } from 'pino';
import { CallbackRejected } from '../adapters/wecom-callback.js';
import type { WeComTransport } from '../adapters/wecom.js';

export interface HttpRoutes {
  /** The WeCom app's callback, at its configured path. */
  wecom?: { path: string; transport: WeComTransport };
}

/**
 * The bot's HTTP server (Hono): one app for every route, so the WeCom callback, and later the
 * console and the simulator, share the runtime and the database.
 */
export function createHttpApp(routes: HttpRoutes, log: Logger): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.text('ok'));
  if (routes.wecom) {
    const { path, transport } = routes.wecom;
    app.get(path, (c) => {
      try {
        return c.text(transport.verifyUrl(c.req.query()));
      } catch (error) {
        return refuse(error, log, (status) => c.text('', status));
      }
    });
    app.post(path, async (c) => {
      const body = await c.req.text();
      try {
        // Verified and decrypted now; processed after answering, within WeCom's 5 seconds.
        transport.receive(c.req.query(), body).catch((error: unknown) => log.error({ err: error }, 'WeCom callback processing failed'));
        return c.text('success');
      } catch (error) {
        return refuse(error, log, (status) => c.text('', status));
      }
    });
  }
  return app;
}

function refuse<T>(error: unknown, log: Logger, answer: (status: 400 | 403 | 409) => T): T {
  if (!(error instanceof CallbackRejected)) throw error;
  log.warn({ status: error.status, reason: error.message }, 'WeCom callback refused');
  return answer(error.status);
}
