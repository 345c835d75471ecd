/**
 * Deals over HTTP (DESIGN.md "Routes"): create, list, read, update, move, reopen, history,
 * explain, activities and bulk import. Every route is scoped to the caller: a deal outside their
 * scope answers 404 as if it did not exist; 403 is for what their role may not do. Writes answer
 * the deal record with `ETag: "<version>"`; `If-Match` is honoured on PATCH and move.
 */
import { DealInputSchema } from "@voronka/engine";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteModule } from "../context";
import { requireRole } from "../auth/roles";
import { actorOf, assertDealInScope, callerOf, forbidden, inScope, visibleDeal } from "./deals/access";
import { dealView, listDeals } from "./deals/deal-queries";
import { expectedVersionOf, setEtag } from "./deals/etag";
import { DealStatus, Fields, IdParams, IfMatchHeaders, Instant, QueryFlag, limitParam } from "./deals/schemas";

const tags = ["deals"];

const ListQuery = z.object({
  pipeline: z.string().optional(),
  stage: z.string().optional(),
  responsible: z.string().optional().describe("A user id; outside your scope the list is empty."),
  team: z.string().optional().describe("The responsible's team label."),
  status: DealStatus.optional(),
  noOpenTask: QueryFlag.optional().describe("1: only deals with no open task (standard 7); 0: only deals with one."),
  limit: limitParam(50, 500),
  cursor: z.string().optional().describe("The `nextCursor` of the previous page."),
});

const HistoryQuery = z.object({
  cursor: z.string().regex(/^\d+$/).optional().describe("The `nextCursor` of the previous page (a history cursor)."),
  limit: limitParam(200, 1000),
});

const MoveBody = z.object({
  stage: z.string().min(1),
  fields: Fields.optional().describe("Field updates applied first, in the same step (e.g. the loss reason with a move to a failure stage)."),
});

const ReopenBody = z.object({
  stage: z.string().min(1).describe("A process stage of the deal's pipeline."),
  // Optional in the schema so that a missing reason answers 422 REASON_REQUIRED, not 400.
  reason: z.string().max(2000).optional().describe("Why the deal is reopened (required: its absence answers 422 REASON_REQUIRED)."),
});

const ActivityBody = z.object({
  type: z.string().min(1).describe("An activity type of the blueprint (call-out, meeting, …)."),
  at: Instant.optional().describe("When it happened; default now."),
  data: z.unknown().optional(),
});

const ImportBody = z.object({
  deals: z
    .array(z.record(z.string(), z.unknown()))
    .min(1)
    .max(10_000)
    .describe("Historical deals shaped as ImportRow (see the engine's ImportRowSchema); a row that does not fit is reported in `errors` with its index and the others are imported."),
});

/** Registers the deal routes. */
const deals: RouteModule = async (root, ctx) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post("/api/deals", { schema: { tags, summary: "Create a deal (its stage's guards and robots apply)", body: DealInputSchema } }, async (request, reply) => {
    const caller = callerOf(request);
    if (caller.role === "manager" && request.body.responsible !== caller.userId) {
      forbidden("A manager may only create deals they are responsible for.", { responsible: request.body.responsible });
    }
    if (!inScope(caller, request.body.responsible)) {
      forbidden(`'${request.body.responsible}' is not in your scope; create the deal for someone in your team.`, { responsible: request.body.responsible });
    }
    const deal = await ctx.engine.createDeal(request.body, { actor: actorOf(caller) });
    setEtag(reply, deal.version);
    return reply.code(201).header("location", `/api/deals/${encodeURIComponent(deal.id)}`).send(deal);
  });

  app.get("/api/deals", { schema: { tags, summary: "List deals in your scope, newest first", querystring: ListQuery } }, async (request) => {
    return listDeals(ctx, callerOf(request), request.query);
  });

  app.post("/api/deals/import", { schema: { tags, summary: "Import historical deals (admin): recorded by: import, no guards, no robots", body: ImportBody } }, async (request) => {
    requireRole(request, ["admin"], "import deals");
    const result = await ctx.engine.importDeals(request.body.deals);
    return { imported: result.imported, deals: result.deals, errors: result.errors };
  });

  app.get("/api/deals/:id", { schema: { tags, summary: "A deal with its open tasks and surveys", params: IdParams } }, async (request, reply) => {
    const loaded = await visibleDeal(ctx, callerOf(request), request.params.id);
    setEtag(reply, loaded.record.version);
    return dealView(ctx, loaded);
  });

  app.patch(
    "/api/deals/:id",
    { schema: { tags, summary: "Update a deal's fields ({ fields }); If-Match honoured", params: IdParams, headers: IfMatchHeaders, body: z.object({ fields: Fields }) } },
    async (request, reply) => {
      const caller = callerOf(request);
      const expectedVersion = expectedVersionOf(request);
      await assertDealInScope(ctx, caller, request.params.id);
      const deal = await ctx.engine.updateDeal(request.params.id, request.body.fields, { actor: actorOf(caller), ...(expectedVersion !== undefined ? { expectedVersion } : {}) });
      setEtag(reply, deal.version);
      return deal;
    },
  );

  app.post(
    "/api/deals/:id/move",
    { schema: { tags, summary: "Move a deal to a stage, with field updates applied first", params: IdParams, headers: IfMatchHeaders, body: MoveBody } },
    async (request, reply) => {
      const caller = callerOf(request);
      const expectedVersion = expectedVersionOf(request);
      await assertDealInScope(ctx, caller, request.params.id);
      const { stage, fields } = request.body;
      const deal = await ctx.engine.move(request.params.id, stage, {
        actor: actorOf(caller),
        ...(fields ? { fields } : {}),
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      setEtag(reply, deal.version);
      return deal;
    },
  );

  app.post("/api/deals/:id/reopen", { schema: { tags, summary: "Reopen a won or lost deal (supervisor or admin)", params: IdParams, body: ReopenBody } }, async (request, reply) => {
    const caller = callerOf(request);
    await assertDealInScope(ctx, caller, request.params.id);
    requireRole(request, ["supervisor", "admin"], "reopen a won or lost deal");
    const deal = await ctx.engine.reopen(request.params.id, request.body.stage, { reason: request.body.reason ?? "", actor: actorOf(caller) });
    setEtag(reply, deal.version);
    return deal;
  });

  app.get("/api/deals/:id/history", { schema: { tags, summary: "A deal's history, oldest first", params: IdParams, querystring: HistoryQuery } }, async (request) => {
    await visibleDeal(ctx, callerOf(request), request.params.id);
    const { cursor, limit } = request.query;
    const rows = await ctx.store.history({ deal: request.params.id, ...(cursor !== undefined ? { since: Number(cursor) } : {}), limit: limit + 1 });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last?.cursor !== undefined ? String(last.cursor) : null };
  });

  app.get("/api/deals/:id/explain", { schema: { tags, summary: "Why the deal is where it is, and what it waits for", params: IdParams } }, async (request) => {
    await assertDealInScope(ctx, callerOf(request), request.params.id);
    return ctx.engine.explain(request.params.id);
  });

  app.post("/api/deals/:id/activities", { schema: { tags, summary: "Log an activity (fires activity triggers)", params: IdParams, body: ActivityBody } }, async (request, reply) => {
    const caller = callerOf(request);
    await assertDealInScope(ctx, caller, request.params.id);
    const { type, at, data } = request.body;
    const deal = await ctx.engine.logActivity(request.params.id, { type, actor: actorOf(caller), ...(at !== undefined ? { at } : {}), ...(data !== undefined ? { data } : {}) });
    setEtag(reply, deal.version);
    return reply.code(201).send(deal);
  });
};

export default deals;
