import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from '../log.js';
import type { WebTransport } from '../adapters/web.js';
import { dataPath } from '../domain/data-path.js';
import type { App } from '../main.js';
import { PhraseCatalog } from '../phrases/catalog.js';
import { ASSETS } from './assets.js';
import { ConsoleAuth } from './auth.js';
import { clientOf } from './client.js';
import { consoleRoutes } from './console-routes.js';
import { LiveFeed } from './live.js';
import { simulatorRoutes } from './simulator-routes.js';

export interface HttpRoutes {
  /** What the platforms call back on (WeCom's callback URL): each transport's own routes. */
  callbacks?: Hono[];
  /**
   * The staff console (always, once the app exists) and, with a web transport, the simulator.
   * The simulator answers only requests naming a loopback host (a page on another site cannot
   * reach it by pointing its own name at 127.0.0.1), unless it listens for others on purpose.
   */
  web?: { app: App; simulator?: WebTransport; simulatorAnyHost?: boolean };
}

/**
 * The largest request body read, anywhere: WeCom's callbacks are a few KB, console forms less.
 * Checked against Content-Length before a byte is read, and counted while a chunked body streams in.
 */
const MAX_BODY_BYTES = 64 * 1024;

export interface HttpOptions {
  /** WUYE_TRUST_PROXY: a reverse proxy in front says, in X-Forwarded-Proto and -For, how the browser came. */
  trustProxy: boolean;
  /** Real time for console sessions and sign-in throttling (tests move it); Date.now by default. */
  now?: () => number;
}

/**
 * The bot's HTTP server (Hono): the WeCom callback, the console and the simulator share the
 * runtime and the database. One app per port: every route on one by default, or the callback on
 * the public port and the console on its own (WUYE_CONSOLE_PORT).
 */
export function createHttpApp(routes: HttpRoutes, log: Logger, options: HttpOptions = { trustProxy: false }): Hono {
  const app = new Hono();
  // An unexpected error is logged whole and answered without it: no stack trace leaves the server.
  app.onError((error, c) => {
    log.error({ err: error, method: c.req.method, path: c.req.path }, 'HTTP request failed');
    return c.text('', 500);
  });
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text('', 413, { connection: 'close' }) }));
  app.use(
    '*',
    secureHeaders({
      // Scripts and styles only as files from this server (/assets/), nothing inline; no framing.
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // Sent by the next middleware, over https only: over http to a name on the office network
      // it would be ignored, or pin that name to https once it is ever served so.
      strictTransportSecurity: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    if (clientOf(c, options.trustProxy).https) c.header('Strict-Transport-Security', 'max-age=15552000');
  });
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    return asset ? c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' }) : c.notFound();
  });
  if (routes.web) {
    const ui = PhraseCatalog.load(dataPath('console.zh-CN.yaml'));
    const live = new LiveFeed(routes.web.app.store.db, () => routes.web!.app.clock.now());
    // Sessions expire in real time: the simulator's clock may jump days ahead.
    const auth = new ConsoleAuth(routes.web.app.store, {
      now: options.now ?? Date.now,
      trustProxy: options.trustProxy,
      log,
      notifyDesk: (ref) => routes.web!.app.notifyOps(ref),
    });
    app.route('/console', consoleRoutes(routes.web.app, ui, auth, live, log));
    if (routes.web.simulator) {
      app.route(
        '/sim',
        simulatorRoutes(routes.web.app, ui, routes.web.simulator, live, {
          anyHost: routes.web.simulatorAnyHost ?? false,
        }),
      );
      app.get('/', (c) => c.redirect('/sim'));
    } else app.get('/', (c) => c.redirect('/console'));
  }
  for (const callback of routes.callbacks ?? []) app.route('/', callback);
  return app;
}
