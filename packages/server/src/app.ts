/**
 * `buildApp`: the server wired by hand, no container. One function shows every part and how they
 * meet — the SQL store, the host repos, the engine (with the users as its directory and the
 * worker's delivery as its `deliver`), the error handler, the auth hook, the OpenAPI document,
 * the route modules, the built editor and the worker.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fastifyStatic from "@fastify/static";
import { createEngine, type OutboxRecord, type Plugin, type Store } from "@voronka/engine";
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { installAuth } from "./auth/auth-hook";
import type { AppContext, Clock, RouteModule, ServerConfig } from "./context";
import type { Database } from "./db/connect";
import { createHostRepos } from "./host";
import adminRoutes from "./http/admin.routes";
import blueprintRoutes from "./http/blueprint.routes";
import dealsRoutes from "./http/deals.routes";
import { installErrorHandling } from "./http/errors";
import eventsRoutes from "./http/events.routes";
import hooksRoutes from "./http/hooks.routes";
import { registerOpenApi } from "./http/openapi";
import { installRateLimit } from "./http/rate-limit";
import reportsRoutes from "./http/reports.routes";
import surveysRoutes from "./http/surveys.routes";
import tasksRoutes from "./http/tasks.routes";
import { createSqlStore } from "./store/sql-store";
import { createDeliver } from "./worker/deliver";
import { startWorker, type Worker } from "./worker/worker";

/** The server's version, for `/health` and the OpenAPI document. */
export const VERSION = "0.1.0";

/** Every route module, in registration order. */
const ROUTES: readonly RouteModule[] = [blueprintRoutes, adminRoutes, dealsRoutes, tasksRoutes, reportsRoutes, eventsRoutes, surveysRoutes, hooksRoutes];

/** What {@link buildApp} takes. */
export interface BuildAppOptions {
  config: ServerConfig;
  /** An open, migrated database (`openDatabase`); its owner closes it after the app. */
  db: Database;
  /** Real time by default; tests pass a fake one. */
  clock?: Clock;
  /** Fastify's logger option: false (default), true, or `{ level }`. */
  logger?: FastifyServerOptions["logger"];
  /** Robot and trigger plugins in addition to the modules named in `config.plugins`. */
  plugins?: Plugin[];
  /** Replaces the SQL store (embedders, tests). */
  store?: Store;
  /** Replaces outbox delivery (tests). */
  deliver?: (effect: OutboxRecord) => void | Promise<void>;
}

/** What {@link buildApp} answers. */
export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** The worker, when `config.worker` is on (it stops when the app closes). */
  worker: Worker | null;
}

/**
 * Loads plugin modules (`VORONKA_PLUGINS`): package names, or paths relative to the working
 * directory; each module's default export is `{ robots?, triggers? }`.
 */
export async function loadPlugins(specifiers: readonly string[], cwd = process.cwd()): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  for (const spec of specifiers) {
    const target = spec.startsWith(".") || isAbsolute(spec) ? pathToFileURL(resolve(cwd, spec)).href : spec;
    let mod: { default?: unknown };
    try {
      mod = (await import(target)) as { default?: unknown };
    } catch (e) {
      throw new Error(`VORONKA_PLUGINS: cannot load '${spec}': ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const plugin = mod.default as { robots?: unknown; triggers?: unknown } | undefined;
    const listOrAbsent = (v: unknown) => v === undefined || Array.isArray(v);
    if (!plugin || typeof plugin !== "object" || !listOrAbsent(plugin.robots) || !listOrAbsent(plugin.triggers)) {
      throw new Error(`VORONKA_PLUGINS: '${spec}' must export default { robots?: RobotDefinition[], triggers?: TriggerDefinition[] }.`);
    }
    plugins.push(plugin as Plugin);
  }
  return plugins;
}

/** The built editor's folder: `config.editorDir`, or `packages/editor/dist` beside this package. */
export function editorDirOf(config: ServerConfig): string {
  return config.editorDir ?? fileURLToPath(new URL("../../editor/dist", import.meta.url));
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Voronka</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1em .3em}</style></head>
<body><h1>Voronka is running</h1>
<p>The editor is not built yet. Build it with <code>pnpm --filter @voronka/editor build</code> and reload this page.</p>
<p>Meanwhile the API works: see <a href="/docs">the API documentation</a> (<a href="/openapi.json">OpenAPI</a>) and <a href="/health">/health</a>.</p>
</body></html>`;

/** `/health`, and the editor (or a page saying it is not built) at `/`. */
async function registerSystemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get("/health", { schema: { tags: ["system"], summary: "Liveness and database check (no token)", security: [] } }, async (_request, reply) => {
    try {
      await ctx.knex.raw("select 1");
      return { status: "ok", version: VERSION, database: ctx.db.dialect, blueprintVersion: await ctx.store.publishedVersion() };
    } catch {
      return reply.code(503).send({ status: "unavailable", version: VERSION, database: ctx.db.dialect });
    }
  });
  const dir = editorDirOf(ctx.config);
  if (existsSync(join(dir, "index.html"))) {
    await app.register(fastifyStatic, { root: dir, prefix: "/", wildcard: false, index: "index.html" });
  } else {
    app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.type("text/html; charset=utf-8").send(NOT_BUILT_PAGE));
  }
}

/**
 * Builds the server. Nothing listens yet: call `app.listen()` (or `app.inject()`); `app.close()`
 * stops the worker and the routes, then the caller closes the database.
 *
 * @example
 * const db = await openDatabase({ dataDir: config.dataDir });
 * const { app, ctx } = await buildApp({ config, db, logger: { level: "info" } });
 * await app.listen({ port: config.port, host: config.host });
 */
export async function buildApp(options: BuildAppOptions): Promise<BuiltApp> {
  const { config, db } = options;
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const store = options.store ?? createSqlStore(db, { now: () => clock.now() });
  const host = createHostRepos(db.knex, clock, { timeZone: config.timeZone, currency: config.currency });
  await host.settings.load();
  const plugins = [...(await loadPlugins(config.plugins)), ...(options.plugins ?? [])];

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimit,
    // One line per request is noise for a small team's server; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 500 },
  });

  const deliver = options.deliver ?? createDeliver({
    allowPrivateWebhooks: config.allowPrivateWebhooks,
    notifyWebhook: config.notifyWebhook,
    get publicUrl() { return config.publicUrl; },
    logger: app.log,
  });
  const engine = createEngine({ store, clock, directory: host.users.directory(), deliver, plugins, settings: host.settings.current });
  const ctx: AppContext = { config, db, knex: db.knex, store, engine, clock, host };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, { bodyLimit: config.bodyLimit });
  await registerOpenApi(app, { version: VERSION, publicUrl: config.publicUrl });
  installAuth(app, host);
  await installRateLimit(app, config.rateLimit);
  await registerSystemRoutes(app, ctx);
  for (const routes of ROUTES) await app.register(async (scope) => routes(scope, ctx));

  const worker = config.worker ? startWorker(engine, { tickMs: config.tickMs, logger: app.log }) : null;
  app.addHook("onClose", async () => {
    await worker?.stop();
    await (store as { close?: () => Promise<void> }).close?.();
  });
  return { app, ctx, worker };
}
