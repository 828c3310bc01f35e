import type { Db } from './db.js';

export interface KfCustomer {
  externalUserId: string;
  openKfId: string;
  lastInboundAt: number;
  sentSince: number;
}

const DEMO = 'demo';

/**
 * Transport state that must survive a restart: cursors, WeCom customer-service reply windows, callback signatures seen.
 */
export class PlatformRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare('SELECT value FROM platform_state WHERE key = ?').pluck(),
      set: db.prepare(
        'INSERT INTO platform_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      customer: db.prepare(
        `SELECT external_userid AS externalUserId, open_kfid AS openKfId, last_inbound_at AS lastInboundAt,
          sent_since AS sentSince
           FROM kf_customers WHERE external_userid = ?`,
      ),
      heard: db.prepare(
        `INSERT INTO kf_customers (external_userid, open_kfid, last_inbound_at, sent_since) VALUES (?, ?, ?, 0)
         ON CONFLICT(external_userid) DO UPDATE SET open_kfid = excluded.open_kfid, sent_since = 0,
           last_inbound_at = max(last_inbound_at, excluded.last_inbound_at)`,
      ),
      entered: db.prepare(
        `INSERT INTO kf_customers (external_userid, open_kfid, last_inbound_at, sent_since) VALUES (?, ?, 0, 0)
         ON CONFLICT(external_userid) DO UPDATE SET open_kfid = excluded.open_kfid`,
      ),
      sent: db.prepare('UPDATE kf_customers SET sent_since = sent_since + 1 WHERE external_userid = ?'),
      clear: db.prepare('DELETE FROM platform_state WHERE key = ?'),
      forgetSignatures: db.prepare('DELETE FROM callback_signatures WHERE expires_at < ?'),
      rememberSignature: db.prepare(
        'INSERT INTO callback_signatures (signature, expires_at) VALUES (?, ?) ON CONFLICT(signature) DO NOTHING',
      ),
    };
  }

  get(key: string): string | undefined {
    return this.stmts.get.get(key) as string | undefined;
  }

  set(key: string, value: string): void {
    this.stmts.set.run(key, value);
  }

  /**
   * Whether this is the demo database: created from the sample community and never given real
   * data since (an import, or a real messaging platform, takes the mark away). Only a demo database
   * gets the simulator, which lets anyone who reaches it speak as anyone.
   */
  isDemo(): boolean {
    return this.get(DEMO) === 'sample';
  }

  markDemo(demo: boolean): void {
    if (demo) this.set(DEMO, 'sample');
    else this.stmts.clear.run(DEMO);
  }

  kfCustomer(externalUserId: string): KfCustomer | undefined {
    return this.stmts.customer.get(externalUserId) as KfCustomer | undefined;
  }

  /** The customer wrote: the reply window opens again from then. */
  kfHeard(externalUserId: string, openKfId: string, at: number): void {
    this.stmts.heard.run(externalUserId, openKfId, at);
  }

  /** The customer opened the chat: known as a customer, though the reply window opens only when they write. */
  kfEntered(externalUserId: string, openKfId: string): void {
    this.stmts.entered.run(externalUserId, openKfId);
  }

  kfSent(externalUserId: string): void {
    this.stmts.sent.run(externalUserId);
  }

  /**
   * Remembers an accepted callback signature until `expiresAt`; false when it was already
   * remembered (a replay). Expired ones are forgotten on the way.
   */
  rememberSignature(signature: string, expiresAt: number, now: number): boolean {
    this.stmts.forgetSignatures.run(now);
    return this.stmts.rememberSignature.run(signature, expiresAt).changes === 1;
  }
}
