/**
 * Tasks over HTTP: the task list (overdue first) and completing or rescheduling a task. A task is
 * visible when its responsible or its deal's responsible is in the caller's scope, and may be
 * acted on when its responsible is (a manager sees the supervisor's control task on their deal but
 * cannot close it: 403). A task out of sight answers 404.
 */
import { EngineError, type TaskRecord } from "@voronka/engine";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext, Caller, RouteModule } from "../context";
import { actorOf, callerOf, forbidden, inScope } from "./deals/access";
import type { Page } from "./deals/deal-queries";
import { setEtag } from "./deals/etag";
import { decodeCursor, encodeCursor, taskFromRow } from "./deals/rows";
import { IdParams, Instant, QueryFlag, limitParam } from "./deals/schemas";

const tags = ["tasks"];

const ListQuery = z.object({
  deal: z.string().optional(),
  responsible: z.string().optional(),
  status: z.enum(["open", "completed", "cancelled"]).optional(),
  overdue: QueryFlag.optional().describe("1: only open tasks past their deadline."),
  dueBefore: Instant.optional().describe("Only open tasks due before this instant (e.g. the end of today)."),
  limit: limitParam(100, 1000),
  cursor: z.string().optional().describe("The `nextCursor` of the previous page."),
});
type ListQuery = z.infer<typeof ListQuery>;

const RescheduleBody = z.object({
  deadline: Instant.describe("The new deadline."),
  // Optional in the schema so that a missing reason answers 422 REASON_REQUIRED (standard 7), not 400.
  reason: z.string().max(2000).optional().describe("Why the deadline moves (required: its absence answers 422 REASON_REQUIRED)."),
});

/**
 * One page of the tasks the caller may see: overdue first, then by deadline (none last), then id.
 * Paged by offset: the order depends on the clock, so a keyset would not be stable either.
 */
export async function listTasks(ctx: AppContext, caller: Caller, f: ListQuery): Promise<Page<TaskRecord>> {
  const { knex } = ctx;
  const now = ctx.clock.now().toISOString();
  let q = knex("tasks as t").select("t.*");
  if (caller.scope !== "all") {
    const scope = [...caller.scope];
    q = q.join("deals as d", "d.id", "t.deal").where((w) => w.whereIn("t.responsible", scope).orWhereIn("d.responsible", scope));
  }
  if (f.deal !== undefined) q = q.where("t.deal", f.deal);
  if (f.responsible !== undefined) q = q.where("t.responsible", f.responsible);
  if (f.status !== undefined) q = q.where("t.status", f.status);
  // `deadline < ?` leaves out tasks without one; an extra `IS NOT NULL` would steer SQLite without
  // statistics to tasks(status, deadline) instead of tasks(responsible, status, deadline).
  if (f.overdue !== undefined) {
    q = f.overdue
      ? q.where("t.status", "open").where("t.deadline", "<", now)
      : q.where((w) => w.whereNot("t.status", "open").orWhereNull("t.deadline").orWhere("t.deadline", ">=", now));
  }
  if (f.dueBefore !== undefined) q = q.where("t.status", "open").where("t.deadline", "<", new Date(f.dueBefore).toISOString());
  const offset = f.cursor === undefined ? 0 : Number(decodeCursor(f.cursor, 1)[0]);
  if (!Number.isInteger(offset) || offset < 0) throw new EngineError("VALIDATION_FAILED", "The cursor is not one this server gave out.");
  // Open tasks with a deadline bound (overdue=1, dueBefore): every row is open and has a deadline,
  // so "overdue first, then by deadline" is plain deadline order, which the index gives with a LIMIT.
  if (f.overdue !== true && f.dueBefore === undefined) {
    q = q.orderByRaw("CASE WHEN t.status = 'open' AND t.deadline IS NOT NULL AND t.deadline < ? THEN 0 ELSE 1 END", [now])
      .orderByRaw("CASE WHEN t.deadline IS NULL THEN 1 ELSE 0 END");
  }
  const rows = (await q
    .orderBy([{ column: "t.deadline", order: "asc" }, { column: "t.id", order: "asc" }])
    .offset(offset)
    .limit(f.limit + 1)) as Record<string, unknown>[];
  const items = rows.slice(0, f.limit).map(taskFromRow);
  return { items, nextCursor: rows.length > f.limit ? encodeCursor([offset + f.limit]) : null };
}

/** Loads a task the caller may act on: 404 when they cannot see it, 403 when it is not theirs. */
async function actionableTask(ctx: AppContext, caller: Caller, id: string): Promise<TaskRecord> {
  const task = await ctx.store.loadTask(id);
  const notFound = new EngineError("NOT_FOUND", `There is no task '${id}' (or it is not in your scope).`, { task: id });
  if (!task) throw notFound;
  if (inScope(caller, task.responsible)) return task;
  const deal = await ctx.store.load(task.deal);
  if (deal && inScope(caller, deal.record.responsible)) {
    forbidden(`This task is ${task.responsible}'s; only they or their supervisor may close or reschedule it.`, { task: id, responsible: task.responsible });
  }
  throw notFound;
}

/** Registers the task routes. */
const tasks: RouteModule = async (root, ctx) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get("/api/tasks", { schema: { tags, summary: "Tasks in your scope, overdue first", querystring: ListQuery } }, async (request) => {
    return listTasks(ctx, callerOf(request), request.query);
  });

  app.post("/api/tasks/:id/complete", { schema: { tags, summary: "Complete a task (fires taskCompleted triggers)", params: IdParams } }, async (request, reply) => {
    const caller = callerOf(request);
    await actionableTask(ctx, caller, request.params.id);
    const deal = await ctx.engine.completeTask(request.params.id, { actor: actorOf(caller) });
    setEtag(reply, deal.version);
    return { task: await ctx.store.loadTask(request.params.id), deal };
  });

  app.post(
    "/api/tasks/:id/reschedule",
    { schema: { tags, summary: "Move a task's deadline, with a reason", params: IdParams, body: RescheduleBody } },
    async (request, reply) => {
      const caller = callerOf(request);
      await actionableTask(ctx, caller, request.params.id);
      const { deadline, reason } = request.body;
      const deal = await ctx.engine.rescheduleTask(request.params.id, { deadline, actor: actorOf(caller), ...(reason !== undefined ? { reason } : {}) });
      setEtag(reply, deal.version);
      return { task: await ctx.store.loadTask(request.params.id), deal };
    },
  );
};

export default tasks;
