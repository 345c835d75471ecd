/**
 * `POST /hooks/:secret`: an external system calls a `webhook` trigger. No bearer token: the
 * secret issued by `POST /api/triggers/:id/secret` is the credential; the server keeps only its
 * SHA-256 (`webhook_secrets.hash`). The body names the deal, `{ dealId }` or `{ externalId }`, and
 * is the trigger's `body` event field for conditions. The answer says where the deal is and
 * whether the trigger fired, without the deal's fields: a webhook caller needs no more.
 */
import { EngineError } from "@voronka/engine";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { hashCredential } from "../auth/tokens";
import type { AppContext, RouteModule } from "../context";

const SecretParams = z.object({ secret: z.string().min(1).max(500) });

const HookBody = z
  .looseObject({
    dealId: z.string().min(1).optional(),
    externalId: z.string().min(1).optional(),
  })
  .refine((b) => b.dealId !== undefined || b.externalId !== undefined, { message: 'Name the deal: { "dealId": "…" } or { "externalId": "…" }.' })
  .describe("Names the deal; every member is available to the trigger's condition as `event.body`.");

/** The trigger a secret belongs to, or null. */
async function triggerOf(ctx: AppContext, secret: string): Promise<string | null> {
  const row = (await ctx.knex("webhook_secrets").where("hash", hashCredential(secret)).first("trigger_id")) as { trigger_id: string } | undefined;
  return row?.trigger_id ?? null;
}

/** Registers the webhook endpoint. */
const hooks: RouteModule = async (root, ctx) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post("/hooks/:secret", { schema: { tags: ["hooks"], summary: "Call a webhook trigger (the secret is the credential)", params: SecretParams, body: HookBody } }, async (request) => {
    const triggerId = await triggerOf(ctx, request.params.secret);
    if (!triggerId) throw new EngineError("NOT_FOUND", "No webhook trigger has this secret; ask the admin for the trigger's current URL.");
    const { deal, fired } = await ctx.engine.receiveWebhook(triggerId, request.body);
    return {
      deal: { id: deal.id, ...(deal.externalId !== undefined ? { externalId: deal.externalId } : {}), pipeline: deal.pipeline, stage: deal.stage, status: deal.status, version: deal.version },
      fired,
    };
  });
};

export default hooks;
