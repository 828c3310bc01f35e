import { formatIso } from '../../src/domain/time.js';
import type { Step } from './dialogue-schema.js';
import type { DialogueResult } from './dialogue-runner.js';
import { happened, staffLabel } from './judge.js';

/** Scores and readable misses for `npm run eval:dialogues`. */

export interface CategoryScore {
  category: string;
  dialogues: number;
  handled: number;
  harnessErrors: number;
}

export const handled = (r: DialogueResult) => !r.harnessError && !r.malformed && r.misses.length === 0;

/**
 * Per category and overall. A dialogue the harness could not play counts as not handled (the
 * share is a floor) and is counted apart; a malformed one is left out (the set is at fault).
 */
export function scores(results: readonly DialogueResult[]): { byCategory: CategoryScore[]; overall: CategoryScore } {
  const rows = new Map<string, CategoryScore>();
  const overall: CategoryScore = { category: 'overall', dialogues: 0, handled: 0, harnessErrors: 0 };
  for (const r of results) {
    if (r.malformed) continue;
    const row = rows.get(r.dialogue.category) ?? {
      category: r.dialogue.category,
      dialogues: 0,
      handled: 0,
      harnessErrors: 0,
    };
    rows.set(r.dialogue.category, row);
    for (const s of [row, overall]) {
      s.dialogues += 1;
      if (handled(r)) s.handled += 1;
      if (r.harnessError) s.harnessErrors += 1;
    }
  }
  return { byCategory: [...rows.values()].sort((a, b) => a.category.localeCompare(b.category)), overall };
}

const pct = (s: CategoryScore) => (s.dialogues === 0 ? '-' : `${((100 * s.handled) / s.dialogues).toFixed(1)}%`);

export function formatScores(title: string, s: ReturnType<typeof scores>): string {
  const line = (c: CategoryScore) =>
    `  ${c.category.padEnd(12)} ${pct(c).padStart(6)}  ${String(c.handled).padStart(4)} of ${String(c.dialogues).padEnd(4)}${c.harnessErrors ? `  (${c.harnessErrors} harness error${c.harnessErrors > 1 ? 's' : ''})` : ''}`;
  return [title, ...s.byCategory.map(line), line(s.overall)].join('\n');
}

function describeStep(step: Step): string {
  if ('say' in step) return `say "${step.say}"`;
  if ('send' in step) return `send ${step.send}`;
  if ('advance' in step) return `advance ${step.advance}`;
  if ('at' in step) return `at ${step.at}`;
  return `staff ${step.staff.who}: "${step.staff.text}"`;
}

/** One dialogue's verdict: nothing when handled, else each miss under the step it belongs to. */
export function formatMisses(r: DialogueResult): string {
  const head = `✗ ${r.dialogue.id} (${r.dialogue.category}) — ${r.dialogue.note ?? ''}`;
  if (r.malformed) return `${head}\n    MALFORMED: ${r.malformed.join('; ')}`;
  if (r.harnessError) return `${head}\n    HARNESS ERROR: ${r.harnessError}`;
  const lines = [head];
  for (const index of [...new Set(r.misses.map((m) => m.step))]) {
    const record = r.records.find((x) => x.index === index);
    lines.push(record ? `    step ${index} ${describeStep(record.step)}\n      → ${happened(record)}` : '    outcome');
    for (const m of r.misses.filter((x) => x.step === index)) lines.push(`      ✗ ${m.expected} — ${m.got}`);
  }
  return lines.join('\n');
}

/** Everything said in a dialogue, step by step (`--id`). */
export function formatTranscript(r: DialogueResult): string {
  const lines = [
    `${r.dialogue.id} (${r.dialogue.category}) — ${r.dialogue.note ?? ''}`,
    `start ${r.dialogue.start}, resident ${r.dialogue.resident}`,
  ];
  if (r.givenTickets?.length) lines.push(`givens made: ${r.givenTickets.join('; ')}`);
  for (const record of r.records) {
    lines.push(`\n[${record.index}] ${describeStep(record.step)}`);
    for (const m of record.toResident)
      lines.push(
        `  bot → resident ${formatIso(m.at).slice(5, 16)} [${m.keys.join(', ')}]\n    ${m.text.replace(/\n/g, '\n    ')}`,
      );
    for (const m of record.toAuthor) lines.push(`  bot → the author [${m.keys.join(', ')}] ${m.text.split('\n')[0]}`);
    for (const t of record.toStaff)
      lines.push(`  bot → ${staffLabel(t.staff)} [${t.sent.keys.join(', ')}] ${t.sent.text.split('\n')[0]}`);
    for (const t of record.newTickets) lines.push(`  new ticket ${t.number} ${t.type}/${t.category}`);
    for (const e of record.errors) lines.push(`  ERROR ${e}`);
    if (record.unplayable) lines.push(`  NOT PLAYED: ${record.unplayable}`);
  }
  lines.push('', r.misses.length === 0 && !r.harnessError && !r.malformed ? '✓ handled' : formatMisses(r));
  return lines.join('\n');
}
