import { existsSync } from 'node:fs';
import { z } from 'zod';
import { durationText } from './domain/schemas.js';

/** Every setting, from the environment (and `.env` when present). `.env.example` documents each. */
const schema = z.object({
  WUYE_DB: z.string().min(1).default('data/wuye.db'),
  WUYE_BOT_ID: z.string().min(1).default('wuye-bot'),
  WUYE_STAFF_ROOM: z.string().optional(),
  WUYE_IDLE_CLOSE: z.string().default('2h').pipe(durationText),
  WUYE_BINDING_LOCK: z.string().default('6h').pipe(durationText),
  WUYE_SEED_SAMPLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  WUYE_CONSOLE_AS: z.string().min(1).default('wx_zhangwei'),
  WUYE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface Config {
  db: string;
  botId: string;
  staffRoom?: string;
  idleCloseMs: number;
  bindingLockMs: number;
  seedSample: boolean;
  consoleAs: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`bad setting ${first.path.join('.')}: ${first.message}`);
  }
  const c = parsed.data;
  return {
    db: c.WUYE_DB,
    botId: c.WUYE_BOT_ID,
    ...(c.WUYE_STAFF_ROOM && { staffRoom: c.WUYE_STAFF_ROOM }),
    idleCloseMs: c.WUYE_IDLE_CLOSE,
    bindingLockMs: c.WUYE_BINDING_LOCK,
    seedSample: c.WUYE_SEED_SAMPLE,
    consoleAs: c.WUYE_CONSOLE_AS,
    logLevel: c.WUYE_LOG_LEVEL,
  };
}

/** Reads `.env` from the working directory into the environment, without overriding what is set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
