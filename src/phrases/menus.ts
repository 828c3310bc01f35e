import { z } from 'zod';
import type { PhraseRef } from './phrase-ref.js';
import type { RichContent } from '../domain/messages.js';
import { readYaml } from '../domain/data-file.js';
import { dataPath } from '../domain/data-path.js';

const choice = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  label: z.string(),
  reply: z.union([z.string(), z.number()]).transform(String),
});
const menu = z.object({ head: z.string(), tail: z.string().optional(), choices: z.array(choice).min(1).max(10) });
const schema = z.object({
  menus: z.record(z.string(), menu).default({}),
  cards: z.record(z.string(), z.array(z.string()).min(1)).default({}),
});

/** Where a card's words are in the phrase catalog: its title, a button per command, the outcome of a press. */
export const CARD = 'staff.card';

export type MenuSpec = z.infer<typeof menu>;

/**
 * The choices messages offer and the cards staff notices become (`data/menus.zh-CN.yaml`), by phrase
 * key. The flows keep saying their phrases; a platform that shows buttons shows these with them,
 * and a tap comes back as the reply it stands for, read exactly as if it had been typed.
 */
export class Menus {
  private readonly replies = new Map<string, string>();

  constructor(private readonly spec: z.infer<typeof schema>) {
    for (const [key, m] of Object.entries(spec.menus)) {
      for (const c of m.choices) {
        const known = this.replies.get(c.id);
        // One id, one meaning: a tap on an old message must not mean something else now.
        if (known !== undefined && known !== c.reply)
          throw new Error(`menu choice ${c.id} (${key}) stands for two replies`);
        this.replies.set(c.id, c.reply);
      }
    }
  }

  static load(file = dataPath('menus.zh-CN.yaml')): Menus {
    return new Menus(schema.parse(readYaml(file)));
  }

  /** What a tapped button stands for; undefined for an id no menu has (an old or forged one). */
  replyFor(id: string): string | undefined {
    return this.replies.get(id);
  }

  menuFor(key: string): MenuSpec | undefined {
    return this.spec.menus[key];
  }

  /** Every phrase key named here (`wuye check` and the tests want each to exist). */
  phraseKeys(): string[] {
    const menus = Object.values(this.spec.menus);
    const cards = this.cardCommands().flatMap((c) => [`${CARD}.button.${c}`, `${CARD}.outcome.${c}`]);
    return [
      ...Object.keys(this.spec.menus),
      ...Object.keys(this.spec.cards),
      ...menus.flatMap((m) => [m.head, ...(m.tail ? [m.tail] : []), ...m.choices.map((c) => c.label)]),
      ...cards,
    ];
  }

  cardCommands(): string[] {
    return [...new Set(Object.values(this.spec.cards).flat())];
  }

  /**
   * What a message made of `refs` may show beyond its text. The last phrase with choices gives the
   * buttons; what is said before it goes above them, what after it below. `render` renders a
   * phrase with the parameters and promised times of the ref it belongs to.
   */
  rich(refs: PhraseRef[], render: (ref: PhraseRef) => string, forStaff: boolean): RichContent {
    const keys = refs.map((r) => r.key);
    if (forStaff) {
      const carded = refs.find((r) => this.spec.cards[r.key] && typeof r.params?.ticket === 'string');
      if (!carded) return { keys };
      const commands = this.spec.cards[carded.key]!;
      const buttons = commands.map((c) => ({ id: c, label: render({ key: `${CARD}.button.${c}` }) }));
      const title = render({ key: `${CARD}.title`, params: { ticket: carded.params!.ticket as string } });
      return { keys, card: { ticket: carded.params!.ticket as string, commands, title, buttons } };
    }
    let at = keys.length - 1;
    while (at >= 0 && this.spec.menus[keys[at]!] === undefined) at--;
    if (at < 0) return { keys };
    const spec = this.spec.menus[keys[at]!]!;
    const ref = refs[at]!;
    const as = (key: string) => render({ ...ref, key });
    const head = [...refs.slice(0, at).map(render), as(spec.head)].join('\n');
    const tail = [...(spec.tail ? [as(spec.tail)] : []), ...refs.slice(at + 1).map(render)].join('\n');
    return {
      keys,
      menu: { head, choices: spec.choices.map((c) => ({ id: c.id, label: as(c.label) })), ...(tail && { tail }) },
    };
  }
}
