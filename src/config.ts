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
  WUYE_SEND_PER_MINUTE: z.coerce.number().int().min(1).max(30).default(20),
  WUYE_SEND_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(1000),
  WUYE_SEND_PER_DAY: z.coerce.number().int().min(1).default(500),
  WUYE_QUIET_HOURS: z
    .string()
    .default('21:00-08:30,12:00-14:00')
    .transform((text, ctx) => {
      const windows = text.split(',').map((w) => /^\s*(\d{2}:\d{2})-(\d{2}:\d{2})\s*$/.exec(w));
      if (windows.some((m) => m === null)) {
        ctx.addIssue({ code: 'custom', message: `quiet hours are HH:MM-HH:MM, comma separated: ${text}` });
        return z.NEVER;
      }
      return windows.map((m) => ({ start: m![1]!, end: m![2]! }));
    }),
  WUYE_ARREARS_REMINDER_DAY: z.coerce.number().int().min(0).max(28).default(0),
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
  governor: { perMinute: number; perHour: number; perDay: number; quiet: Array<{ start: string; end: string }> };
  /** Day of the month (1–28) the arrears reminders go out; 0: only by `wuye remind arrears`. */
  arrearsReminderDay: number;
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
    arrearsReminderDay: c.WUYE_ARREARS_REMINDER_DAY,
    governor: { perMinute: c.WUYE_SEND_PER_MINUTE, perHour: c.WUYE_SEND_PER_HOUR, perDay: c.WUYE_SEND_PER_DAY, quiet: c.WUYE_QUIET_HOURS },
    seedSample: c.WUYE_SEED_SAMPLE,
    consoleAs: c.WUYE_CONSOLE_AS,
    logLevel: c.WUYE_LOG_LEVEL,
  };
}

/** Reads `.env` from the working directory into the environment, without overriding what is set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
