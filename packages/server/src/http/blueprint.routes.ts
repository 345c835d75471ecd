/**
 * The blueprint over HTTP (DESIGN.md "Routes"): the draft an admin edits (saved even while
 * invalid, with its problems as `issues`, guarded by `If-Match` on its revision), validation,
 * publishing with a stage mapping, published versions, export and import, the robot and trigger
 * catalogue, and webhook trigger secrets. Anyone signed in may read; writes are an admin's.
 */
import { blueprintJsonSchema, validateBlueprint, type Issue } from "@voronka/engine";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireAdmin } from "../auth/roles";
import type { AppContext, RouteModule } from "../context";
import { diffBlueprints } from "../host/blueprint-diff";
import { HttpError } from "./errors";

const tags = ["blueprint"];

const BlueprintBody = z
  .unknown()
  .refine((v) => v !== undefined && v !== null, "Send the blueprint as the JSON body (with content-type: application/json).")
  .describe("A Blueprint v1 document (JSON Schema: GET /api/blueprint/schema). Any JSON is accepted; its problems come back as issues.");

const IfMatch = z.looseObject({
  "if-match": z.string().optional().describe('The draft revision you last read (its ETag, e.g. "3"): the write is refused with 412 when the draft has changed since.'),
});

const PublishBody = z
  .object({
    mapping: z
      .record(z.string().regex(/^[^/]+\/[^/]+$/, 'a "pipeline/stage" reference'), z.string().regex(/^[^/]+\/[^/]+$/, 'a "pipeline/stage" reference'))
      .optional()
      .describe('Where the deals of stages that disappear go: { "pipeline/stage": "pipeline/stage" }.'),
  })
  .nullish()
  .describe("Optional: a request without a body publishes the draft as is.");

const Flag = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

const ImportQuery = z.object({
  dryRun: Flag.optional().describe("1: answer { changes, issues } and save nothing."),
  publish: Flag.optional().describe("1: publish it too (refused, saving nothing, while it has errors or would orphan deals)."),
});

const VersionParams = z.object({ n: z.coerce.number().int().min(1) });
const ExportQuery = z.object({ version: z.coerce.number().int().min(1).optional().describe("A published version; default the latest.") });
const TriggerParams = z.object({ id: z.string().min(1).max(200) });

/** The draft revision an `If-Match` names, undefined without one (or `*`); 400 when unreadable. */
export function revisionOf(request: FastifyRequest): number | undefined {
  const header = request.headers["if-match"];
  if (header === undefined || header.trim() === "" || header.trim() === "*") return undefined;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!m) throw new HttpError("VALIDATION_FAILED", `If-Match must be the draft's ETag, such as "3" (got ${header}).`, { ifMatch: header });
  return Number(m[1]);
}

/** Every issue of a blueprint (errors, then warnings), as the draft stores them. */
function issuesOf(ctx: AppContext, blueprint: unknown): { ok: boolean; issues: Issue[]; errors: Issue[]; warnings: Issue[] } {
  const result = validateBlueprint(blueprint, { registry: ctx.engine.registry });
  const errors = result.ok ? [] : result.issues.map((i) => ({ ...i, severity: i.severity ?? ("error" as const) }));
  const warnings = (result.warnings ?? []).map((i) => ({ ...i, severity: "warning" as const }));
  return { ok: result.ok, issues: [...errors, ...warnings], errors, warnings };
}

const setRevisionTag = (reply: FastifyReply, revision: number) => void reply.header("etag", `"${revision}"`);

/** The current draft's revision (0 when there is none). */
async function draftRevision(ctx: AppContext): Promise<number> {
  return (await ctx.store.loadDraft())?.version ?? 0;
}

/** Refuses with 412 when `If-Match` names another revision than the current draft's. */
async function checkRevision(ctx: AppContext, expected: number | undefined): Promise<void> {
  if (expected === undefined) return;
  const current = await draftRevision(ctx);
  if (current !== expected) {
    throw new HttpError("VERSION_CONFLICT", `The draft was saved by someone else (revision ${current}, you had ${expected}). Reload it and apply your change again.`, { revision: current });
  }
}

/** Whether a stored blueprint has a `webhook` trigger with this id. */
function hasWebhookTrigger(blueprint: unknown, id: string): boolean {
  const pipelines = (blueprint as { pipelines?: unknown } | null)?.pipelines;
  if (!Array.isArray(pipelines)) return false;
  return pipelines.some((p) =>
    Array.isArray((p as { stages?: unknown }).stages) &&
    (p as { stages: { triggers?: unknown }[] }).stages.some((s) =>
      Array.isArray(s?.triggers) && (s.triggers as { id?: unknown; type?: unknown }[]).some((t) => t?.id === id && t?.type === "webhook")));
}

/** Registers the blueprint, catalogue and trigger-secret routes. */
const blueprintRoutes: RouteModule = async (root, ctx) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get("/api/blueprint", { schema: { tags, summary: "The published blueprint and the draft (ETag: the draft revision)" } }, async (_request, reply) => {
    const [published, draft] = await Promise.all([ctx.store.loadBlueprint(), ctx.store.loadDraft()]);
    setRevisionTag(reply, draft?.version ?? 0);
    return {
      published: published ? { version: published.version, savedAt: published.savedAt, blueprint: published.blueprint } : null,
      draft: draft ? { revision: draft.version, savedAt: draft.savedAt, blueprint: draft.blueprint, issues: draft.issues } : null,
    };
  });

  let schema: Record<string, unknown> | null = null;
  app.get("/api/blueprint/schema", { schema: { tags, summary: "The Blueprint v1 JSON Schema, with this server's robot and trigger types" } }, async () => {
    schema ??= blueprintJsonSchema(ctx.engine.registry);
    return schema;
  });

  app.put("/api/blueprint/draft", { schema: { tags, summary: "Save the draft (admin); problems are stored as issues", headers: IfMatch, body: BlueprintBody } }, async (request, reply) => {
    requireAdmin(request, "edit the blueprint");
    const expected = revisionOf(request);
    const { ok, issues } = issuesOf(ctx, request.body);
    const revision = await ctx.store.saveBlueprint({ kind: "draft", blueprint: request.body, issues, ...(expected !== undefined ? { expectedRevision: expected } : {}) });
    setRevisionTag(reply, revision);
    return { revision, valid: ok, issues };
  });

  app.post("/api/blueprint/validate", { schema: { tags, summary: "Validate a blueprint without saving it", body: BlueprintBody } }, async (request) => {
    const { ok, errors, warnings } = issuesOf(ctx, request.body);
    return { ok, issues: errors, warnings };
  });

  app.post("/api/blueprint/publish", { schema: { tags, summary: "Publish the draft (admin): 422 while it has errors, 409 when a stage holding deals would disappear unmapped", headers: IfMatch, body: PublishBody } }, async (request, reply) => {
    requireAdmin(request, "publish the blueprint");
    const draft = await ctx.store.loadDraft();
    if (!draft) throw new HttpError("CONFLICT", "There is no draft to publish: save one first (PUT /api/blueprint/draft or POST /api/blueprints/import).");
    await checkRevision(ctx, revisionOf(request));
    const mapping = request.body?.mapping;
    const { version } = await ctx.engine.publish(draft.blueprint, mapping ? { mapping } : {});
    setRevisionTag(reply, draft.version);
    return { version };
  });

  app.get("/api/blueprint/versions", { schema: { tags, summary: "Published versions, newest first" } }, async () => {
    const versions = await ctx.store.listBlueprintVersions();
    return { items: [...versions].sort((a, b) => b.version - a.version), nextCursor: null };
  });

  app.get("/api/blueprint/versions/:n", { schema: { tags, summary: "One published version", params: VersionParams } }, async (request) => {
    const stored = await ctx.store.loadBlueprint(request.params.n);
    if (!stored) throw new HttpError("NOT_FOUND", `There is no published version ${request.params.n}.`, { version: request.params.n });
    return { version: stored.version, savedAt: stored.savedAt, blueprint: stored.blueprint };
  });

  app.get("/api/blueprint/export", { schema: { tags, summary: "Download a published blueprint as JSON (no secrets, users or plans: they are host data)", querystring: ExportQuery } }, async (request, reply) => {
    const stored = await ctx.store.loadBlueprint(request.query.version);
    if (!stored) {
      throw new HttpError("NOT_FOUND", request.query.version === undefined ? "Nothing is published yet." : `There is no published version ${request.query.version}.`);
    }
    const id = String((stored.blueprint as { id?: unknown }).id ?? "blueprint").replace(/[^a-zA-Z0-9_-]/g, "");
    void reply.header("content-disposition", `attachment; filename="${id}-v${stored.version}.json"`);
    return stored.blueprint;
  });

  app.post("/api/blueprints/import", { schema: { tags, summary: "Import a blueprint as the draft (admin); ?dryRun=1 shows the changes, ?publish=1 publishes too", querystring: ImportQuery, headers: IfMatch, body: BlueprintBody } }, async (request, reply) => {
    requireAdmin(request, "import blueprints");
    const expected = revisionOf(request);
    const [draft, published] = await Promise.all([ctx.store.loadDraft(), ctx.store.loadBlueprint()]);
    const base = draft ?? published;
    const against = draft ? { kind: "draft" as const, revision: draft.version } : published ? { kind: "published" as const, version: published.version } : null;
    const changes = { against, ...diffBlueprints(base?.blueprint ?? null, request.body) };
    const { ok, issues } = issuesOf(ctx, request.body);
    if (request.query.dryRun) return { valid: ok, changes, issues };
    await checkRevision(ctx, expected);
    // Publish first: a refused publish (422, 409) must leave the draft as it was.
    const version = request.query.publish ? (await ctx.engine.publish(request.body)).version : undefined;
    const revision = await ctx.store.saveBlueprint({ kind: "draft", blueprint: request.body, issues, ...(expected !== undefined ? { expectedRevision: expected } : {}) });
    setRevisionTag(reply, revision);
    return { revision, ...(version !== undefined ? { version } : {}), valid: ok, changes, issues };
  });

  app.get("/api/catalogue", { schema: { tags, summary: "Robot and trigger types with their params' JSON Schemas (for forms and the linter)" } }, async () => ctx.engine.catalogue());

  app.get("/api/triggers/secrets", { schema: { tags, summary: "Which webhook triggers have a secret (admin; never the secrets)" } }, async (request) => {
    requireAdmin(request, "see webhook secrets");
    return { items: await ctx.host.webhookSecrets.list(), nextCursor: null };
  });

  app.post("/api/triggers/:id/secret", { schema: { tags, summary: "Issue or rotate a webhook trigger's secret (admin); answers its URL, once", params: TriggerParams } }, async (request) => {
    requireAdmin(request, "issue webhook secrets");
    const id = request.params.id;
    const [draft, published] = await Promise.all([ctx.store.loadDraft(), ctx.store.loadBlueprint()]);
    if (!hasWebhookTrigger(published?.blueprint, id) && !hasWebhookTrigger(draft?.blueprint, id)) {
      throw new HttpError("NOT_FOUND", `There is no webhook trigger '${id}' in the published blueprint or the draft.`, { trigger: id });
    }
    const issued = await ctx.host.webhookSecrets.issue(id);
    return { trigger: id, url: `${ctx.config.publicUrl.replace(/\/+$/, "")}/hooks/${issued.secret}`, createdAt: issued.createdAt, rotated: issued.rotated };
  });

  app.delete("/api/triggers/:id/secret", { schema: { tags, summary: "Revoke a webhook trigger's secret (admin)", params: TriggerParams } }, async (request, reply) => {
    requireAdmin(request, "revoke webhook secrets");
    await ctx.host.webhookSecrets.revoke(request.params.id);
    return reply.code(204).send();
  });
};

export default blueprintRoutes;
