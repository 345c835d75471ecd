/**
 * Who may see and act on what, for the deal, task, report and event routes: a manager their own
 * deals and tasks, a supervisor everyone in their scope, an admin everything. A deal outside the
 * caller's scope answers 404, not 403, so that its existence does not leak; 403 is kept for what
 * the caller can see but their role may not do (reopen, import, another's task).
 */
import type { Actor, LoadedDeal } from "@voronka/engine";
import { EngineError } from "@voronka/engine";
import type { Knex } from "knex";
import { callerOfRequest } from "../../auth/roles";
import type { AppContext, Caller } from "../../context";
import type { SqlStore } from "../../store/sql-store";
import { HttpError } from "../errors";

/** The authenticated caller of an `/api` route (401 when the auth hook set none). */
export const callerOf = callerOfRequest;

/** Whether `userId`'s deals and tasks are in the caller's scope. */
export function inScope(caller: Caller, userId: string): boolean {
  return caller.scope === "all" || caller.scope.has(userId);
}

/** The history actor for what the caller does. */
export function actorOf(caller: Caller): Actor {
  return { user: caller.userId };
}

/** Refuses with 403 `FORBIDDEN`. */
export function forbidden(message: string, details: Record<string, unknown> = {}): never {
  throw new HttpError("FORBIDDEN", message, details);
}

/** The "no such deal" error, the same for a missing deal and one outside the caller's scope. */
export function dealNotFound(id: string): EngineError {
  return new EngineError("NOT_FOUND", `There is no deal '${id}' (or it is not in your scope).`, { deal: id });
}

/** Loads a deal the caller may see, or answers 404 as if it did not exist. */
export async function visibleDeal(ctx: AppContext, caller: Caller, id: string): Promise<LoadedDeal> {
  const loaded = await ctx.store.load(id);
  if (!loaded || !inScope(caller, loaded.record.responsible)) throw dealNotFound(id);
  return loaded;
}

/**
 * Answers 404 unless the deal exists and is in the caller's scope: the check before a write, one
 * indexed read of the deal's responsible (none at all for an admin: the engine answers 404 for a
 * deal that does not exist).
 */
export async function assertDealInScope(ctx: AppContext, caller: Caller, id: string): Promise<void> {
  if (caller.scope === "all") return;
  const responsible = await responsibleOf(ctx, id);
  if (responsible === null || !inScope(caller, responsible)) throw dealNotFound(id);
}

/** A deal's responsible: from the SQL store (a prepared statement on `better-sqlite3`), else by knex. */
async function responsibleOf(ctx: AppContext, id: string): Promise<string | null> {
  const store = ctx.store as Partial<Pick<SqlStore, "responsibleOf">>;
  if (typeof store.responsibleOf === "function") return store.responsibleOf(id);
  const row = (await ctx.knex("deals").where("id", id).first("responsible")) as { responsible: string } | undefined;
  return row ? row.responsible : null;
}

/** Restricts a query to rows whose `column` (a user id) is in the caller's scope. */
export function whereInScope<T extends Knex.QueryBuilder>(query: T, column: string, caller: Caller): T {
  if (caller.scope === "all") return query;
  return query.whereIn(column, [...caller.scope]) as T;
}

/**
 * Restricts a query to the deals of a team: their responsible's `users.team` label. A team
 * outside the caller's scope simply yields nothing.
 */
export function whereTeam<T extends Knex.QueryBuilder>(knex: Knex, query: T, column: string, team: string | undefined): T {
  if (team === undefined) return query;
  return query.whereIn(column, knex("users").select("id").where("team", team)) as T;
}
