import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { Transport } from '../adapters/transport.js';
import { buildWechaty, WechatyTransport } from '../adapters/wechaty.js';
import { WeComApi } from '../adapters/wecom-api.js';
import { CallbackVerifier } from '../adapters/wecom-callback.js';
import { WeComTransport } from '../adapters/wecom.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { createApp, settingsFrom, type App } from '../main.js';
import { OffsetClock } from '../runtime/clock.js';
import { createHttpApp, type HttpRoutes } from '../server/http-server.js';
import { Store } from '../store/store.js';
import { seedSampleIfEmpty } from './seed.js';

/** A messaging platform, wired: its transport, what to do once the app exists, and its HTTP routes. */
interface Platform {
  transport: Transport;
  routes: HttpRoutes;
  connect(app: App): Promise<void>;
  stop(): Promise<void>;
}

export function registerStart(program: Command, config: Config): void {
  program
    .command('start')
    .description('run the bot on WeCom (WECOM_CORP_ID) or WeChat through Wechaty (WECHATY_PUPPET); with neither, the terminal chat')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .option('--port <port>', 'HTTP port for callbacks (env WUYE_HTTP_PORT)', String(config.httpPort))
    .option('--no-seed', 'do not fill an empty database with the sample community')
    .action(async (options: { db: string; port: string; seed: boolean }, command: Command) => {
      if (!config.wecom && !config.wechaty) {
        process.stderr.write('wuye: no WECOM_CORP_ID or WECHATY_PUPPET set: starting the terminal chat (see .env.example)\n');
        await command.parent!.parseAsync(['node', 'wuye', 'chat', '--db', options.db, ...(options.seed ? [] : ['--no-seed'])]);
        return;
      }
      const store = Store.open(options.db);
      const clock = new OffsetClock();
      const log = createLogger(config.logLevel);
      if (options.seed && config.seedSample && seedSampleIfEmpty(store, clock.now())) log.warn({ db: options.db }, 'created the database with the sample community');
      const platform = config.wecom ? weCom(config, store, clock, log) : weChaty(config, clock, log);
      const app = createApp({ store, clock, transport: platform.transport, log, ...settingsFrom(config) });
      // Whatever a crash left half done is finished before anything new is read.
      await app.bot.recover();
      await app.tick();
      const server = serve({ fetch: createHttpApp(platform.routes, log).fetch, port: Number(options.port) });
      log.warn({ port: Number(options.port), platform: platform.transport.name }, 'wuye-bot started');
      const timer = setInterval(() => void app.tick(), 1000);
      await platform.connect(app);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      clearInterval(timer);
      await platform.stop();
      server.close();
      store.close();
    });
}

function weCom(config: Config, store: Store, clock: OffsetClock, log: Logger): Platform {
  const c = config.wecom!;
  const now = () => clock.now();
  const transport = new WeComTransport({
    api: new WeComApi({ baseUrl: c.apiBase, corpId: c.corpId, secret: c.secret, now, log }),
    verifier: new CallbackVerifier({ token: c.token, aesKey: c.aesKey, corpId: c.corpId }, now),
    agentId: c.agentId,
    store,
    now,
    log,
  });
  return {
    transport,
    routes: { wecom: { path: c.callbackPath, transport } },
    connect: async (app) => transport.connect({ inbound: (m) => app.bot.handleInbound(m) }),
    stop: async () => {},
  };
}

function weChaty(config: Config, clock: OffsetClock, log: Logger): Platform {
  const wechaty = buildWechaty(config.wechaty!.name);
  const transport = new WechatyTransport(wechaty, {
    selfId: config.botId,
    ...(config.staffRoom && { staffRoom: config.staffRoom }),
    ...(config.botName && { botName: config.botName }),
    mediaDir: config.mediaDir,
    log,
    now: () => clock.now(),
  });
  return {
    transport,
    routes: {},
    connect: async (app) => {
      transport.connect({ inbound: (m) => app.bot.handleInbound(m), ops: (ref) => void app.notifyOps(ref) });
      await wechaty.start();
    },
    stop: () => wechaty.stop(),
  };
}
