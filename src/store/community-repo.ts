import type { Db } from './db.js';
import type { OtherWriters } from './earliest-due.js';
import type { Unit } from '../domain/unit.js';
import type {
  ArrearsItem,
  Resident,
  SaveOutcome,
  Staff,
  StaffName,
  StaffRole,
  StaffWithProfile,
  WorkProfile,
} from './community-types.js';

// Importers of the repository find its types here too.
export type { ArrearsItem, Resident, Staff, StaffName, StaffRole } from './community-types.js';

type Row = Record<string, unknown>;

const toArrears = (r: Row): ArrearsItem => ({
  unitId: r.unit_id as string,
  item: r.item as string,
  period: r.period as string,
  amountFen: r.amount_fen as number,
});

const toResident = (r: Row): Resident => ({
  id: r.id as string,
  name: r.name as string,
  phone: r.phone as string,
  unitId: r.unit_id as string,
  wechatId: (r.wechat_id as string | null) ?? null,
});

const toStaff = (r: Row): Staff => ({
  id: r.id as string,
  name: r.name as string,
  role: r.role as StaffRole,
  wechatId: (r.wechat_id as string | null) ?? null,
  phone: r.phone as string,
});

const jsonOrNull = <T>(value: unknown): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : null);

const toProfile = (r: Row): WorkProfile => ({
  skills: jsonOrNull<string[]>(r.skills),
  weekdays: jsonOrNull<number[]>(r.weekdays),
  onCall: r.on_call === null || r.on_call === undefined ? null : r.on_call === 1,
});

const profileColumns = (p: WorkProfile) => ({
  skills: p.skills && JSON.stringify(p.skills),
  weekdays: p.weekdays && JSON.stringify(p.weekdays),
  onCall: p.onCall === null ? null : Number(p.onCall),
});

const sameProfile = (a: WorkProfile, b: WorkProfile) =>
  JSON.stringify(profileColumns(a)) === JSON.stringify(profileColumns(b));

/** Wechat ids whose residents are kept in memory at once; past it the cache starts again (a crowd of strangers). */
const WHO_CACHED = 20_000;

/**
 * Who a wechat id is and the names residents may mention, asked by every message and changed only by
 * an import, a binding or a command: kept in memory, each read frozen (shared by every caller), and
 * forgotten at each change (`changed`, called by every write below and by the store when a transaction
 * is rolled back) and when another process has committed (a `wuye import` beside the running bot).
 */
class WhoIsWho {
  readonly staffByWechat = new Map<string, Staff | undefined>();
  readonly residentsByWechat = new Map<string, readonly Resident[]>();
  staffNames: readonly StaffName[] | undefined;

  constructor(private readonly others: OtherWriters | undefined) {}

  /** Before each read: what another connection wrote makes everything be looked up again. */
  fresh(): this {
    if (this.others?.wrote(this)) this.forget();
    return this;
  }

  forget(): void {
    this.staffByWechat.clear();
    this.residentsByWechat.clear();
    this.staffNames = undefined;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= WHO_CACHED) map.clear();
  map.set(key, value);
  return value;
}

/** Units, residents, staff and arrears: the office's own records, as imported from its spreadsheets. */
export class CommunityRepo {
  private readonly stmts;
  private readonly who: WhoIsWho;

  constructor(db: Db, others?: OtherWriters) {
    this.who = new WhoIsWho(others);
    this.stmts = {
      upsertUnit: db.prepare(
        `INSERT INTO units (id, building, entrance, room) VALUES (@id, @building, @entrance, @room)
         ON CONFLICT(id) DO NOTHING`,
      ),
      getResident: db.prepare('SELECT * FROM residents WHERE id = ?'),
      upsertResident: db.prepare(
        `INSERT INTO residents (id, name, phone, unit_id, wechat_id) VALUES (@id, @name, @phone, @unitId, @wechatId)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, phone = excluded.phone,
           unit_id = excluded.unit_id, wechat_id = COALESCE(excluded.wechat_id, residents.wechat_id)`,
      ),
      residentsByWechat: db.prepare('SELECT * FROM residents WHERE wechat_id = ? ORDER BY id'),
      getStaff: db.prepare('SELECT * FROM staff WHERE id = ?'),
      // Someone who left and is in the office's file again is back.
      upsertStaff: db.prepare(
        `INSERT INTO staff (id, name, role, wechat_id, phone) VALUES (@id, @name, @role, @wechatId, @phone)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,
           wechat_id = excluded.wechat_id, phone = excluded.phone, left_at = NULL`,
      ),
      activeStaff: db.prepare('SELECT * FROM staff WHERE id = ? AND left_at IS NULL'),
      leave: db.prepare('UPDATE staff SET left_at = ? WHERE id = ? AND left_at IS NULL'),
      setProfile: db.prepare(
        'UPDATE staff SET skills = @skills, weekdays = @weekdays, on_call = @onCall WHERE id = @id',
      ),
      // Staff who left are in none of these: nobody messages, assigns or recognises them any more.
      allStaff: db.prepare('SELECT * FROM staff WHERE left_at IS NULL ORDER BY id'),
      staffByWechat: db.prepare('SELECT * FROM staff WHERE wechat_id = ? AND left_at IS NULL'),
      staffByName: db.prepare('SELECT * FROM staff WHERE name = ? AND left_at IS NULL ORDER BY id'),
      staffNames: db.prepare('SELECT DISTINCT name, role FROM staff WHERE left_at IS NULL'),
      staffByRole: db.prepare('SELECT * FROM staff WHERE role = ? AND left_at IS NULL ORDER BY id'),
      upsertArrears: db.prepare(
        `INSERT INTO arrears (unit_id, item, period, amount_fen) VALUES (@unitId, @item, @period, @amountFen)
         ON CONFLICT(unit_id, item, period) DO UPDATE SET amount_fen = excluded.amount_fen
         WHERE amount_fen <> excluded.amount_fen`,
      ),
      arrearsRows: db.prepare('SELECT count(*) FROM arrears').pluck(),
      residentsOfUnit: db.prepare('SELECT * FROM residents WHERE unit_id = ? ORDER BY id'),
      bind: db.prepare('UPDATE residents SET wechat_id = ? WHERE id = ?'),
      unbindAll: db.prepare('UPDATE residents SET wechat_id = NULL WHERE wechat_id = ?'),
      unbindUnit: db.prepare('UPDATE residents SET wechat_id = NULL WHERE wechat_id = ? AND unit_id = ?'),
      openArrears: db.prepare(
        `SELECT id, unit_id, item, period, amount_fen FROM arrears WHERE unit_id = ? AND paid_at IS NULL
          ORDER BY period, id`,
      ),
      payItem: db.prepare('UPDATE arrears SET paid_at = ? WHERE id = ?'),
      payByKey: db.prepare(
        `UPDATE arrears SET paid_at = ? WHERE unit_id = ? AND item = ? AND period = ? AND paid_at IS NULL
         RETURNING unit_id, item, period, amount_fen`,
      ),
      reduceItem: db.prepare('UPDATE arrears SET amount_fen = amount_fen - ? WHERE id = ?'),
      allResidents: db.prepare('SELECT * FROM residents ORDER BY id'),
      allArrears: db.prepare(
        'SELECT unit_id, item, period, amount_fen FROM arrears WHERE paid_at IS NULL ORDER BY unit_id, period, id',
      ),
      counts: db.prepare(
        `SELECT (SELECT count(*) FROM residents) AS residents, (SELECT count(*) FROM staff) AS staff,
                (SELECT count(*) FROM arrears) AS arrears`,
      ),
    };
  }

  saveUnit(unit: Unit): void {
    this.stmts.upsertUnit.run(unit);
  }

  /** Inserts or updates, and says which. A blank wechat id keeps an existing binding. */
  saveResident(resident: Resident): SaveOutcome {
    const row = this.stmts.getResident.get(resident.id) as Row | undefined;
    const before = row && toResident(row);
    if (
      before &&
      before.name === resident.name &&
      before.phone === resident.phone &&
      before.unitId === resident.unitId &&
      (resident.wechatId === null || resident.wechatId === before.wechatId)
    )
      return 'unchanged';
    this.changed();
    this.stmts.upsertResident.run(resident);
    return before ? 'updated' : 'added';
  }

  /** `profile` absent: a file without those columns leaves what is stored as it was. */
  saveStaff(staff: Staff, profile?: WorkProfile): SaveOutcome {
    const row = this.stmts.getStaff.get(staff.id) as Row | undefined;
    const before = row && toStaff(row);
    const sameStaff =
      before &&
      row.left_at === null &&
      before.name === staff.name &&
      before.role === staff.role &&
      before.wechatId === staff.wechatId &&
      before.phone === staff.phone;
    const profileUnchanged = !profile || (row !== undefined && sameProfile(toProfile(row), profile));
    if (sameStaff && profileUnchanged) return 'unchanged';
    this.changed();
    this.stmts.upsertStaff.run(staff);
    if (profile) this.stmts.setProfile.run({ id: staff.id, ...profileColumns(profile) });
    return before ? 'updated' : 'added';
  }

  /** Everyone on staff with how they work (technicians' skills and days, who is on call). */
  staffWithProfiles(): StaffWithProfile[] {
    return (this.stmts.allStaff.all() as Row[]).map((r) => ({ ...toStaff(r), ...toProfile(r) }));
  }

  /**
   * Writes arrears rows (matched by unit, item and period) and counts what changed. Counted from
   * the table rather than row by row: half a million rows import in seconds.
   */
  saveArrearsBatch(items: Iterable<ArrearsItem>): Record<SaveOutcome, number> {
    const before = this.stmts.arrearsRows.get() as number;
    let rows = 0;
    let changed = 0;
    for (const item of items) {
      rows += 1;
      changed += this.stmts.upsertArrears.run(item).changes;
    }
    const added = (this.stmts.arrearsRows.get() as number) - before;
    return { added, updated: changed - added, unchanged: rows - changed };
  }

  residentById(id: string): Resident | undefined {
    const row = this.stmts.getResident.get(id) as Row | undefined;
    return row && toResident(row);
  }

  /** The records bound to a wechat id (frozen: shared by every caller until they change). */
  residentsByWechat(wechatId: string): readonly Resident[] {
    const known = this.who.fresh().residentsByWechat.get(wechatId);
    if (known) return known;
    const residents = (this.stmts.residentsByWechat.all(wechatId) as Row[]).map((r) => Object.freeze(toResident(r)));
    return remember(this.who.residentsByWechat, wechatId, Object.freeze(residents));
  }

  staffByWechat(wechatId: string): Staff | undefined {
    const who = this.who.fresh();
    if (who.staffByWechat.has(wechatId)) return who.staffByWechat.get(wechatId);
    const row = this.stmts.staffByWechat.get(wechatId) as Row | undefined;
    return remember(who.staffByWechat, wechatId, row && Object.freeze(toStaff(row)));
  }

  /**
   * A write to residents or staff, or a transaction undone (it may have held one): what is kept in
   * memory is looked up again. Called before the write, so a read within the same transaction sees it.
   */
  changed(): void {
    this.who.forget();
  }

  /** A member of staff who has not left (one who left owns nothing and is told nothing). */
  staffById(id: string): Staff | undefined {
    const row = this.stmts.activeStaff.get(id) as Row | undefined;
    return row && toStaff(row);
  }

  /** Records that a member of staff left; false when there is no such member still on staff. */
  leave(id: string, at: number): boolean {
    this.changed();
    return this.stmts.leave.run(at, id).changes > 0;
  }

  /** Staff whose name is exactly this, for commands that name a colleague. */
  staffByName(name: string): Staff[] {
    return (this.stmts.staffByName.all(name.trim()) as Row[]).map(toStaff);
  }

  /** Names and roles, for reading "孙师傅" or "前台那个赵敏" in a resident's message. */
  staffNames(): readonly StaffName[] {
    const who = this.who.fresh();
    who.staffNames ??= Object.freeze((this.stmts.staffNames.all() as StaffName[]).map((n) => Object.freeze(n)));
    return who.staffNames;
  }

  staffByRole(role: StaffRole): Staff[] {
    return (this.stmts.staffByRole.all(role) as Row[]).map(toStaff);
  }

  residentsOfUnit(unitId: string): Resident[] {
    return (this.stmts.residentsOfUnit.all(unitId) as Row[]).map(toResident);
  }

  /** Ties a wechat id to a resident record (one record per person and unit). */
  bind(residentId: string, wechatId: string): void {
    this.changed();
    this.stmts.bind.run(wechatId, residentId);
  }

  /** Unties a wechat id from one unit, or from all; returns how many records changed. */
  unbind(wechatId: string, unitId?: string): number {
    this.changed();
    return (unitId ? this.stmts.unbindUnit.run(wechatId, unitId) : this.stmts.unbindAll.run(wechatId)).changes;
  }

  /** Unpaid arrears of a unit, oldest period first. */
  openArrears(unitId: string): ArrearsItem[] {
    return (this.stmts.openArrears.all(unitId) as Row[]).map(toArrears);
  }

  /** Marks one item paid (an import saying so); returns it if it was owed. */
  markPaid(unitId: string, item: string, period: string, at: number): ArrearsItem | undefined {
    const row = this.stmts.payByKey.get(at, unitId, item, period) as Row | undefined;
    return row && toArrears(row);
  }

  /**
   * Applies a payment to a unit's arrears, oldest period first; a part payment lowers the next
   * item. Returns what each item received and what is still owed.
   */
  applyPayment(
    unitId: string,
    amountFen: number,
    at: number,
  ): { paid: Array<ArrearsItem & { paidFen: number }>; remainingFen: number; unusedFen: number } {
    let left = amountFen;
    const paid: Array<ArrearsItem & { paidFen: number }> = [];
    const items = this.stmts.openArrears.all(unitId) as Array<Row & { id: number }>;
    for (const row of items) {
      if (left === 0) break;
      const item = toArrears(row);
      const take = Math.min(left, item.amountFen);
      if (take === item.amountFen) this.stmts.payItem.run(at, row.id);
      else this.stmts.reduceItem.run(take, row.id);
      paid.push({ ...item, paidFen: take });
      left -= take;
    }
    const remainingFen = this.openArrears(unitId).reduce((sum, i) => sum + i.amountFen, 0);
    return { paid, remainingFen, unusedFen: left };
  }

  allResidents(): Resident[] {
    return (this.stmts.allResidents.all() as Row[]).map(toResident);
  }

  allOpenArrears(): ArrearsItem[] {
    return (this.stmts.allArrears.all() as Row[]).map(toArrears);
  }

  counts(): { residents: number; staff: number; arrears: number } {
    return this.stmts.counts.get() as { residents: number; staff: number; arrears: number };
  }
}
