/**
 * The OpenAPI document and its UI: every route's zod schemas (fastify-type-provider-zod) become
 * its OpenAPI 3.1 description at `/openapi.json`, browsable at `/docs`. Registered before the
 * routes, so it sees each of them.
 */
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** The API's description for the document's `info` block. */
const DESCRIPTION = [
  "Voronka: sales pipelines as blueprints of stages, robots and triggers, run by a durable statechart engine.",
  "",
  "Every `/api` route takes `Authorization: Bearer <token>` (`/api/events` also `?access_token=`).",
  "Errors answer `{ \"error\": { \"code\", \"message\", \"details\" } }`; lists answer `{ items, nextCursor }`.",
].join("\n");

/**
 * Registers the OpenAPI generator, `GET /openapi.json` and the UI at `/docs`.
 *
 * @example
 * await registerOpenApi(app, { version: "0.1.0", publicUrl: "http://localhost:3000" });
 */
export async function registerOpenApi(app: FastifyInstance, options: { version: string; publicUrl: string }): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Voronka API", version: options.version, description: DESCRIPTION },
      servers: [{ url: options.publicUrl }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (an admin creates them: POST /api/tokens or `pnpm voronka token create`)." } } },
      security: [{ bearer: [] }],
      tags: [
        { name: "blueprint", description: "Draft, validate, publish, versions, import and export" },
        { name: "deals" }, { name: "tasks" }, { name: "reports" }, { name: "events" },
        { name: "users" }, { name: "clients" }, { name: "plans" }, { name: "tokens" }, { name: "settings" },
        { name: "surveys", description: "Public survey links (no token: the link is the credential)" },
        { name: "hooks", description: "Webhook triggers (no token: the secret is the credential)" },
        { name: "system" },
      ],
    },
    // Routes outside /api take no bearer token (the survey link and the webhook secret are the credentials).
    transform: (document) => {
      const out = jsonSchemaTransform(document);
      return document.url.startsWith("/api") ? out : { ...out, schema: { ...out.schema, security: [] } };
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list", deepLinking: true, persistAuthorization: true } });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
