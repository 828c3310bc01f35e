import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Binder } from '../identity/binder.js';
import { parseUnit } from '../domain/unit.js';
import { CommandRefusal, type CommandContext } from './command-context.js';

/** #绑定 and #解绑: the desk binds a resident it has checked in person, or unties a wechat id. */
export class IdentityCommands {
  constructor(private readonly binder: Binder) {}

  /** #绑定 <wechat id> <unit> <last four digits of the registered phone> */
  bind(ctx: CommandContext): PhraseRef {
    const [wechatId, unitText, last4] = ctx.args;
    const unit = unitText ? parseUnit(unitText) : undefined;
    if (!wechatId || !unit || !last4 || !/^\d{4}$/.test(last4))
      throw new CommandRefusal({ key: 'staff.usage.bind', params: { word: ctx.word } });
    const bound = this.binder.bindByStaff(wechatId, unit.id, last4, ctx.staff.id, ctx.at);
    if (bound.length === 0)
      throw new CommandRefusal({ key: 'staff.refused.no_such_resident', params: { unit: unit.id } });
    return { key: 'staff.reply.bound', params: { wechat: wechatId, unit: unit.id, count: bound.length } };
  }

  /** #解绑 <wechat id> [unit] */
  unbind(ctx: CommandContext): PhraseRef {
    const [wechatId, unitText] = ctx.args;
    const unit = unitText ? parseUnit(unitText) : undefined;
    if (!wechatId || (unitText && !unit))
      throw new CommandRefusal({ key: 'staff.usage.unbind', params: { word: ctx.word } });
    const changed = this.binder.unbind(wechatId, ctx.staff.id, ctx.at, unit?.id);
    if (changed === 0) throw new CommandRefusal({ key: 'staff.refused.not_bound', params: { wechat: wechatId } });
    return { key: 'staff.reply.unbound', params: { wechat: wechatId, count: changed } };
  }
}
