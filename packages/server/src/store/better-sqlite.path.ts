/**
 * The hot path on `better-sqlite3`: `commit` and the loads with prepared statements on the driver's
 * own connection, bypassing knex's query builder (which re-prepares every statement and awaits
 * every query). The connection is borrowed from knex's pool (size 1) for each call and given back
 * at once, so knex queries and transactions of other modules never interleave with ours; inside a
 * call everything is synchronous.
 *
 * Group commit: the commits that arrive in one turn of the event loop are applied in one
 * `BEGIN IMMEDIATE … COMMIT`. Each commit's checks (blueprint version, expected deal versions,
 * free ids and externalIds) run first, against the writes of the commits before it in the group; a
 * commit whose checks fail is left out and rejected alone. Its writes cannot then fail, save for
 * something unforeseen (a duplicate timer id, a full disk): that rolls the group back and its
 * commits are retried one transaction each, so only the culprit fails. No promise settles before
 * its transaction has committed. Pages shared by the commits (the history tail, the deals' pages,
 * index pages) reach the WAL once per group instead of once per commit. (Savepoints per commit
 * would give the same isolation, but SQLite journals every page a savepoint touches to a temporary
 * file: as many bytes as the WAL writes that grouping saves.)
 */
import { EngineError, type Commit, type CommitResult, type LoadedDeal, type SurveyRecord, type TaskRecord } from "@voronka/engine";
import type BetterSqlite3 from "better-sqlite3";
import type { Knex } from "knex";
import { checkBlueprintVersion, dealConflict, lastByKey } from "./knex-commit";
import { DEAL_TIMERS_SQL, OPEN_TASKS_SQL } from "./queries.repo";
import {
  DEAL_COLUMNS, HISTORY_COLUMNS, OUTBOX_COLUMNS, SURVEY_COLUMNS, TASK_COLUMNS, TIMER_COLUMNS, dealFromRow, dealValues,
  historyValues, outboxValues, surveyFromRow, surveyValues, taskFromRow, taskValues, timerFromRow, timerValues, type Row,
} from "./rows";
import { PartialUpdate } from "./partial-update";
import { translateCommitError } from "./sql-errors";
import { INSERT_STAGE_ENTRY_AFTER_STORED_SQL, INSERT_STAGE_ENTRY_SQL, stageEntriesOf } from "./stage-entries";

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

interface Prepared {
  latest: Statement;
  externalIdOwner: Statement;
  dealById: Statement;
  responsibleById: Statement;
  dealByExternalId: Statement;
  openTasks: Statement;
  dealTimers: Statement;
  taskById: Statement;
  surveyByToken: Statement;
  insertDeal: Statement;
  updateDeal: PartialUpdate;
  insertHistory: Statement;
  insertStageEntry: Statement;
  insertStageEntryAfterStored: Statement;
  insertTask: Statement;
  updateTask: PartialUpdate;
  upsertSurvey: Statement;
  deleteTimer: Statement;
  insertTimer: Statement;
  insertOutbox: Statement;
  commit: BetterSqlite3.Transaction<(c: Commit) => CommitResult>;
  /** Applies a group; throws (and rolls it all back) when a write failed, so it is retried one by one. */
  group: BetterSqlite3.Transaction<(batch: Pending[]) => void>;
}

/** The statements without the transactions built on them. */
type Statements = Omit<Prepared, "commit" | "group">;

/** A commit waiting for its group. */
interface Pending {
  commit: Commit;
  resolve(result: CommitResult): void;
  reject(error: unknown): void;
  result?: CommitResult;
  failed?: { error: unknown };
}

/** Most commits in one group transaction. */
const MAX_GROUP = 256;

/** The part of knex's client this path uses: its connection pool. */
interface PoolClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
const insertSql = (table: string, columns: readonly string[]) => `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders(columns.length)})`;
const upsertSql = (table: string, columns: readonly string[], key: string) =>
  `${insertSql(table, columns)} ON CONFLICT(${key}) DO UPDATE SET ${columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`).join(", ")}`;

/** True when `knex` runs on `better-sqlite3` (the only driver this path serves). */
export function isBetterSqlite(knex: Knex): boolean {
  return (knex.client as { driverName?: string }).driverName === "better-sqlite3";
}

/** Prepared statements on the pooled `better-sqlite3` connection, one set per connection. */
export class BetterSqlitePath {
  readonly #client: PoolClient;
  readonly #prepared = new WeakMap<object, Prepared>();
  readonly #groupCommit: boolean;
  #queue: Pending[] = [];
  #scheduled = false;

  /** `groupCommit: false` gives every commit its own transaction. */
  constructor(knex: Knex, opts: { groupCommit?: boolean } = {}) {
    this.#client = knex.client as unknown as PoolClient;
    this.#groupCommit = opts.groupCommit ?? true;
  }

  /** Borrows the connection, runs `fn` synchronously on its statements, gives it back. */
  async #run<T>(fn: (p: Prepared) => T): Promise<T> {
    const connection = await this.#client.acquireConnection();
    try {
      return fn(this.#statements(connection as BetterSqlite3.Database));
    } finally {
      void this.#client.releaseConnection(connection);
    }
  }

  #statements(db: BetterSqlite3.Database): Prepared {
    let p = this.#prepared.get(db);
    if (p) return p;
    const prepared: Statements = {
      latest: db.prepare("SELECT MAX(version) FROM blueprints WHERE kind = 'published'").pluck(),
      externalIdOwner: db.prepare("SELECT id FROM deals WHERE external_id = ?").pluck(),
      dealById: db.prepare("SELECT * FROM deals WHERE id = ?"),
      responsibleById: db.prepare("SELECT responsible FROM deals WHERE id = ?").pluck(),
      dealByExternalId: db.prepare("SELECT * FROM deals WHERE external_id = ?"),
      openTasks: db.prepare(OPEN_TASKS_SQL),
      dealTimers: db.prepare(DEAL_TIMERS_SQL),
      taskById: db.prepare("SELECT * FROM tasks WHERE id = ?"),
      surveyByToken: db.prepare("SELECT * FROM surveys WHERE token = ?"),
      insertDeal: db.prepare(insertSql("deals", DEAL_COLUMNS)),
      updateDeal: new PartialUpdate(db, "deals", DEAL_COLUMNS, true),
      insertHistory: db.prepare(insertSql("history", HISTORY_COLUMNS)),
      insertStageEntry: db.prepare(INSERT_STAGE_ENTRY_SQL),
      insertStageEntryAfterStored: db.prepare(INSERT_STAGE_ENTRY_AFTER_STORED_SQL),
      insertTask: db.prepare(insertSql("tasks", TASK_COLUMNS)),
      updateTask: new PartialUpdate(db, "tasks", TASK_COLUMNS, false),
      upsertSurvey: db.prepare(upsertSql("surveys", SURVEY_COLUMNS, "token")),
      deleteTimer: db.prepare("DELETE FROM timers WHERE id = ?"),
      insertTimer: db.prepare(insertSql("timers", TIMER_COLUMNS)),
      insertOutbox: db.prepare(`${insertSql("outbox", OUTBOX_COLUMNS)} ON CONFLICT(key) DO NOTHING`),
    };
    const commit = db.transaction((c: Commit) => write(prepared, c, check(prepared, c)));
    const group = db.transaction((batch: Pending[]) => {
      for (const item of batch) {
        let before: (Row | undefined)[];
        try {
          before = check(prepared, item.commit);
        } catch (error) {
          if (!(error instanceof EngineError)) throw error;
          item.failed = { error };
          continue;
        }
        item.result = write(prepared, item.commit, before); // a throw here rolls back the whole group
      }
    });
    p = { ...prepared, commit, group };
    this.#prepared.set(db, p);
    return p;
  }

  load(dealId: string): Promise<LoadedDeal | null> {
    return this.#run((p) => loaded(p, p.dealById.get(dealId) as Row | undefined));
  }

  /** The deal's responsible, or null when there is no such deal. */
  responsibleOf(dealId: string): Promise<string | null> {
    return this.#run((p) => (p.responsibleById.get(dealId) as string | undefined) ?? null);
  }

  loadByExternalId(externalId: string): Promise<LoadedDeal | null> {
    return this.#run((p) => loaded(p, p.dealByExternalId.get(externalId) as Row | undefined));
  }

  loadTask(taskId: string): Promise<TaskRecord | null> {
    return this.#run((p) => {
      const row = p.taskById.get(taskId) as Row | undefined;
      return row ? taskFromRow(row) : null;
    });
  }

  findSurvey(token: string): Promise<SurveyRecord | null> {
    return this.#run((p) => {
      const row = p.surveyByToken.get(token) as Row | undefined;
      return row ? surveyFromRow(row) : null;
    });
  }

  /** Applies a commit in the next group (or alone); a thrown check or constraint rolls back only it. */
  commit(c: Commit): Promise<CommitResult> {
    if (!this.#groupCommit) {
      return this.#run((p) => {
        try {
          return p.commit.immediate(c);
        } catch (e) {
          throw translateCommitError(e, c.deals.map((d) => d.record.externalId));
        }
      });
    }
    return new Promise<CommitResult>((resolve, reject) => {
      this.#queue.push({ commit: c, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || !this.#queue.length) return;
    this.#scheduled = true;
    setImmediate(() => void this.#flush());
  }

  /** Commits the queued group in one transaction, then settles each commit's promise. */
  async #flush(): Promise<void> {
    let batch: Pending[] = [];
    try {
      const connection = await this.#client.acquireConnection();
      try {
        this.#scheduled = false;
        batch = this.#queue.length <= MAX_GROUP ? this.#queue : this.#queue.slice(0, MAX_GROUP);
        this.#queue = this.#queue.length <= MAX_GROUP ? [] : this.#queue.slice(MAX_GROUP);
        const p = this.#statements(connection as BetterSqlite3.Database);
        try {
          p.group.immediate(batch);
        } catch {
          // Nothing of the group was committed: one transaction per commit, so only the culprit fails.
          for (const item of batch) {
            delete item.failed;
            try {
              item.result = p.commit.immediate(item.commit);
            } catch (error) {
              item.failed = { error };
            }
          }
        }
      } finally {
        void this.#client.releaseConnection(connection);
      }
    } catch (error) {
      // No connection (pool destroyed): fail what is waiting.
      this.#scheduled = false;
      if (!batch.length) [batch, this.#queue] = [this.#queue, []];
      for (const item of batch) item.failed = { error };
    }
    for (const item of batch) {
      if (item.failed) item.reject(translateCommitError(item.failed.error, item.commit.deals.map((d) => d.record.externalId)));
      else item.resolve(item.result!);
    }
    this.#schedule();
  }
}

function loaded(p: Statements, row: Row | undefined): LoadedDeal | null {
  if (!row) return null;
  const record = dealFromRow(row);
  return {
    record,
    openTasks: (p.openTasks.all(record.id) as Row[]).map(taskFromRow),
    timers: (p.dealTimers.all(record.id) as Row[]).map(timerFromRow),
  };
}

/**
 * The checks of a commit, all reads: they throw an {@link EngineError} before anything is written.
 * Answers the deals' current rows (in `c.deals` order), which the writes diff against.
 */
function check(p: Statements, c: Commit): (Row | undefined)[] {
  const latest = p.latest.get() as number | null | undefined;
  checkBlueprintVersion(latest ?? null, c.blueprintVersion);
  return c.deals.map(({ record, expectedVersion }) => {
    const current = p.dealById.get(record.id) as Row | undefined;
    if (expectedVersion === null ? current !== undefined : current?.["version"] !== expectedVersion) throw dealConflict(record.id);
    if (record.externalId !== undefined && record.externalId !== current?.["external_id"]) {
      const owner = p.externalIdOwner.get(record.externalId) as string | undefined;
      if (owner !== undefined && owner !== record.id) {
        throw new EngineError("VALIDATION_FAILED", `Another deal already has externalId '${record.externalId}'.`, { externalId: record.externalId });
      }
    }
    return current;
  });
}

/** The writes of a checked commit: only changed columns of existing rows; the deal update re-checks its version. */
function write(p: Statements, c: Commit, before: (Row | undefined)[]): CommitResult {
  c.deals.forEach(({ record, expectedVersion }, i) => {
    const values = dealValues(record);
    const current = before[i];
    if (expectedVersion === null || !current) p.insertDeal.run(values);
    else if (p.updateDeal.run(current, values, expectedVersion) !== 1) throw dealConflict(record.id);
  });
  const cursors: number[] = [];
  for (const h of c.history) cursors.push(Number(p.insertHistory.run(historyValues(h)).lastInsertRowid));
  for (const { values, afterStored } of stageEntriesOf(c)) {
    if (afterStored) p.insertStageEntryAfterStored.run(...values.slice(0, 5), values[0], values[1], values[0], values[1]);
    else p.insertStageEntry.run(values);
  }
  for (const t of lastByKey(c.tasks, (x) => x.id)) {
    const values = taskValues(t, false);
    const current = p.taskById.get(t.id) as Row | undefined;
    if (current) p.updateTask.run(current, values);
    else p.insertTask.run(values);
  }
  for (const s of lastByKey(c.surveys, (x) => x.token)) p.upsertSurvey.run(surveyValues(s));
  for (const id of c.timers.cancel) p.deleteTimer.run(id);
  for (const id of c.timers.done) p.deleteTimer.run(id);
  for (const t of lastByKey(c.timers.add, (x) => x.id)) p.insertTimer.run(timerValues(t));
  for (const o of c.outbox) p.insertOutbox.run(outboxValues(o));
  return { cursors };
}
