import type { Config } from '../config.js';
import type { SecondOpinionFactory } from '../nlu/llm/load.js';
import type { CoreOptions } from './core.js';

/** The settings of `createApp` that come from the configuration (src/config-schema.ts). */
export interface AppSettings {
  botId: string;
  idleCloseMs: number;
  governor: CoreOptions['governor'];
  /** Day of the month for the arrears reminders; 0: none scheduled. */
  arrearsReminderDay: number;
  /** How long binding stays locked for a wechat id after three failed tries. */
  bindingLockMs: number;
  /** A message delivered this late gets an apology first; this late, it goes to staff (a backlog after re-login). */
  lateReplyAfterMs: number;
  staleAfterMs: number;
  staffRoom?: string;
}

/** What the app runs on, and any settings that differ from the schema's defaults. */
export type AppOptions = Omit<CoreOptions, keyof AppSettings> &
  Partial<AppSettings> & {
    /** The language model as a second opinion (WUYE_LLM_MODE), loaded only when it is on (`loadSecondOpinion`). */
    secondOpinion?: SecondOpinionFactory;
  };

export function settingsFrom(config: Config): AppSettings {
  return {
    botId: config.botId,
    idleCloseMs: config.idleCloseMs,
    bindingLockMs: config.bindingLockMs,
    governor: config.governor,
    arrearsReminderDay: config.arrearsReminderDay,
    lateReplyAfterMs: config.lateReplyAfterMs,
    staleAfterMs: config.staleAfterMs,
    ...(config.staffRoom && { staffRoom: config.staffRoom }),
  };
}
