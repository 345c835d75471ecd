/**
 * The filters every figure shares, as SQL: the caller's scope (a manager their own, a supervisor
 * everyone whose supervisor chain leads to them, an admin everything), `pipeline`, `responsible`
 * and `team` (the user's `users.team` label). A figure applies them to the user it attributes a
 * row to — a deal's responsible, a task's responsible, an activity's author — and to the deal's
 * pipeline. A `responsible` or `team` outside the caller's scope simply yields nothing.
 */
import type { Knex } from "knex";
import type { Caller } from "../context";

/** The filters of every figure. */
export interface ReportFilter {
  pipeline?: string | undefined;
  responsible?: string | undefined;
  team?: string | undefined;
}

/**
 * Restricts a query to rows whose user column (`column`, a user id) is in the caller's scope and
 * matches the `responsible` and `team` filters.
 *
 * @example whereUser(knex, knex("tasks as t"), "t.responsible", caller, { team: "B2B" })
 */
export function whereUser<T extends Knex.QueryBuilder>(knex: Knex, query: T, column: string, caller: Caller, f: ReportFilter): T {
  if (caller.scope !== "all") void query.whereIn(column, [...caller.scope]);
  if (f.responsible !== undefined) void query.where(column, f.responsible);
  if (f.team !== undefined) void query.whereIn(column, knex("users").select("id").where("team", f.team));
  return query;
}

/**
 * Restricts a query over deals (`alias`, e.g. `d`) to the caller's scope and every filter: the
 * responsible's scope, `responsible` and `team`, and the deal's `pipeline`.
 *
 * @example whereDeal(knex, knex("deals as d").where("d.status", "won"), "d", caller, filter)
 */
export function whereDeal<T extends Knex.QueryBuilder>(knex: Knex, query: T, alias: string, caller: Caller, f: ReportFilter): T {
  whereUser(knex, query, `${alias}.responsible`, caller, f);
  if (f.pipeline !== undefined) void query.where(`${alias}.pipeline`, f.pipeline);
  return query;
}

/** How a figure breaks its rows down: by the deal's responsible, their team, or the pipeline. */
export type GroupBy = "manager" | "team" | "pipeline";

/**
 * The SQL expression of a breakdown over deals `d` (with users `u` joined on `d.responsible` for
 * `team`), or a typed null for none.
 */
export function groupExpr(by: GroupBy | "none"): string {
  switch (by) {
    case "manager":
      return "d.responsible";
    case "team":
      return "u.team";
    case "pipeline":
      return "d.pipeline";
    case "none":
      return "CAST(NULL AS TEXT)";
  }
}

/** Joins the responsible's user row as `u` when a breakdown by team needs it. */
export function joinTeam<T extends Knex.QueryBuilder>(query: T, by: GroupBy | "none"): T {
  if (by === "team") void query.leftJoin("users as u", "u.id", "d.responsible");
  return query;
}
