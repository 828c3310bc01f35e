import { z } from 'zod';
import { durationText } from './domain/schemas.js';
import { parseTimeout } from './nlu/llm/settings.js';

// Each schema here and in the data files is used once at start: compiling it to a fast parser first (zod's
// default) cost about 20 ms of every start and gained nothing. Set here because `wuye` reads its settings first.
z.config({ jitless: true });

/** Every setting, from the environment (and `.env` when present). `.env.example` documents each. */
/** "21:00-08:30,12:00-14:00": wall-clock windows (Shanghai), each may wrap midnight. */
function wallClockWindows(text: string, ctx: z.RefinementCtx): Array<{ start: string; end: string }> {
  const windows = text.split(',').map((w) => /^\s*(\d{2}:\d{2})-(\d{2}:\d{2})\s*$/.exec(w));
  if (windows.some((m) => m === null)) {
    ctx.addIssue({ code: 'custom', message: `quiet hours are HH:MM-HH:MM, comma separated: ${text}` });
    return z.NEVER;
  }
  return windows.map((m) => ({ start: m![1]!, end: m![2]! }));
}

export const settingsSchema = z.object({
  WUYE_DB: z
    .string()
    .min(1)
    .default('data/wuye.db')
    .describe('SQLite database file (created, migrated, seeded when empty)'),
  WUYE_BOT_ID: z.string().min(1).default('wuye-bot').describe("the bot's own wechat id; its echoes are dropped"),
  WUYE_STAFF_ROOM: z.string().optional().describe('room for staff notifications; unset: the service desk privately'),
  WUYE_IDLE_CLOSE: z
    .string()
    .default('2h')
    .pipe(durationText)
    .describe('silence after which a conversation closes with the farewell'),
  WUYE_BINDING_LOCK: z
    .string()
    .default('6h')
    .pipe(durationText)
    .describe(
      'how long chat binding is locked: for a wechat id after three failed tries in a row, for a unit after five ' +
        'on it from any ids, for everyone after thirty in all',
    ),
  WUYE_SEND_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(20)
    .describe('proactive messages (reminders, notices) per minute, at most 30'),
  WUYE_SEND_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1000)
    .describe("proactive messages in any sliding hour, at most 1,000 (WeCom's limit per member)"),
  WUYE_SEND_PER_DAY: z.coerce
    .number()
    .int()
    .min(1)
    .default(500)
    .describe('proactive messages per day; the rest wait for tomorrow'),
  WUYE_QUIET_HOURS: z
    .string()
    .default('21:00-08:30,12:00-14:00')
    .transform(wallClockWindows)
    .describe('windows in which proactive messages wait (replies never do)'),
  WUYE_STAFF_NIGHT: z
    .string()
    .default('22:00-07:00')
    .transform(wallClockWindows)
    .describe("staff's night: a notice about a matter that can wait reaches staff after it (emergencies never wait)"),
  WUYE_ARREARS_REMINDER_DAY: z.coerce
    .number()
    .int()
    .min(0)
    .max(28)
    .default(0)
    .describe('day of the month (1–28) the arrears reminders go out at 10:00; 0: only by hand'),
  WUYE_SEED_SAMPLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('fill an empty database with data/sample/ (never when WeCom or Wechaty is configured)'),
  WUYE_CONSOLE_AS: z.string().min(1).default('wx_zhangwei').describe('whom the terminal chat speaks as at first'),
  WUYE_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('warn')
    .describe('JSON logs on stderr'),
  WUYE_HTTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3000)
    .describe(
      'HTTP server of `npm start`: the WeCom callback, and the console and simulator unless WUYE_CONSOLE_PORT is set',
    ),
  WUYE_HTTP_HOST: z
    .string()
    .min(1)
    .optional()
    .describe('where that port listens; unset: 127.0.0.1 with the simulator, else every interface'),
  WUYE_CONSOLE_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe('the console (and simulator) on a port of their own, apart from the public callback'),
  WUYE_CONSOLE_HOST: z.string().min(1).optional().describe('where the console port listens; unset: as WUYE_HTTP_HOST'),
  WUYE_SIMULATOR: z
    .enum(['true', 'false', 'force'])
    .default('true')
    .describe('the web simulator, on the demo database only; false: off; force: also on a database with real people'),
  WUYE_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe(
      'true behind a reverse proxy: believe its X-Forwarded-Proto (Secure cookie) and X-Forwarded-For ' +
        '(throttling, logs)',
    ),
  WUYE_LATE_REPLY_AFTER: z
    .string()
    .default('5m')
    .pipe(durationText)
    .describe('a message delivered this late is answered with an apology first'),
  WUYE_STALE_AFTER: z
    .string()
    .default('1d')
    .pipe(durationText)
    .describe('a message delivered this late goes to staff instead of a stale answer'),
  WUYE_MEDIA_DIR: z
    .string()
    .min(1)
    .default('data/media')
    .describe('photos and files residents send (evidence on their tickets)'),
  WUYE_BOT_NAME: z.string().min(1).optional().describe("the bot's name in rooms, for @mentions (Wechaty)"),
  WECHATY_PUPPET: z
    .string()
    .min(1)
    .optional()
    .describe('personal WeChat through Wechaty: the puppet (WECHATY_PUPPET_SERVICE_TOKEN as Wechaty reads it)'),
  WECHATY_NAME: z.string().min(1).default('data/wechaty').describe('where Wechaty keeps its login session'),
  WECOM_CORP_ID: z
    .string()
    .min(1)
    .optional()
    .describe(
      'the official WeCom app and its customer service (kf): the corp id (the rest of WECOM_* are then needed)',
    ),
  WECOM_AGENT_ID: z.coerce.number().int().optional().describe("the WeCom app's agent id"),
  WECOM_SECRET: z.string().min(1).optional().describe("the WeCom app's secret"),
  WECOM_TOKEN: z.string().min(1).optional().describe("the callback's Token"),
  WECOM_AES_KEY: z
    .string()
    .length(43, 'EncodingAESKey has 43 characters')
    .optional()
    .describe("the callback's EncodingAESKey (43 characters)"),
  WECOM_CALLBACK_PATH: z
    .string()
    .startsWith('/')
    .default('/wecom/callback')
    .describe('the callback URL path set in the WeCom admin console'),
  WECOM_API_BASE: z
    .url()
    .default('https://qyapi.weixin.qq.com')
    .describe("WeCom's API (a proxy or a test server may stand in)"),
  WUYE_LLM_MODE: z
    .enum(['off', 'fallback', 'always'])
    .default('off')
    .describe(
      'a language model as a second opinion on what residents mean: off, fallback (asked only when the offline ' +
        'reading is unsure), always',
    ),
  WUYE_LLM_BASE_URL: z
    .url()
    .optional()
    .describe('an OpenAI-compatible endpoint (…/v1; /chat/completions is added); needed once the mode is on'),
  WUYE_LLM_API_KEY: z.string().min(1).optional().describe("the endpoint's key"),
  WUYE_LLM_MODEL: z.string().min(1).optional().describe('the model; needed once the mode is on'),
  WUYE_LLM_TIMEOUT: z
    .string()
    .default('2s')
    .transform(
      (text, ctx) =>
        parseTimeout(text) ??
        (ctx.addIssue({ code: 'custom', message: `a timeout is 2s or 1500ms: ${text}` }), z.NEVER),
    )
    .describe('how long a turn waits for the model (2s, 1500ms)'),
  WUYE_LLM_DAILY_CALLS: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('calls per day at most (Asia/Shanghai); 0: no limit'),
});
