/** What the bot is built from: the store, the clock, the understander, the runner, and the rest it is given. */
import type { Logger } from '../log.js';
import type { Understander } from '../nlu/understander.js';
import type { SecondOpinion } from '../nlu/llm/second-opinion.js';
import type { Binder } from '../identity/binder.js';
import type { TimerHandlers } from './feature.js';
import type { StaffCommands } from '../staff/commands.js';
import type { Store } from '../store/store.js';
import type { Clock } from '../domain/clock.js';
import type { ConversationRunner } from './conversation-runner.js';
import type { Outbound } from './outbound.js';
import type { OutboxDispatcher } from './outbox-dispatcher.js';
import type { FailedTurns } from './failed-turns.js';

export interface BotDeps {
  store: Store;
  clock: Clock;
  understander: Understander;
  /** Consultations answered with one voice: each question is matched against it as it is understood. */
  knowledge?: { match(text: string): string | undefined; answersBeside?(id: string, intent: string): boolean };
  commands: StaffCommands;
  runner: ConversationRunner;
  outbound: Outbound;
  dispatcher: OutboxDispatcher;
  /** What a resident's turn that failed still owes them: the desk told, a callback promised. */
  failures: FailedTurns;
  log: Logger;
  binder: Binder;
  /** What each feature's timers do when they fire (visit reminders, complaint follow-ups, campaigns). */
  timers: Partial<TimerHandlers>;
  /** What each menu button stands for (a tap comes back as its id). */
  choices?: { replyFor(id: string): string | undefined };
  /** The bot's own wechat id: its own messages echo back on some platforms and must be dropped. */
  selfId: string;
  /** The staff room's id: commands work there; every other room is residents' (building groups). */
  staffRoom?: string;
  /** A language model asked, before the turn's transaction, when the offline reading is unsure (WUYE_LLM_MODE). */
  secondOpinion?: SecondOpinion;
  /** A message the platform delivers this late (a backlog after re-login) is answered with an apology first… */
  lateReplyAfterMs: number;
  /** …and one this late goes to staff instead of getting a stale answer from the bot. */
  staleAfterMs: number;
}
