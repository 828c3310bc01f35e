import type { Commitment } from '../store/commitment-repo.js';
import type { Store } from '../store/store.js';
import { formatIso, isoWeekOf } from '../domain/time.js';

/** One commitment as `wuye ledger --json` prints it (DESIGN §3). */
export interface LedgerEntry {
  id: number;
  kind: string;
  party: 'office' | 'resident';
  status: string;
  dueAt: string;
  unit: string | null;
  residentId: string | null;
  owner: string | null;
  ownerName: string | null;
  ticket: string | null;
  summary: string;
  overdue: boolean;
  createdAt: string;
  settledAt: string | null;
  escalationLevel: number;
}

/** Overdue first (open past due, then broken), then what falls due soonest, then the settled. */
function urgency(entry: LedgerEntry): number {
  if (entry.status === 'open' && entry.overdue) return 0;
  if (entry.status === 'broken') return 1;
  if (entry.status === 'open') return 2;
  return 3;
}

export function ledgerEntries(store: Store, now: number): LedgerEntry[] {
  const tickets = new Map<number, string>();
  const names = new Map<string, string>();
  const ticketNumber = (id: number | null) => {
    if (id === null) return null;
    if (!tickets.has(id)) tickets.set(id, store.tickets.byId(id)?.number ?? String(id));
    return tickets.get(id)!;
  };
  const staffName = (id: string | null) => {
    if (id === null) return null;
    if (!names.has(id)) names.set(id, store.community.staffById(id)?.name ?? id);
    return names.get(id)!;
  };
  return store.commitments
    .all()
    .map((c: Commitment) => ({
      id: c.id,
      kind: c.kind,
      party: c.party,
      status: c.status,
      dueAt: formatIso(c.dueAt),
      unit: c.unitId,
      residentId: c.residentId,
      owner: c.ownerId,
      ownerName: staffName(c.ownerId),
      ticket: ticketNumber(c.ticketId),
      summary: c.summary,
      overdue: c.status === 'open' && c.dueAt <= now,
      createdAt: formatIso(c.createdAt),
      settledAt: c.settledAt === null ? null : formatIso(c.settledAt),
      escalationLevel: c.escalationLevel,
    }))
    .sort((a, b) => urgency(a) - urgency(b) || a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
}

export interface KeptFigures {
  /** Promises whose outcome is known: kept or broken. */
  settled: number;
  kept: number;
  broken: number;
  /** Kept as a share of kept + broken, in percent; null with nothing settled. */
  keptPercent: number | null;
}

export interface PromiseReport {
  /** How finished complaints ended: the resident satisfied, not satisfied, or no answer (closed unconfirmed). */
  complaints: { satisfied: number; notSatisfied: number; resolvedUnconfirmed: number };
  overall: KeptFigures;
  open: number;
  byKind: Record<string, KeptFigures>;
  byStaff: Record<string, KeptFigures>;
  /** By the ISO week (Shanghai) the promise fell due in, e.g. 2026-W48. */
  byWeek: Record<string, KeptFigures>;
  /** Praise residents gave, by the staff member praised ('-': the office as a whole). */
  praise: Record<string, number>;
}

const empty = (): KeptFigures => ({ settled: 0, kept: 0, broken: 0, keptPercent: null });

function add(figures: KeptFigures, status: string): void {
  if (status !== 'kept' && status !== 'broken') return;
  figures.settled += 1;
  figures[status] += 1;
  figures.keptPercent = Math.round((figures.kept / figures.settled) * 1000) / 10;
}

/**
 * Promises the office made, kept on time or broken. A promise is kept only when it was kept by
 * its due time: the ladder marks it broken at the deadline, so a late fulfilment stays broken.
 */
export function promiseReport(store: Store): PromiseReport {
  const report: PromiseReport = {
    complaints: { satisfied: 0, notSatisfied: 0, resolvedUnconfirmed: 0 },
    overall: empty(),
    open: 0,
    byKind: {},
    byStaff: {},
    byWeek: {},
    praise: {},
  };
  for (const e of store.events.ofTypes(['praise'])) {
    const id = (e.data as { staff: string | null }).staff;
    const name = id ? (store.community.staffById(id)?.name ?? id) : '-';
    report.praise[name] = (report.praise[name] ?? 0) + 1;
  }
  for (const e of store.events.ofTypes(['complaint_verdict', 'resolved_unconfirmed'])) {
    if (e.type === 'resolved_unconfirmed') report.complaints.resolvedUnconfirmed += 1;
    else if ((e.data as { satisfied: boolean }).satisfied) report.complaints.satisfied += 1;
    else report.complaints.notSatisfied += 1;
  }
  for (const c of store.commitments.all()) {
    if (c.party !== 'office') continue;
    if (c.status === 'open') report.open += 1;
    const owner = c.ownerId ? (store.community.staffById(c.ownerId)?.name ?? c.ownerId) : '-';
    const { year, week: weekNumber } = isoWeekOf(c.dueAt);
    const week = `${year}-W${String(weekNumber).padStart(2, '0')}`;
    for (const figures of [
      report.overall,
      (report.byKind[c.kind] ??= empty()),
      (report.byStaff[owner] ??= empty()),
      (report.byWeek[week] ??= empty()),
    ]) {
      add(figures, c.status);
    }
  }
  return report;
}
