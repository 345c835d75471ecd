/**
 * The store's reads through knex, all in SQL on indexed columns (nothing loads a whole table into
 * JavaScript): deal loads, tasks, deals, deals without an open task, history, counts per stage.
 */
import type {
  DealFilter, DealRecord, HistoryFilter, HistoryRow, LoadedDeal, SurveyRecord, TaskFilter, TaskRecord,
} from "@voronka/engine";
import type { Knex } from "knex";
import { dealFromRow, historyFromRow, surveyFromRow, taskFromRow, timerFromRow, type Row } from "./rows";

const asList = (v: string | string[] | undefined): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Open tasks of a deal, oldest first (index `tasks(deal, status)`). */
export const OPEN_TASKS_SQL = "SELECT * FROM tasks WHERE deal = ? AND status = 'open' ORDER BY created_at, id";
/** Timers of a deal, soonest first, unscheduled ones last (index `timers(deal)`). */
export const DEAL_TIMERS_SQL = "SELECT * FROM timers WHERE deal = ? ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id";

/** The answer of `knex.raw` as rows, on PostgreSQL (`{ rows }`) and SQLite (an array). */
export function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] } | undefined)?.rows ?? []) as Row[];
}

/** Loads a deal by id or externalId with its open tasks and timers: three indexed queries. */
export async function loadDeal(knex: Knex, by: { id: string } | { external_id: string }): Promise<LoadedDeal | null> {
  const row = (await knex("deals").where(by).first()) as Row | undefined;
  if (!row) return null;
  const record = dealFromRow(row);
  const tasks = rowsOf(await knex.raw(OPEN_TASKS_SQL, [record.id]));
  const timers = rowsOf(await knex.raw(DEAL_TIMERS_SQL, [record.id]));
  return { record, openTasks: tasks.map(taskFromRow), timers: timers.map(timerFromRow) };
}

/** A task by id, or null. */
export async function loadTask(knex: Knex, taskId: string): Promise<TaskRecord | null> {
  const row = (await knex("tasks").where("id", taskId).first()) as Row | undefined;
  return row ? taskFromRow(row) : null;
}

/** A survey by its token, or null. */
export async function findSurvey(knex: Knex, token: string): Promise<SurveyRecord | null> {
  const row = (await knex("surveys").where("token", token).first()) as Row | undefined;
  return row ? surveyFromRow(row) : null;
}

/** Tasks by deal, responsible, status, overdue or due-before; soonest deadline first, none last. */
export async function queryTasks(knex: Knex, f: TaskFilter): Promise<TaskRecord[]> {
  const q = knex("tasks").select("*");
  if (f.deal !== undefined) q.where("deal", f.deal);
  const responsible = asList(f.responsible);
  if (responsible) q.whereIn("responsible", responsible);
  if (f.status !== undefined) q.where("status", f.status);
  // `deadline < ?` already leaves out tasks without one. Saying `deadline IS NOT NULL` as well
  // makes the bound two-sided, and SQLite without statistics then prefers tasks(status, deadline) —
  // every overdue task of the company — over tasks(responsible, status, deadline).
  if (f.overdueAt !== undefined) q.where("status", "open").where("deadline", "<", f.overdueAt);
  if (f.dueBefore !== undefined) q.where("status", "open").where("deadline", "<", f.dueBefore);
  // With a deadline bound every row has a deadline: order by it plainly, so the index
  // tasks(responsible, status, deadline) serves both the filter and the order.
  if (f.overdueAt === undefined && f.dueBefore === undefined) q.orderByRaw("CASE WHEN deadline IS NULL THEN 1 ELSE 0 END");
  q.orderBy([{ column: "deadline" }, { column: "created_at" }, { column: "id" }]);
  if (f.limit !== undefined) q.limit(f.limit);
  return ((await q) as Row[]).map(taskFromRow);
}

function whereDeals(q: Knex.QueryBuilder, f: DealFilter, alias: string): Knex.QueryBuilder {
  if (f.pipeline !== undefined) q.where(`${alias}.pipeline`, f.pipeline);
  if (f.stage !== undefined) q.where(`${alias}.stage`, f.stage);
  if (f.status !== undefined) q.where(`${alias}.status`, f.status);
  const responsible = asList(f.responsible);
  if (responsible) q.whereIn(`${alias}.responsible`, responsible);
  return q;
}

/** Deals by pipeline, stage, status and responsible, in id order. */
export async function queryDeals(knex: Knex, f: DealFilter): Promise<DealRecord[]> {
  const q = whereDeals(knex("deals as d").select("d.*"), f, "d").orderBy("d.id");
  if (f.limit !== undefined) q.limit(f.limit);
  return ((await q) as Row[]).map(dealFromRow);
}

/** Open deals with no open task (`NOT EXISTS` on the `tasks(deal, status)` index), in id order. */
export async function queryDealsWithoutOpenTask(knex: Knex, f: DealFilter): Promise<DealRecord[]> {
  const q = whereDeals(knex("deals as d").select("d.*"), f, "d")
    .where("d.status", "open")
    .whereNotExists(knex("tasks as t").select(knex.raw("1")).whereRaw("t.deal = d.id").where("t.status", "open"))
    .orderBy("d.id");
  if (f.limit !== undefined) q.limit(f.limit);
  return ((await q) as Row[]).map(dealFromRow);
}

/** History rows by deal, types and cursor, in cursor order. */
export async function queryHistory(knex: Knex, f: HistoryFilter): Promise<HistoryRow[]> {
  const q = knex("history").select("*");
  if (f.deal !== undefined) q.where("deal", f.deal);
  if (f.types) q.whereIn("type", f.types);
  if (f.since !== undefined) q.where("cursor", ">", f.since);
  q.orderBy("cursor");
  if (f.limit !== undefined) q.limit(f.limit);
  return ((await q) as Row[]).map(historyFromRow);
}

/** Deals per pipeline and stage (GROUP BY on the `deals(pipeline, stage)` index). */
export async function countDealsByStage(knex: Knex): Promise<{ pipeline: string; stage: string; deals: number }[]> {
  const rows = (await knex("deals").select("pipeline", "stage").count({ n: "*" }).groupBy("pipeline", "stage").orderBy(["pipeline", "stage"])) as Row[];
  return rows.map((r) => ({ pipeline: String(r["pipeline"]), stage: String(r["stage"]), deals: Number(r["n"]) }));
}
