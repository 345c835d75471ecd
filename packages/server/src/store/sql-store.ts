/**
 * The SQL {@link Store}: the engine's durable state in the server's database, on SQLite (the
 * embedded default) or PostgreSQL (several processes sharing one database). It behaves exactly as
 * the engine's memory store and passes `describeStoreContract`.
 *
 * - `commit` is one transaction: the blueprint version and every expected deal version are checked
 *   inside it, then history, tasks, surveys, timers and outbox rows are written; a refused commit
 *   changes nothing.
 * - Due timers and outbox rows are claimed under leases with one atomic statement
 *   (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so two processes never claim the same row.
 * - On `better-sqlite3`, `commit` and the loads run prepared statements on the driver's connection,
 *   and the commits of one event-loop turn share one transaction (group commit, a savepoint each;
 *   see `better-sqlite.path.ts` and this folder's README for why and how fast); everything else,
 *   and every other driver, goes through knex.
 */
import type {
  BlueprintSave, Commit, CommitResult, DealFilter, DealRecord, HistoryFilter, HistoryRow, LoadedDeal, OutboxRecord, Store,
  StoredBlueprint, SurveyRecord, TaskFilter, TaskRecord, TimerRecord,
} from "@voronka/engine";
import type { Knex } from "knex";
import type { Database } from "../db/connect";
import { BetterSqlitePath, isBetterSqlite } from "./better-sqlite.path";
import * as blueprints from "./blueprints.repo";
import { commitWithKnex, type Dialect } from "./knex-commit";
import * as leases from "./leases.repo";
import * as queries from "./queries.repo";

/** Options of {@link createSqlStore}. */
export interface SqlStoreOptions {
  /** The wall clock for leases and `savedAt` (default: real time). Tests pass a fake one. */
  now?: () => Date;
  /**
   * Use prepared statements on the raw connection for `commit` and the loads when the driver is
   * `better-sqlite3` (default true). False sends everything through knex, as on other drivers.
   */
  preparedStatements?: boolean;
  /**
   * On the prepared-statement path, apply the commits of one event-loop turn in one transaction,
   * each in its own savepoint (default true). False: one transaction per commit.
   */
  groupCommit?: boolean;
}

/** A {@link Store} on a SQL database, with the driver path it took (for diagnostics). */
export interface SqlStore extends Store {
  /** `"better-sqlite3 prepared"` or `"knex"`: how `commit` and `load` reach the database. */
  readonly path: "better-sqlite3 prepared" | "knex";
  /** A deal's responsible (for scope checks before a command), or null when there is no such deal. */
  responsibleOf(dealId: string): Promise<string | null>;
  /** Waits for operations in flight; the database itself stays open (its owner closes it). */
  close(): Promise<void>;
}

/**
 * Creates the SQL store over an open, migrated database (`openDatabase` from `../db/connect`).
 *
 * @example
 * const db = await openDatabase({ dataDir: "./data" });
 * const store = createSqlStore(db);
 * const engine = createEngine({ blueprint, store, clock: () => new Date() });
 */
export function createSqlStore(db: Pick<Database, "knex" | "dialect">, opts: SqlStoreOptions = {}): SqlStore {
  return new SqlStoreImpl(db.knex, db.dialect, opts);
}

class SqlStoreImpl implements SqlStore {
  readonly path: SqlStore["path"];
  readonly #knex: Knex;
  readonly #dialect: Dialect;
  readonly #now: () => Date;
  readonly #fast: BetterSqlitePath | null;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(knex: Knex, dialect: Dialect, opts: SqlStoreOptions) {
    this.#knex = knex;
    this.#dialect = dialect;
    this.#now = opts.now ?? (() => new Date());
    this.#fast = dialect === "sqlite" && opts.preparedStatements !== false && isBetterSqlite(knex)
      ? new BetterSqlitePath(knex, { groupCommit: opts.groupCommit ?? true })
      : null;
    this.path = this.#fast ? "better-sqlite3 prepared" : "knex";
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#inFlight.add(p);
    const done = () => this.#inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  load(dealId: string): Promise<LoadedDeal | null> {
    return this.#fast ? this.#fast.load(dealId) : queries.loadDeal(this.#knex, { id: dealId });
  }

  loadByExternalId(externalId: string): Promise<LoadedDeal | null> {
    return this.#fast ? this.#fast.loadByExternalId(externalId) : queries.loadDeal(this.#knex, { external_id: externalId });
  }

  async responsibleOf(dealId: string): Promise<string | null> {
    if (this.#fast) return this.#fast.responsibleOf(dealId);
    const row = (await this.#knex("deals").where("id", dealId).first("responsible")) as { responsible: string } | undefined;
    return row ? row.responsible : null;
  }

  loadTask(taskId: string): Promise<TaskRecord | null> {
    return this.#fast ? this.#fast.loadTask(taskId) : queries.loadTask(this.#knex, taskId);
  }

  findSurvey(token: string): Promise<SurveyRecord | null> {
    return this.#fast ? this.#fast.findSurvey(token) : queries.findSurvey(this.#knex, token);
  }

  commit(commit: Commit): Promise<CommitResult> {
    return this.#track(this.#fast ? this.#fast.commit(commit) : commitWithKnex(this.#knex, this.#dialect, commit));
  }

  claimDueTimers(now: string, limit: number, leaseMs: number): Promise<TimerRecord[]> {
    return this.#track(leases.claimDueTimers(this.#knex, this.#dialect, now, limit, leaseMs, this.#now()));
  }

  claimOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxRecord[]> {
    return this.#track(leases.claimOutbox(this.#knex, this.#dialect, now, limit, leaseMs, this.#now()));
  }

  ackOutbox(ids: string[]): Promise<void> {
    return this.#track(leases.ackOutbox(this.#knex, ids));
  }

  failOutbox(id: string, retryAt: string, error: string): Promise<void> {
    return this.#track(leases.failOutbox(this.#knex, id, retryAt, error));
  }

  nextRoundRobin(robotId: string, n: number): Promise<number> {
    return this.#track(leases.nextRoundRobin(this.#knex, robotId, n));
  }

  saveBlueprint(save: BlueprintSave): Promise<number> {
    return this.#track(blueprints.saveBlueprint(this.#knex, this.#dialect, save, this.#now().toISOString()));
  }

  loadBlueprint(version?: number): Promise<StoredBlueprint | null> {
    return blueprints.loadBlueprint(this.#knex, version);
  }

  loadDraft(): Promise<StoredBlueprint | null> {
    return blueprints.loadDraft(this.#knex);
  }

  publishedVersion(): Promise<number | null> {
    return blueprints.publishedVersion(this.#knex);
  }

  listBlueprintVersions(): Promise<{ version: number; savedAt: string }[]> {
    return blueprints.listBlueprintVersions(this.#knex);
  }

  tasks(filter: TaskFilter): Promise<TaskRecord[]> {
    return queries.queryTasks(this.#knex, filter);
  }

  deals(filter: DealFilter): Promise<DealRecord[]> {
    return queries.queryDeals(this.#knex, filter);
  }

  dealsWithoutOpenTask(filter: DealFilter): Promise<DealRecord[]> {
    return queries.queryDealsWithoutOpenTask(this.#knex, filter);
  }

  history(filter: HistoryFilter): Promise<HistoryRow[]> {
    return queries.queryHistory(this.#knex, filter);
  }

  countDealsByStage(): Promise<{ pipeline: string; stage: string; deals: number }[]> {
    return queries.countDealsByStage(this.#knex);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }
}
