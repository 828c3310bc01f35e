import { openDb, type Db } from './db.js';
import { OtherWriters } from './earliest-due.js';
import { AttachmentRepo } from './attachment-repo.js';
import { AuthRepo } from './auth-repo.js';
import { BindingRepo } from './binding-repo.js';
import { CommitmentRepo } from './commitment-repo.js';
import { CommunityRepo } from './community-repo.js';
import { ConversationRepo } from './conversation-repo.js';
import { DeliveryRepo } from './delivery-repo.js';
import { EventRepo } from './event-repo.js';
import { FaqRepo } from './faq-repo.js';
import { MessageRepo } from './message-repo.js';
import { OutboxRepo } from './outbox-repo.js';
import { PlatformRepo } from './platform-repo.js';
import { TicketRepo } from './ticket-repo.js';
import { TimerRepo } from './timer-repo.js';
import type { TransactionHook } from './transaction-hook.js';

/** All repositories over one database. Callers never write SQL; a server database can replace this later. */
export class Store {
  readonly attachments: AttachmentRepo;
  readonly auth: AuthRepo;
  readonly bindings: BindingRepo;
  readonly commitments: CommitmentRepo;
  readonly community: CommunityRepo;
  readonly conversations: ConversationRepo;
  readonly deliveries: DeliveryRepo;
  readonly events: EventRepo;
  readonly faq: FaqRepo;
  readonly messages: MessageRepo;
  readonly outbox: OutboxRepo;
  readonly platform: PlatformRepo;
  readonly tickets: TicketRepo;
  readonly timers: TimerRepo;

  private readonly hooks: TransactionHook[] = [];
  /**
   * One transaction wrapper for every caller (better-sqlite3 builds one per call otherwise). The
   * hooks' work comes first: what waited for a commit (delivery marks) shares the turn's.
   */
  private readonly wrapper: (work: () => unknown) => unknown;

  constructor(readonly db: Db) {
    this.wrapper = db.transaction((work: () => unknown) => {
      for (const hook of this.hooks) hook.beforeCommit();
      return work();
    });
    this.attachments = new AttachmentRepo(db);
    this.auth = new AuthRepo(db);
    this.bindings = new BindingRepo(db);
    // Due times are kept in memory between changes; a commit by another process makes them looked up again.
    const others = new OtherWriters(db);
    this.commitments = new CommitmentRepo(db, others);
    this.community = new CommunityRepo(db, others);
    this.conversations = new ConversationRepo(db);
    this.deliveries = new DeliveryRepo(db);
    this.events = new EventRepo(db);
    this.faq = new FaqRepo(db);
    this.messages = new MessageRepo(db);
    this.outbox = new OutboxRepo(db, others, this.deliveries, (hook) => this.onTransaction(hook));
    this.platform = new PlatformRepo(db);
    this.tickets = new TicketRepo(db);
    this.timers = new TimerRepo(db, others);
  }

  /** `hook` takes part in every transaction from now on. */
  onTransaction(hook: TransactionHook): void {
    this.hooks.push(hook);
  }

  static open(file: string): Store {
    return new Store(openDb(file));
  }

  /**
   * Runs `work` in one transaction: all of it is committed, or none. Inside another transaction
   * it is simply part of that one (a failure undoes the whole turn, as it should).
   */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) return work();
    let result: T;
    try {
      result = this.wrapper(work) as T;
    } catch (error) {
      // Who is who, kept in memory, may have been read from what was just undone.
      this.community.changed();
      for (const hook of this.hooks) hook.rolledBack();
      throw error;
    }
    for (const hook of this.hooks) hook.committed();
    return result;
  }

  /** Writes what waits for a commit (delivery marks) when no turn is coming to carry it. */
  commitNoted(): void {
    if (this.hooks.some((hook) => hook.waiting())) this.transaction(() => undefined);
  }

  close(): void {
    if (this.db.open) this.commitNoted();
    this.db.close();
  }
}
