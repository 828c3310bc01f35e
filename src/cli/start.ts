import type { ServerType } from '@hono/node-server';
import type { Command } from 'commander';
import type { Logger } from '../log.js';
import type { Transport } from '../runtime/transport.js';
import type { Config } from '../config.js';
import type { OffsetClock } from '../domain/clock.js';
import type { Store } from '../store/store.js';

/** Loaded when `wuye start` runs: the other commands do not pay for the HTTP server, the runtime and the platforms. */
const load = () =>
  Promise.all([
    import('@hono/node-server'),
    import('../adapters/web.js'),
    import('../adapters/wecom-api.js'),
    import('../adapters/wecom-callback.js'),
    import('../adapters/wecom.js'),
    import('../log.js'),
    import('./app-from-config.js'),
    import('../domain/clock.js'),
    import('../server/http-server.js'),
    import('../server/listen-plan.js'),
    import('../store/store.js'),
    import('./seed.js'),
    import('./configuration-problems.js'),
  ]).then((modules) => Object.assign({}, ...modules) as UnionToIntersection<(typeof modules)[number]>);
type Loaded = Awaited<ReturnType<typeof load>>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

export function registerStart(program: Command, config: Config): void {
  program
    .command('start')
    .description(
      'run the bot with its web console on WeCom (WECOM_CORP_ID), WeChat through Wechaty (WECHATY_PUPPET), or, ' +
        'with neither, the web simulator',
    )
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .option(
      '--port <port>',
      'HTTP port: callbacks, and the console and simulator unless WUYE_CONSOLE_PORT is set (env WUYE_HTTP_PORT)',
      String(config.httpPort),
    )
    .option('--no-seed', 'do not fill an empty database with the sample community')
    .action(async (options: { db: string; port: string; seed: boolean }) => {
      const m = await load();
      const {
        Store,
        OffsetClock,
        createLogger,
        seedSampleIfEmpty,
        WebTransport,
        serve,
        createHttpApp,
        listenPlan,
        isLoopback,
      } = m;
      const store = Store.open(options.db);
      const clock = new OffsetClock();
      const log = createLogger(config.logLevel);
      // A database behind a real platform holds the office's own people, never the sample's.
      const platformConfigured = config.wecom !== undefined || config.wechaty !== undefined;
      if (options.seed && config.seedSample && !platformConfigured && seedSampleIfEmpty(store, clock.now())) {
        // Said plainly, as `wuye chat` says it: nothing is wrong, so it is no warning in the JSON log.
        process.stderr.write(`wuye: created ${options.db} with the sample community (data/sample/)\n`);
      }
      m.refuseOnErrors(store, options.db, config.llm);
      const transport: Transport = config.wecom
        ? weCom(m, config, store, clock, log)
        : config.wechaty
          ? await weChaty(config, clock, log)
          : simulator(m, config, store, options.db);
      // A database a real platform has run on holds real people: it is no demo any more.
      if (!(transport instanceof WebTransport)) store.platform.markDemo(false);
      const app = await m.appFromConfig(config, { store, clock, transport, log });
      const simulated = transport instanceof WebTransport && config.simulator ? transport : undefined;
      const plan = listenPlan(config, Number(options.port), { simulator: simulated !== undefined });
      const servers = await Promise.all(
        plan.map((listener) => {
          const web = listener.web
            ? { web: { app, ...(simulated && { simulator: simulated, simulatorAnyHost: !isLoopback(listener.host) }) } }
            : {};
          const callbacks = listener.callback && transport.routes ? { callbacks: [transport.routes()] } : {};
          const fetch = createHttpApp({ ...callbacks, ...web }, log, { trustProxy: config.trustProxy }).fetch;
          // Said to be open only once it is: listening on a host name waits for its lookup.
          return new Promise<ServerType>((resolve) => {
            const server = serve(
              { fetch, port: listener.port, ...(listener.host && { hostname: listener.host }) },
              () => resolve(server),
            );
          });
        }),
      );
      log.warn({ listeners: plan, platform: transport.name }, 'wuye-bot started');
      const webListener = plan.find((l) => l.web)!;
      const shown = webListener.host && !['0.0.0.0', '::'].includes(webListener.host) ? webListener.host : 'localhost';
      process.stderr.write(
        `wuye: ${transport.name} — open http://${shown.includes(':') ? `[${shown}]` : shown}:${webListener.port}/` +
          ' (Ctrl-C stops)\n',
      );
      const timer = setInterval(() => void app.tick(), 1000);
      const platform: Transport = transport;
      await platform.start?.(app.sink);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      clearInterval(timer);
      await platform.stop?.();
      for (const server of servers) server.close();
      store.close();
    });
}

/**
 * No messaging platform configured: the web simulator is how one talks to the bot. It has no
 * sign-in (anyone reaching it speaks as any resident or staff member), so it runs only on the demo
 * database unless WUYE_SIMULATOR=force says otherwise.
 */
function simulator({ WebTransport }: Loaded, config: Config, store: Store, db: string): Transport {
  if (!config.simulator)
    throw new Error(
      'no WECOM_CORP_ID or WECHATY_PUPPET set, and WUYE_SIMULATOR=false: nothing to talk to the bot through',
    );
  if (!store.platform.isDemo() && !config.simulatorOnAnyDb) {
    throw new Error(
      `${db} is not the demo database (made from data/sample/ and nothing imported since): the simulator, which ` +
        `lets anyone who reaches it speak as any resident or staff member, does not run on it. Configure WeCom or ` +
        `Wechaty, or set WUYE_SIMULATOR=force to run it anyway`,
    );
  }
  return new WebTransport();
}

function weCom(
  { WeComTransport, WeComApi, CallbackVerifier }: Loaded,
  config: Config,
  store: Store,
  clock: OffsetClock,
  log: Logger,
): Transport {
  const c = config.wecom!;
  const now = () => clock.now();
  return new WeComTransport({
    api: new WeComApi({ baseUrl: c.apiBase, corpId: c.corpId, secret: c.secret, now, log }),
    verifier: new CallbackVerifier({ token: c.token, aesKey: c.aesKey, corpId: c.corpId }, now, store.platform),
    agentId: c.agentId,
    store,
    now,
    log,
    callbackPath: c.callbackPath,
  });
}

/** Wechaty is loaded only when it is the platform: it takes about 0.4 s, which every other command would pay. */
async function weChaty(config: Config, clock: OffsetClock, log: Logger): Promise<Transport> {
  const { buildWechaty, WechatyTransport } = await import('../adapters/wechaty.js');
  const wechaty = buildWechaty(config.wechaty!.name);
  return new WechatyTransport(wechaty, {
    selfId: config.botId,
    ...(config.staffRoom && { staffRoom: config.staffRoom }),
    ...(config.botName && { botName: config.botName }),
    mediaDir: config.mediaDir,
    log,
    now: () => clock.now(),
  });
}
