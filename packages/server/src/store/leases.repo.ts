/**
 * Leases and counters through knex: due timers and outbox rows claimed by one atomic
 * `UPDATE … WHERE id IN (SELECT … LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING *` (on PostgreSQL two
 * processes never claim the same row; on SQLite the statement is its own write transaction), acks,
 * retries, and round-robin counters advanced by an upsert.
 */
import type { OutboxRecord, TimerRecord } from "@voronka/engine";
import type { Knex } from "knex";
import type { Dialect } from "./knex-commit";
import { outboxFromRow, timerFromRow, type Row } from "./rows";
import { rowsOf } from "./queries.repo";

/** A claim statement and how to order its bindings. */
export interface ClaimSql {
  sql: string;
  bindings(now: string, wall: string, limit: number, leaseUntil: string): (string | number)[];
}

/**
 * An atomic claim: lease the first `limit` claimable rows of `table` (ordered by `order`) and return
 * them. On PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED` in a CTE (evaluated once),
 * so concurrent claimers split the rows between them.
 */
function claimSql(dialect: Dialect, table: string, due: string, order: string, set: string): ClaimSql {
  const pick = `SELECT id FROM ${table} WHERE ${due} <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY ${order} LIMIT ?`;
  if (dialect === "postgres") {
    return {
      sql: `WITH c AS (${pick} FOR UPDATE SKIP LOCKED) UPDATE ${table} AS x SET ${set} FROM c WHERE x.id = c.id RETURNING x.*`,
      bindings: (now, wall, limit, until) => [now, wall, limit, until],
    };
  }
  return { sql: `UPDATE ${table} SET ${set} WHERE id IN (${pick}) RETURNING *`, bindings: (now, wall, limit, until) => [until, now, wall, limit] };
}

/** The statement that leases due timers. */
export function claimTimersSql(dialect: Dialect): ClaimSql {
  return claimSql(dialect, "timers", "due_at IS NOT NULL AND due_at", "due_at, id", "lease_until = ?");
}

/** The statement that leases due outbox rows and counts the attempt. */
export function claimOutboxSql(dialect: Dialect): ClaimSql {
  return claimSql(dialect, "outbox", "next_attempt_at", "next_attempt_at, created_at, id", "lease_until = ?, attempts = attempts + 1");
}

/** Advances a robot's counter: binds `[robot]`, answers `counter` (1 on first use). */
export const ROUND_ROBIN_SQL = "INSERT INTO round_robin (robot, counter) VALUES (?, 1) ON CONFLICT (robot) DO UPDATE SET counter = round_robin.counter + 1 RETURNING counter";

const byDue = (a: Row, b: Row, column: string) => {
  const x = String(a[column] ?? "");
  const y = String(b[column] ?? "");
  return x < y ? -1 : x > y ? 1 : String(a["id"]) < String(b["id"]) ? -1 : 1;
};

/** Sorts claimed rows (RETURNING has no order) by their due instant, then id. */
export function sortClaimed(rows: Row[], column: "due_at" | "next_attempt_at"): Row[] {
  return rows.sort((a, b) => byDue(a, b, column));
}

/** The lease bounds for a claim at wall-clock `wall`. */
export function leaseBounds(wall: Date, leaseMs: number): { wall: string; until: string } {
  return { wall: wall.toISOString(), until: new Date(wall.getTime() + leaseMs).toISOString() };
}

/** Leases up to `limit` timers due at `now` until `wall + leaseMs`; soonest first. */
export async function claimDueTimers(knex: Knex, dialect: Dialect, now: string, limit: number, leaseMs: number, wall: Date): Promise<TimerRecord[]> {
  if (limit <= 0) return [];
  const b = leaseBounds(wall, leaseMs);
  const claim = claimTimersSql(dialect);
  const rows = rowsOf(await knex.raw(claim.sql, claim.bindings(now, b.wall, limit, b.until)));
  return sortClaimed(rows, "due_at").map(timerFromRow);
}

/** Leases up to `limit` outbox rows due at `now` until `wall + leaseMs`, counting the attempt. */
export async function claimOutbox(knex: Knex, dialect: Dialect, now: string, limit: number, leaseMs: number, wall: Date): Promise<OutboxRecord[]> {
  if (limit <= 0) return [];
  const b = leaseBounds(wall, leaseMs);
  const claim = claimOutboxSql(dialect);
  const rows = rowsOf(await knex.raw(claim.sql, claim.bindings(now, b.wall, limit, b.until)));
  return sortClaimed(rows, "next_attempt_at").map(outboxFromRow);
}

/** Deletes delivered outbox rows. */
export async function ackOutbox(knex: Knex, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 10_000) await knex("outbox").whereIn("id", ids.slice(i, i + 10_000)).delete();
}

/** Puts an outbox row back for a retry at `retryAt`, with the error, lease cleared. */
export async function failOutbox(knex: Knex, id: string, retryAt: string, error: string): Promise<void> {
  await knex("outbox").where("id", id).update({ next_attempt_at: retryAt, lease_until: null, last_error: error });
}

/** Advances a robot's counter and answers the index to use, in [0, n). */
export async function nextRoundRobin(knex: Knex, robotId: string, n: number): Promise<number> {
  const [row] = rowsOf(await knex.raw(ROUND_ROBIN_SQL, [robotId]));
  return (Number(row?.["counter"] ?? 1) - 1) % Math.max(1, n);
}
