import { settingsTable } from './config.js';

/** The README's settings table, made from the schema (`npm run docs:settings` prints it). */
export function settingsMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = settingsTable().map(
    (s) => `| \`${s.name}\` | ${s.default === undefined ? 'unset' : `\`${cell(s.default)}\``} | ${cell(s.meaning)} |`,
  );
  return ['| setting | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
