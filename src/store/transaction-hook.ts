/**
 * Work a repository does with every transaction of the store, so the store names no repository:
 * the outbox writes the delivery marks noted since the last commit with the next one (a turn then
 * costs one commit, not two), and notes them again if that transaction is rolled back.
 */
export interface TransactionHook {
  /** Inside each transaction, before the caller's work: what it writes shares the commit. */
  beforeCommit(): void;
  committed(): void;
  rolledBack(): void;
  /** True while something waits for a commit that no turn may come to carry (`Store.commitNoted`). */
  waiting(): boolean;
}
