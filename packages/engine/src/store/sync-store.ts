/**
 * An internal fast path for stores that answer synchronously (the in-memory store). The `Store`
 * interface stays async and normative; a store may in addition carry, under {@link SYNC_STORE},
 * synchronous twins of `load` and `commit` that the runtime calls instead, saving the promise
 * round trips of a step. Not exported from the package: a host's store never needs it.
 *
 * The twin `load` may answer the stored records themselves, not copies: the runtime only reads
 * them and copies the deal before a step changes it (`StepState.adopt`). The twin `commit` keeps
 * the async one's contract exactly (atomic, the same refusals).
 */
import type { Commit, CommitResult, LoadedDeal, Store } from "./store";

export const SYNC_STORE: unique symbol = Symbol("voronka.syncStore");

export interface SyncStore {
  load(dealId: string): LoadedDeal | null;
  commit(commit: Commit): CommitResult;
  /** The async methods these twins stand for: a wrapper that replaces either gets no fast path. */
  readonly mirrors: { load: Store["load"]; commit: Store["commit"] };
}

/** The store's synchronous twins, when it has them and they still stand for its `load` and `commit`. */
export function syncStoreOf(store: Store): SyncStore | null {
  const fast = (store as Store & { [SYNC_STORE]?: SyncStore })[SYNC_STORE];
  if (!fast) return null;
  return store.load === fast.mirrors.load && store.commit === fast.mirrors.commit ? fast : null;
}
