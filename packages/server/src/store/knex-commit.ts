/**
 * `commit` through knex: one transaction on PostgreSQL (`pg`) or SQLite (`sqlite3`, and
 * `better-sqlite3` when its prepared-statement path is turned off). Checks first (the blueprint
 * version under a lock that serialises against publish, then each deal's expected version with
 * `UPDATE … WHERE id = ? AND version = ?`), then writes; any failure rolls everything back.
 */
import { EngineError, type Commit, type CommitResult } from "@voronka/engine";
import type { Knex } from "knex";
import {
  DEAL_COLUMNS, HISTORY_COLUMNS, OUTBOX_COLUMNS, SURVEY_COLUMNS, TASK_COLUMNS, TIMER_COLUMNS, dealValues, historyValues,
  outboxValues, surveyValues, taskValues, timerValues, toObject, type Bind,
} from "./rows";
import { translateCommitError } from "./sql-errors";
import { PREVIOUS_STORED_SQL, STAGE_ENTRY_COLUMNS, stageEntriesOf } from "./stage-entries";

/** The SQL dialect of a {@link Database}. */
export type Dialect = "sqlite" | "postgres";

/**
 * The PostgreSQL advisory lock that orders commits and publishes: every commit holds it shared for
 * its transaction, a publish holds it exclusively. (A `FOR SHARE` row lock on the latest version
 * would not do: a commit that waited for a publish re-reads the old row under its old snapshot.)
 */
export const PUBLISH_LOCK = 0x566f726f; // "Voro"

/**
 * Rows per INSERT, so that no statement exceeds SQLite's 32,766 or PostgreSQL's 65,535 variables,
 * nor SQLite's 500 terms of a compound SELECT (knex writes multi-row inserts as `SELECT … UNION ALL`).
 */
export function chunks<T>(items: T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(columns === 1 ? 10_000 : 400, Math.floor(30_000 / columns)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Keeps the last item per key (the commit's latest word on a task or survey), in first-seen order. */
export function lastByKey<T>(items: T[], key: (item: T) => string): T[] {
  if (items.length < 2) return items;
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return [...map.values()];
}

/** `EngineError("BLUEPRINT_STALE")` unless `version` is the latest published one (or none is). */
export function checkBlueprintVersion(latest: number | null, version: number): void {
  if (latest !== null && version !== latest) {
    throw new EngineError("BLUEPRINT_STALE", `This step was computed on blueprint version ${version}, but version ${latest} is published. Reload and retry.`, { published: latest });
  }
}

/** A version conflict on one deal. */
export function dealConflict(dealId: string): EngineError {
  return new EngineError("VERSION_CONFLICT", `Deal '${dealId}' was changed by another request.`, { deal: dealId });
}

/** The latest published version, read inside `trx` (on PostgreSQL after taking the publish lock shared). */
export async function latestPublished(trx: Knex.Transaction, dialect: Dialect, lock: "shared" | "exclusive"): Promise<number | null> {
  if (dialect === "postgres") {
    await trx.raw(lock === "shared" ? "SELECT pg_advisory_xact_lock_shared(?)" : "SELECT pg_advisory_xact_lock(?)", [PUBLISH_LOCK]);
  }
  const row = (await trx("blueprints").where("kind", "published").max({ v: "version" }).first()) as { v: unknown } | undefined;
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
}

const DEAL_SET_COLUMNS = DEAL_COLUMNS.slice(1);

/** Applies a commit in one knex transaction; answers the history cursors in order. */
export async function commitWithKnex(knex: Knex, dialect: Dialect, c: Commit): Promise<CommitResult> {
  const pg = dialect === "postgres";
  try {
    return await knex.transaction(async (trx) => {
      checkBlueprintVersion(await latestPublished(trx, dialect, "shared"), c.blueprintVersion);

      // Existing deals first, in id order (two commits touching the same deals lock them in the same order).
      const updates = c.deals.filter((d) => d.expectedVersion !== null).sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
      for (const { record, expectedVersion } of updates) {
        const values = dealValues(record);
        const set: Record<string, Bind> = {};
        for (let i = 0; i < DEAL_SET_COLUMNS.length; i++) set[DEAL_SET_COLUMNS[i]!] = values[i + 1]!;
        const n = await trx("deals").where({ id: record.id, version: expectedVersion }).update(set);
        if (Number(n) !== 1) throw dealConflict(record.id);
      }
      const created = c.deals.filter((d) => d.expectedVersion === null).map((d) => toObject(DEAL_COLUMNS, dealValues(d.record)));
      for (const part of chunks(created, DEAL_COLUMNS.length)) await trx("deals").insert(part);

      const cursors = await insertHistory(trx, c);
      await insertStageEntries(trx, c);

      const tasks = lastByKey(c.tasks, (t) => t.id).map((t) => toObject(TASK_COLUMNS, taskValues(t, pg)));
      for (const part of chunks(tasks, TASK_COLUMNS.length)) await trx("tasks").insert(part).onConflict("id").merge();
      const surveys = lastByKey(c.surveys, (s) => s.token).map((s) => toObject(SURVEY_COLUMNS, surveyValues(s)));
      for (const part of chunks(surveys, SURVEY_COLUMNS.length)) await trx("surveys").insert(part).onConflict("token").merge();

      const gone = [...c.timers.cancel, ...c.timers.done];
      for (const part of chunks(gone, 1)) await trx("timers").whereIn("id", part).delete();
      const timers = lastByKey(c.timers.add, (t) => t.id).map((t) => toObject(TIMER_COLUMNS, timerValues(t)));
      for (const part of chunks(timers, TIMER_COLUMNS.length)) await trx("timers").insert(part);

      const outbox = c.outbox.map((o) => toObject(OUTBOX_COLUMNS, outboxValues(o)));
      for (const part of chunks(outbox, OUTBOX_COLUMNS.length)) await trx("outbox").insert(part).onConflict("key").ignore();
      return { cursors };
    });
  } catch (e) {
    throw translateCommitError(e, c.deals.map((d) => d.record.externalId));
  }
}

/** The commit's `stage_entries` rows; a deal's first one reads its previous entry from the table. */
async function insertStageEntries(trx: Knex.Transaction, c: Commit): Promise<void> {
  const rows = stageEntriesOf(c).map(({ values, afterStored }) => {
    const row: Record<string, Bind | Knex.Raw> = toObject(STAGE_ENTRY_COLUMNS, values);
    if (afterStored) {
      const at = [values[0]!, values[1]!];
      row["prev_stage"] = trx.raw(PREVIOUS_STORED_SQL.stage, at);
      row["prev_at"] = trx.raw(PREVIOUS_STORED_SQL.at, at);
    }
    return row;
  });
  for (const part of chunks(rows, STAGE_ENTRY_COLUMNS.length + 4)) await trx("stage_entries").insert(part);
}

async function insertHistory(trx: Knex.Transaction, c: Commit): Promise<number[]> {
  if (!c.history.length) return [];
  const byKey = new Map<string, number>();
  for (const part of chunks(c.history, HISTORY_COLUMNS.length)) {
    const rows = part.map((h) => toObject(HISTORY_COLUMNS, historyValues(h)));
    const returned = (await trx("history").insert(rows).returning(["cursor", "deal", "seq"])) as { cursor: unknown; deal: string; seq: unknown }[];
    for (const r of returned) byKey.set(`${r.deal}\u0000${Number(r.seq)}`, Number(r.cursor));
  }
  return c.history.map((h) => {
    const cursor = byKey.get(`${h.deal}\u0000${h.seq}`);
    if (cursor === undefined) throw new EngineError("UNEXPECTED", `The database did not answer a cursor for history row ${h.deal}#${h.seq}.`);
    return cursor;
  });
}
