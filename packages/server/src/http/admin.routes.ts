/**
 * Host data over HTTP: users, tokens, clients, plans and workspace settings, plus `GET /api/me`.
 *
 * Who may do what: users and tokens are an admin's (a user may read their own record through
 * `/api/me` or `/api/users/<self>`); everyone signed in reads clients, plans (user plans within
 * their scope, pipeline plans all) and settings, and may create and edit clients; plan and
 * settings writes and client deletion are an admin's. Lists answer `{ items, nextCursor }`.
 */
import { isValidTimeZone } from "@voronka/engine";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { callerOfRequest, requireAdmin } from "../auth/roles";
import type { RouteModule } from "../context";
import { HttpError } from "./errors";

const UserId = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,99}$/, "letters, digits and . _ @ - (up to 100)");
const Id = z.string().min(1).max(200);
const Role = z.enum(["admin", "supervisor", "manager"]);
const IdParams = z.object({ id: Id });
const Paging = {
  cursor: z.string().max(500).optional().describe("The `nextCursor` of the previous page."),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("Page size, 1-500 (default 50)."),
};
const Flag = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");
const Day = z.iso.date().describe("YYYY-MM-DD");

const UserCreate = z.object({
  id: UserId.optional().describe("A stable id (e.g. a login name); generated when absent."),
  name: z.string().trim().min(1).max(200),
  role: Role,
  supervisor: UserId.nullable().optional().describe("Who controls this user's tasks (standard 6)."),
  team: z.string().max(100).nullable().optional(),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a language tag such as en or ru").optional(),
  email: z.email().nullable().optional(),
});
const UserPatch = UserCreate.omit({ id: true }).partial().extend({ active: z.boolean().optional().describe("false: the user can no longer sign in or own new deals.") });
const UserQuery = z.object({ role: Role.optional(), team: z.string().optional(), active: Flag.optional(), ...Paging });

const TokenCreate = z.object({ user: UserId, label: z.string().max(200).nullable().optional() });
const TokenQuery = z.object({ user: UserId.optional(), revoked: Flag.optional(), ...Paging });

const ImportantDate = z.object({ label: z.string().min(1).max(200), date: Day });
const ClientCreate = z.object({
  id: Id.optional(),
  name: z.string().trim().min(1).max(300),
  segment: z.string().max(100).nullable().optional(),
  importantDates: z.array(ImportantDate).max(100).optional(),
});
const ClientPatch = ClientCreate.omit({ id: true }).partial();
const ClientQuery = z.object({ q: z.string().max(200).optional().describe("Part of the name."), segment: z.string().optional(), ...Paging });

const PlanOwner = z.union([z.object({ user: UserId }).strict(), z.object({ pipeline: z.string().min(1) }).strict()]);
const Period = z.enum(["month", "quarter", "half-year", "year"]);
const PlanCreate = z.object({
  id: Id.optional(),
  metric: z.enum(["amount", "count"]).describe("amount: won revenue; count: won deals."),
  owner: PlanOwner,
  period: Period,
  start: Day.describe("The first day of the period."),
  target: z.number().positive(),
});
const PlanPatch = PlanCreate.omit({ id: true }).partial();
const PlanQuery = z.object({ user: UserId.optional(), pipeline: z.string().optional(), period: Period.optional(), ...Paging });

const SettingsBody = z.object({
  timeZone: z.string().refine(isValidTimeZone, "an IANA time zone such as Europe/Moscow"),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as RUB"),
});

/** Registers the host-data routes. */
const adminRoutes: RouteModule = async (root, ctx) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { users, tokens, clients, plans, settings } = ctx.host;

  app.get("/api/me", { schema: { tags: ["users"], summary: "Who you are: your user, role, and the people in your scope" } }, async (request) => {
    const caller = callerOfRequest(request);
    const all = await users.all();
    const visible = [...all.values()].filter((u) => caller.scope === "all" || caller.scope.has(u.id));
    return {
      user: all.get(caller.userId) ?? null,
      role: caller.role,
      scope: caller.scope === "all" ? "all" : [...caller.scope].sort(),
      people: visible.map((u) => ({ id: u.id, name: u.name, role: u.role, supervisor: u.supervisor, team: u.team, active: u.active })),
    };
  });

  // Users -------------------------------------------------------------------------------------
  app.get("/api/users", { schema: { tags: ["users"], summary: "List users (admin)", querystring: UserQuery } }, async (request) => {
    requireAdmin(request, "list users");
    return users.list(request.query);
  });

  app.get("/api/users/:id", { schema: { tags: ["users"], summary: "One user (admin, or yourself)", params: IdParams } }, async (request) => {
    const caller = callerOfRequest(request);
    if (caller.userId !== request.params.id) requireAdmin(request, "read other users");
    const user = await users.get(request.params.id);
    if (!user) throw new HttpError("NOT_FOUND", `There is no user '${request.params.id}'.`);
    return user;
  });

  app.post("/api/users", { schema: { tags: ["users"], summary: "Create a user (admin)", body: UserCreate } }, async (request, reply) => {
    requireAdmin(request, "create users");
    const user = await users.create(request.body);
    return reply.code(201).header("location", `/api/users/${encodeURIComponent(user.id)}`).send(user);
  });

  app.patch("/api/users/:id", { schema: { tags: ["users"], summary: "Change a user (admin)", params: IdParams, body: UserPatch } }, async (request) => {
    requireAdmin(request, "change users");
    const user = await users.update(request.params.id, request.body);
    if (!user.active) await tokens.revokeAllOf(user.id);
    return user;
  });

  app.delete("/api/users/:id", { schema: { tags: ["users"], summary: "Deactivate a user and revoke their tokens (admin); their deals and history stay", params: IdParams } }, async (request) => {
    requireAdmin(request, "deactivate users");
    const user = await users.update(request.params.id, { active: false });
    await tokens.revokeAllOf(user.id);
    return user;
  });

  // Tokens ------------------------------------------------------------------------------------
  app.get("/api/tokens", { schema: { tags: ["tokens"], summary: "List tokens (admin; never the secrets)", querystring: TokenQuery } }, async (request) => {
    requireAdmin(request, "list tokens");
    return tokens.list(request.query);
  });

  app.post("/api/tokens", { schema: { tags: ["tokens"], summary: "Create a token for a user (admin); the answer is the only time it is shown", body: TokenCreate } }, async (request, reply) => {
    requireAdmin(request, "create tokens");
    const created = await tokens.create(request.body.user, request.body.label ?? null);
    return reply.code(201).header("cache-control", "no-store").send({ ...created, loginUrl: `${ctx.config.publicUrl.replace(/\/+$/, "")}/#token=${created.token}` });
  });

  app.delete("/api/tokens/:id", { schema: { tags: ["tokens"], summary: "Revoke a token (admin)", params: IdParams } }, async (request) => {
    requireAdmin(request, "revoke tokens");
    return tokens.revoke(request.params.id);
  });

  // Clients -----------------------------------------------------------------------------------
  app.get("/api/clients", { schema: { tags: ["clients"], summary: "List clients", querystring: ClientQuery } }, async (request) => clients.list(request.query));

  app.get("/api/clients/:id", { schema: { tags: ["clients"], summary: "One client", params: IdParams } }, async (request) => {
    const client = await clients.get(request.params.id);
    if (!client) throw new HttpError("NOT_FOUND", `There is no client '${request.params.id}'.`);
    return client;
  });

  app.post("/api/clients", { schema: { tags: ["clients"], summary: "Create a client", body: ClientCreate } }, async (request, reply) => {
    const client = await clients.create(request.body);
    return reply.code(201).header("location", `/api/clients/${encodeURIComponent(client.id)}`).send(client);
  });

  app.patch("/api/clients/:id", { schema: { tags: ["clients"], summary: "Change a client", params: IdParams, body: ClientPatch } }, async (request) =>
    clients.update(request.params.id, request.body));

  app.delete("/api/clients/:id", { schema: { tags: ["clients"], summary: "Delete a client no deal refers to (admin)", params: IdParams } }, async (request, reply) => {
    requireAdmin(request, "delete clients");
    await clients.remove(request.params.id);
    return reply.code(204).send();
  });

  // Plans -------------------------------------------------------------------------------------
  app.get("/api/plans", { schema: { tags: ["plans"], summary: "List plans (user plans within your scope, pipeline plans all)", querystring: PlanQuery } }, async (request) => {
    const caller = callerOfRequest(request);
    return plans.list({ ...request.query, ...(caller.scope === "all" ? {} : { users: [...caller.scope] }) });
  });

  app.get("/api/plans/:id", { schema: { tags: ["plans"], summary: "One plan", params: IdParams } }, async (request) => {
    const caller = callerOfRequest(request);
    const plan = await plans.get(request.params.id);
    const visible = plan && (caller.scope === "all" || !("user" in plan.owner) || caller.scope.has(plan.owner.user));
    if (!plan || !visible) throw new HttpError("NOT_FOUND", `There is no plan '${request.params.id}' (or it is not in your scope).`);
    return plan;
  });

  app.post("/api/plans", { schema: { tags: ["plans"], summary: "Create a plan (admin)", body: PlanCreate } }, async (request, reply) => {
    requireAdmin(request, "set plans");
    const plan = await plans.create(request.body);
    return reply.code(201).header("location", `/api/plans/${encodeURIComponent(plan.id)}`).send(plan);
  });

  app.patch("/api/plans/:id", { schema: { tags: ["plans"], summary: "Change a plan (admin)", params: IdParams, body: PlanPatch } }, async (request) => {
    requireAdmin(request, "change plans");
    return plans.update(request.params.id, request.body);
  });

  app.delete("/api/plans/:id", { schema: { tags: ["plans"], summary: "Delete a plan (admin)", params: IdParams } }, async (request, reply) => {
    requireAdmin(request, "delete plans");
    await plans.remove(request.params.id);
    return reply.code(204).send();
  });

  // Settings ----------------------------------------------------------------------------------
  app.get("/api/settings", { schema: { tags: ["settings"], summary: "Workspace settings: time zone and currency" } }, async () => ({ ...settings.current }));

  app.patch("/api/settings", { schema: { tags: ["settings"], summary: "Change workspace settings (admin); applies to the next step", body: SettingsBody.partial() } }, async (request) => {
    requireAdmin(request, "change settings");
    return settings.update(request.body);
  });

  app.put("/api/settings", { schema: { tags: ["settings"], summary: "Replace workspace settings (admin)", body: SettingsBody } }, async (request) => {
    requireAdmin(request, "change settings");
    return settings.update(request.body);
  });
};

export default adminRoutes;
