import type { ConversationEvent, FlowEffectParams } from '../../flows/events.js';
import type { EffectScope } from '../runtime/feature.js';
import type { Outbound } from '../runtime/outbound.js';
import { separator } from '../tickets/ticket-effects.js';
import type { Binder } from './binder.js';

/**
 * The binding check, and who hears of it: every chat binding and every attempt on someone else's
 * household reaches the desk (the household too), and so does each lock when it is placed.
 */
export function verifyBinding(
  binder: Binder,
  outbound: Outbound,
  request: FlowEffectParams['verifyBinding'],
  scope: EffectScope,
): ConversationEvent {
  const { wechatId } = scope.sender;
  const unit = request.unit;
  const outcome = binder.verify(wechatId, unit, request.last4, scope.at);
  const desk = (key: string, params: Record<string, string | number> = {}) =>
    outbound.notifyDesk({ key, params: { wechat: wechatId, unit, ...params } }, scope.at, unit);
  switch (outcome.kind) {
    case 'bound':
      desk('staff.binding_bound', { names: outcome.residents.map((r) => r.name).join(separator(outbound, scope.at)) });
      return { type: 'BINDING_RESULT', ok: true, locked: false };
    case 'contested':
      desk('staff.binding_contested', { holders: outcome.holders.join(separator(outbound, scope.at)) });
      for (const holder of outcome.holders) {
        outbound.say(holder, holder, { key: 'binding.someone_tried', params: { unit } }, scope.at, {
          proactive: 'security',
        });
      }
      return { type: 'BINDING_RESULT', ok: false, locked: false, contested: true };
    case 'failed':
      return { type: 'BINDING_RESULT', ok: false, locked: false };
    case 'locked':
      for (const placed of outcome.placed) {
        if (placed === 'id') outbound.notifyStaff(scope.sender, { key: 'staff.binding_locked' }, scope.at);
        else desk(placed === 'unit' ? 'staff.binding_unit_locked' : 'staff.binding_all_locked');
      }
      return { type: 'BINDING_RESULT', ok: false, locked: true };
  }
}
