import type { FlowEffectParams } from '../../flows/events.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Staff } from '../store/community-repo.js';
import type { Store } from '../store/store.js';

/**
 * Praise (表扬): modest thanks to the resident; the praise recorded for the staff member named, or
 * the one who handled the resident's latest ticket, counted in the report, and passed on to them.
 */
export class PraiseEffects {
  constructor(
    private readonly store: Store,
    private readonly outbound: Outbound,
  ) {}

  recordPraise(request: FlowEffectParams['recordPraise'], scope: EffectScope): void {
    const { staff, ticket } = this.praised(request.staff, scope.sender.wechatId);
    // Others praised in the same breath, each recorded and told as the first is.
    const others = (request.also ?? []).flatMap((name) => this.praised(name, scope.sender.wechatId).staff ?? []);
    const praised = [...new Map([staff, ...others].flatMap((s) => (s ? [[s.id, s] as const] : []))).values()];
    for (const s of praised.length > 0 ? praised : [undefined])
      this.store.events.record({
        at: scope.at,
        actor: scope.sender.wechatId,
        type: 'praise',
        ref: ticket ?? scope.sender.wechatId,
        data: { staff: s?.id ?? null, text: request.text },
      });
    if (praised.length === 0)
      return this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'reception.thanks' }, scope.at);
    const names = praised
      .map((s) => s.name)
      .join(this.outbound.render({ key: 'reception.name_joiner' }, scope.at).text);
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: 'reception.praise_thanks', params: { staff: names } },
      scope.at,
    );
    const who = this.outbound.describe(scope.sender);
    this.outbound.notifyStaffMembers(
      praised,
      { key: 'staff.praised', params: { who, text: request.text } },
      scope.at,
      ticket ?? scope.sender.wechatId,
    );
  }

  /** The one person named (two of the same name: nobody, rather than the wrong one), else the latest ticket's owner. */
  private praised(name: string | undefined, party: string): { staff?: Staff; ticket?: string } {
    if (name) {
      const named = this.store.community.staffByName(name);
      return named.length === 1 ? { staff: named[0]! } : {};
    }
    const latest = this.store.tickets.latestOwnedForParty(party);
    const staff = latest?.ownerId ? this.store.community.staffById(latest.ownerId) : undefined;
    return { ...(staff && { staff }), ...(latest && { ticket: latest.number }) };
  }
}
