import type { PhraseCatalog, PhraseParams } from '../phrases/catalog.js';
import type { Store } from '../store/store.js';
import type { Sender } from './identity.js';

export interface OutboundConfig {
  /** Room where staff notifications go; without one they go to each service-desk member privately. */
  staffRoom?: string;
}

/**
 * Writes what the bot will say: rendered from the catalog, into the outbox (which is also the outbound log).
 * Callers run it inside the transaction of the turn that caused it, so a reply exists exactly when
 * the turn committed; the dispatcher sends it afterwards.
 */
export class Outbound {
  constructor(
    private readonly store: Store,
    private readonly phrases: PhraseCatalog,
    private readonly config: OutboundConfig,
  ) {}

  say(to: string, conversationKey: string, key: string, params: PhraseParams | undefined, at: number): void {
    this.enqueue(to, this.phrases.render(key, params), conversationKey, at);
  }

  /** Tells the service desk, naming the resident; falls back up the ladder when nobody is on the desk. */
  notifyStaff(sender: Sender, key: string, params: PhraseParams | undefined, at: number): void {
    const text = this.phrases.render(key, { ...params, who: this.describe(sender) });
    const recipients = this.staffRecipients();
    if (recipients.length === 0) {
      this.store.events.record({ at, actor: 'bot', type: 'notify_unrouted', ref: sender.wechatId, data: { text } });
      return;
    }
    for (const to of recipients) this.enqueue(to, text, null, at);
  }

  enqueue(to: string, text: string, conversationKey: string | null, at: number): void {
    this.store.outbox.enqueue(to, text, conversationKey, at);
  }

  private staffRecipients(): string[] {
    if (this.config.staffRoom) return [this.config.staffRoom];
    for (const role of ['service', 'supervisor', 'manager'] as const) {
      const ids = this.store.community
        .staffByRole(role)
        .map((s) => s.wechatId)
        .filter((id): id is string => id !== null);
      if (ids.length > 0) return ids;
    }
    return [];
  }

  private describe(sender: Sender): string {
    if (sender.kind === 'resident') {
      const first = sender.residents[0]!;
      return this.phrases.render('staff.who.resident', { name: first.name, units: sender.residents.map((r) => r.unitId).join(this.phrases.render('common.list_separator')) });
    }
    return this.phrases.render('staff.who.unknown', { party: sender.wechatId });
  }
}
