import type { z } from 'zod';
import { settingsSchema } from './config-schema.js';

/** The README's settings table, made from the schema (`npm run docs:settings` prints it). */
export function settingsMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = settingsTable().map(
    (s) => `| \`${s.name}\` | ${s.default === undefined ? 'unset' : `\`${cell(s.default)}\``} | ${cell(s.meaning)} |`,
  );
  return ['| setting | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** One row per setting, from the schema: its name, its default as written in `.env`, its meaning. */
export function settingsTable(): Array<{ name: string; default?: string; meaning: string }> {
  return Object.entries(settingsSchema.shape).map(([name, type]) => {
    const fallback = defaultOf(type);
    return { name, ...(fallback !== undefined && { default: String(fallback) }), meaning: type.description ?? '' };
  });
}

/** The default a setting's type declares, however it is wrapped (a pipe, a transform). */
function defaultOf(type: z.ZodType): unknown {
  type Def = { type: string; defaultValue?: unknown; in?: z.ZodType; innerType?: z.ZodType };
  for (let def = type._zod.def as Def | undefined; def; def = (def.in ?? def.innerType)?._zod.def as Def | undefined) {
    if (def.type === 'default') return def.defaultValue;
  }
  return undefined;
}
