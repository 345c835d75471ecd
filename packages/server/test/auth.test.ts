/**
 * Auth over real HTTP: bearer tokens checked before the body is read (401 with the error body),
 * tokens stored as SHA-256 only, revocation and deactivation, `?access_token=` on /api/events
 * only, supervisor scope through a chain (cycle-safe), and a role × route matrix of the blueprint
 * and host-data routes.
 */
import { createHash } from "node:crypto";
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeOf, wouldCycle, type ScopeUser } from "../src/auth/scope";
import type { ErrorBody } from "../src/http/errors";
import { startTestServer, type TestServer } from "./helpers";

const blueprint = withStage(testBlueprint(), "sales", "proposal", { triggers: [{ id: "paid", type: "webhook", params: {} }] });

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ blueprint });
  expect((await server.api("admin", "PUT", "/api/blueprint/draft", blueprint)).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

describe("bearer tokens", () => {
  it.each([
    ["no token", {}],
    ["an unknown token", { authorization: "Bearer vk_not-a-real-token" }],
    ["a malformed header", { authorization: "Token abc" }],
    ["an empty bearer", { authorization: "Bearer " }],
  ])("answers 401 UNAUTHENTICATED with %s", async (_name, headers) => {
    const r = await fetch(`${server.url}/api/blueprint`, { headers });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await r.json()) as ErrorBody).error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/token|Sign in/) });
  });

  it("refuses an anonymous caller before reading the body: malformed or oversized bodies still answer 401", async () => {
    const bad = await fetch(`${server.url}/api/blueprint/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(401);
    const huge = await fetch(`${server.url}/api/blueprints/import`, { method: "POST", headers: { "content-type": "application/json" }, body: `"${"x".repeat(6 * 1024 * 1024)}"` });
    expect(huge.status).toBe(401);
  });

  it("authenticates a percent-escaped /api path like any other (the router decodes it)", async () => {
    expect((await fetch(`${server.url}/%61pi/users`)).status).toBe(401);
    expect((await fetch(`${server.url}/%61pi/users`, { headers: { authorization: `Bearer ${server.tokens.manager}` } })).status).toBe(403);
    expect((await fetch(`${server.url}/%61pi/users`, { headers: { authorization: `Bearer ${server.tokens.admin}` } })).status).toBe(200);
  });

  it("stores only the SHA-256 of a token", async () => {
    const created = await server.api("admin", "POST", "/api/tokens", { user: "vera", label: "hash check" });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^vk_[A-Za-z0-9_-]{43}$/);
    const row = await server.ctx.knex("tokens").where("id", created.body.id).first();
    expect(row.hash).toBe(createHash("sha256").update(token).digest("hex"));
    const dump = JSON.stringify(await server.ctx.knex("tokens").select("*"));
    expect(dump).not.toContain(token);
  });

  it("refuses a revoked token and the tokens of a deactivated user", async () => {
    const created = (await server.api("admin", "POST", "/api/tokens", { user: "elena" })).body;
    const asElena = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${created.token}` } });
    expect((await asElena()).status).toBe(200);
    expect((await server.api("admin", "DELETE", `/api/tokens/${created.id}`)).status).toBe(200);
    expect((await asElena()).status).toBe(401);

    await server.api("admin", "POST", "/api/users", { id: "temp", name: "Temp", role: "manager", supervisor: "igor" });
    const temp = (await server.api("admin", "POST", "/api/tokens", { user: "temp" })).body;
    const asTemp = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${temp.token}` } });
    expect((await asTemp()).status).toBe(200);
    expect((await server.api("admin", "PATCH", "/api/users/temp", { active: false })).status).toBe(200);
    expect((await asTemp()).status).toBe(401);
  });

  it("accepts ?access_token= on /api/events only", async () => {
    const query = `?access_token=${encodeURIComponent(server.tokens.manager)}`;
    expect((await fetch(`${server.url}/api/me${query}`)).status).toBe(401);
    const abort = new AbortController();
    const events = await fetch(`${server.url}/api/events${query}`, { signal: abort.signal });
    abort.abort();
    expect(events.status).toBe(200);
  });

  it("leaves public routes alone: /health, /openapi.json, /docs", async () => {
    for (const path of ["/health", "/openapi.json", "/docs/"]) expect((await fetch(`${server.url}${path}`)).status).toBe(200);
  });
});

describe("scope", () => {
  it("gives a supervisor everyone whose supervisor chain leads to them, through several levels", async () => {
    await server.api("admin", "POST", "/api/users", { id: "lead", name: "Team lead", role: "supervisor", supervisor: "sue" });
    await server.api("admin", "POST", "/api/users", { id: "junior", name: "Junior", role: "manager", supervisor: "lead" });
    const sue = (await server.api("supervisor", "GET", "/api/me")).body;
    expect(sue.scope).toEqual(["ann", "boris", "junior", "lead", "sue", "vera"]);
    const olga = (await server.api("olga", "GET", "/api/me")).body;
    expect(olga).toMatchObject({ role: "admin", scope: "all" });
    const ann = (await server.api("manager", "GET", "/api/me")).body;
    expect(ann).toMatchObject({ role: "manager", scope: ["ann"], user: { id: "ann", supervisor: "sue" } });
  });

  it("survives a cycle in the users table (a data error) and refuses to create one", async () => {
    const users = new Map<string, ScopeUser>([
      ["a", { id: "a", role: "supervisor", supervisor: "b" }],
      ["b", { id: "b", role: "supervisor", supervisor: "a" }],
      ["c", { id: "c", role: "manager", supervisor: "b" }],
    ]);
    expect(scopeOf(users, "a")).toEqual(new Set(["a", "b", "c"]));
    expect(wouldCycle(users, "c", "a")).toBe(false);
    expect(wouldCycle(new Map([["x", { id: "x", role: "manager", supervisor: "y" }]]), "y", "x")).toBe(true);
    const r = await server.api("admin", "PATCH", "/api/users/sue", { supervisor: "junior" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/loop of supervisors/);
  });
});

// The role × route matrix: admin, supervisor (sue), manager (ann), anonymous.
type Call = () => Promise<number>;
const as = (user: string | null, method: string, path: string | (() => string), body?: unknown): Call => async () =>
  (await server.api(user, method, typeof path === "string" ? path : path(), body)).status;
let n = 0;
const fresh = () => `u${++n}`;

const ROUTES: [string, (user: string | null) => Call, [number, number, number, number]][] = [
  ["GET /api/blueprint", (u) => as(u, "GET", "/api/blueprint"), [200, 200, 200, 401]],
  ["PUT /api/blueprint/draft", (u) => as(u, "PUT", "/api/blueprint/draft", blueprint), [200, 403, 403, 401]],
  ["POST /api/blueprint/validate", (u) => as(u, "POST", "/api/blueprint/validate", blueprint), [200, 200, 200, 401]],
  ["POST /api/blueprint/publish", (u) => as(u, "POST", "/api/blueprint/publish", {}), [200, 403, 403, 401]],
  ["GET /api/blueprint/versions", (u) => as(u, "GET", "/api/blueprint/versions"), [200, 200, 200, 401]],
  ["GET /api/blueprint/versions/1", (u) => as(u, "GET", "/api/blueprint/versions/1"), [200, 200, 200, 401]],
  ["GET /api/blueprint/export", (u) => as(u, "GET", "/api/blueprint/export"), [200, 200, 200, 401]],
  ["POST /api/blueprints/import?dryRun=1", (u) => as(u, "POST", "/api/blueprints/import?dryRun=1", blueprint), [200, 403, 403, 401]],
  ["POST /api/blueprints/import", (u) => as(u, "POST", "/api/blueprints/import", blueprint), [200, 403, 403, 401]],
  ["GET /api/catalogue", (u) => as(u, "GET", "/api/catalogue"), [200, 200, 200, 401]],
  ["POST /api/triggers/paid/secret", (u) => as(u, "POST", "/api/triggers/paid/secret"), [200, 403, 403, 401]],
  ["GET /api/triggers/secrets", (u) => as(u, "GET", "/api/triggers/secrets"), [200, 403, 403, 401]],
  ["GET /api/me", (u) => as(u, "GET", "/api/me"), [200, 200, 200, 401]],
  ["GET /api/users", (u) => as(u, "GET", "/api/users"), [200, 403, 403, 401]],
  ["GET /api/users/vera", (u) => as(u, "GET", "/api/users/vera"), [200, 403, 403, 401]],
  ["POST /api/users", (u) => async () => as(u, "POST", "/api/users", { id: fresh(), name: "New", role: "manager" })(), [201, 403, 403, 401]],
  ["PATCH /api/users/vera", (u) => as(u, "PATCH", "/api/users/vera", { team: "B2B" }), [200, 403, 403, 401]],
  ["GET /api/tokens", (u) => as(u, "GET", "/api/tokens"), [200, 403, 403, 401]],
  ["POST /api/tokens", (u) => as(u, "POST", "/api/tokens", { user: "vera" }), [201, 403, 403, 401]],
  ["GET /api/settings", (u) => as(u, "GET", "/api/settings"), [200, 200, 200, 401]],
  ["PATCH /api/settings", (u) => as(u, "PATCH", "/api/settings", { currency: "RUB" }), [200, 403, 403, 401]],
  ["PUT /api/settings", (u) => as(u, "PUT", "/api/settings", { currency: "RUB", timeZone: "Europe/Moscow" }), [200, 403, 403, 401]],
  ["GET /api/plans", (u) => as(u, "GET", "/api/plans"), [200, 200, 200, 401]],
  ["POST /api/plans", (u) => as(u, "POST", "/api/plans", { metric: "count", owner: { user: "ann" }, period: "month", start: "2026-05-01", target: 3 }), [201, 403, 403, 401]],
  ["PATCH /api/plans/march-2026-ann", (u) => as(u, "PATCH", "/api/plans/march-2026-ann", { target: 1_500_000 }), [200, 403, 403, 401]],
  ["GET /api/clients", (u) => as(u, "GET", "/api/clients"), [200, 200, 200, 401]],
  ["POST /api/clients", (u) => as(u, "POST", "/api/clients", { name: "ACME" }), [201, 201, 201, 401]],
  ["DELETE /api/clients/:id", (u) => async () => {
    const client = (await server.api("admin", "POST", "/api/clients", { name: "Short-lived" })).body;
    return as(u, "DELETE", `/api/clients/${client.id}`)();
  }, [204, 403, 403, 401]],
];
const USERS = ["admin", "supervisor", "manager", null] as const;
const CASES = ROUTES.flatMap(([route, call, expected]) => USERS.map((user, i) => [route, user ?? "anonymous", expected[i]!, call, user] as const));

describe("role × route", () => {
  it.each(CASES)("%s as %s → %i", async (_route, _who, expected, call, user) => {
    expect(await call(user)()).toBe(expected);
  });

  it("answers 403 with the error body naming the role", async () => {
    const r = await server.api("manager", "PUT", "/api/blueprint/draft", blueprint);
    expect(r.body).toEqual({ error: { code: "FORBIDDEN", message: "Only an admin may edit the blueprint; you are signed in as a manager.", details: { role: "manager", required: ["admin"] } } });
  });

  it("a refused write changes nothing", async () => {
    const before = (await server.api("admin", "GET", "/api/blueprint")).body.draft.revision;
    expect((await server.api("supervisor", "PUT", "/api/blueprint/draft", { broken: true })).status).toBe(403);
    expect((await server.api("admin", "GET", "/api/blueprint")).body.draft.revision).toBe(before);
  });
});
