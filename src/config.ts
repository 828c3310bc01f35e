import { existsSync } from 'node:fs';
import type { LlmSettings } from './nlu/llm/settings.js';
import type { GovernorConfig } from './runtime/governor.js';
import { settingsSchema } from './config-schema.js';

const WECOM_REQUIRED = ['WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'] as const;

export interface Config {
  db: string;
  botId: string;
  staffRoom?: string;
  idleCloseMs: number;
  bindingLockMs: number;
  governor: Omit<GovernorConfig, 'jitterMs'>;
  /** Day of the month (1–28) the arrears reminders go out; 0: only by `wuye remind arrears`. */
  arrearsReminderDay: number;
  seedSample: boolean;
  consoleAs: string;
  logLevel: string;
  httpPort: number;
  /** Where the HTTP server listens; unset: 127.0.0.1 when it serves the simulator, else every interface. */
  httpHost?: string;
  /** The console (and simulator) on a port of its own, apart from the public WeCom callback. */
  consolePort?: number;
  /** Where that port listens; unset: as WUYE_HTTP_HOST. */
  consoleHost?: string;
  /** The web simulator (a demo database): off in production. */
  simulator: boolean;
  /** The simulator even on a database that is not the demo one (explicitly asked for). */
  simulatorOnAnyDb: boolean;
  /** A reverse proxy in front: believe its X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy: boolean;
  lateReplyAfterMs: number;
  staleAfterMs: number;
  mediaDir: string;
  botName?: string;
  /** Personal WeChat through Wechaty, when a puppet is configured. */
  wechaty?: { puppet: string; name: string };
  /** The official WeCom app (and its customer service), when a corp id is configured. */
  wecom?: {
    corpId: string;
    agentId: number;
    secret: string;
    token: string;
    aesKey: string;
    callbackPath: string;
    apiBase: string;
  };
  /** The optional language model that helps understand (off unless WUYE_LLM_MODE says otherwise). */
  llm: LlmSettings;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`bad setting ${first.path.join('.')}: ${first.message}`);
  }
  const c = parsed.data;
  if (c.WECOM_CORP_ID) {
    const missing = WECOM_REQUIRED.filter((k) => c[k] === undefined);
    if (missing.length > 0) throw new Error(`bad setting ${missing[0]}: needed with WECOM_CORP_ID`);
  }
  if (c.WUYE_LLM_MODE !== 'off') {
    const missing = (['WUYE_LLM_BASE_URL', 'WUYE_LLM_MODEL'] as const).find((k) => c[k] === undefined);
    if (missing) throw new Error(`bad setting ${missing}: needed with WUYE_LLM_MODE=${c.WUYE_LLM_MODE}`);
  }
  return {
    db: c.WUYE_DB,
    botId: c.WUYE_BOT_ID,
    ...(c.WUYE_STAFF_ROOM && { staffRoom: c.WUYE_STAFF_ROOM }),
    idleCloseMs: c.WUYE_IDLE_CLOSE,
    bindingLockMs: c.WUYE_BINDING_LOCK,
    arrearsReminderDay: c.WUYE_ARREARS_REMINDER_DAY,
    governor: {
      perMinute: c.WUYE_SEND_PER_MINUTE,
      perHour: c.WUYE_SEND_PER_HOUR,
      perDay: c.WUYE_SEND_PER_DAY,
      quiet: c.WUYE_QUIET_HOURS,
      staffNight: c.WUYE_STAFF_NIGHT,
    },
    seedSample: c.WUYE_SEED_SAMPLE,
    consoleAs: c.WUYE_CONSOLE_AS,
    logLevel: c.WUYE_LOG_LEVEL,
    httpPort: c.WUYE_HTTP_PORT,
    ...(c.WUYE_HTTP_HOST && { httpHost: c.WUYE_HTTP_HOST }),
    ...(c.WUYE_CONSOLE_PORT !== undefined && { consolePort: c.WUYE_CONSOLE_PORT }),
    ...(c.WUYE_CONSOLE_HOST && { consoleHost: c.WUYE_CONSOLE_HOST }),
    simulator: c.WUYE_SIMULATOR !== 'false',
    simulatorOnAnyDb: c.WUYE_SIMULATOR === 'force',
    trustProxy: c.WUYE_TRUST_PROXY,
    lateReplyAfterMs: c.WUYE_LATE_REPLY_AFTER,
    staleAfterMs: c.WUYE_STALE_AFTER,
    mediaDir: c.WUYE_MEDIA_DIR,
    ...(c.WUYE_BOT_NAME && { botName: c.WUYE_BOT_NAME }),
    ...(c.WECHATY_PUPPET && { wechaty: { puppet: c.WECHATY_PUPPET, name: c.WECHATY_NAME } }),
    llm: {
      mode: c.WUYE_LLM_MODE,
      timeoutMs: c.WUYE_LLM_TIMEOUT,
      dailyCalls: c.WUYE_LLM_DAILY_CALLS,
      ...(c.WUYE_LLM_BASE_URL && { baseUrl: c.WUYE_LLM_BASE_URL }),
      ...(c.WUYE_LLM_API_KEY && { apiKey: c.WUYE_LLM_API_KEY }),
      ...(c.WUYE_LLM_MODEL && { model: c.WUYE_LLM_MODEL }),
    },
    ...(c.WECOM_CORP_ID && {
      wecom: {
        corpId: c.WECOM_CORP_ID,
        agentId: c.WECOM_AGENT_ID!,
        secret: c.WECOM_SECRET!,
        token: c.WECOM_TOKEN!,
        aesKey: c.WECOM_AES_KEY!,
        callbackPath: c.WECOM_CALLBACK_PATH,
        apiBase: c.WECOM_API_BASE,
      },
    }),
  };
}

/** Reads `.env` from the working directory into the environment, without overriding what is set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
