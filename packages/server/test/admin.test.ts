/**
 * Host data over real HTTP: users (supervisor checks, the last admin, deactivation), tokens
 * (shown once, listed without secrets), clients, plans (period checks, scoped reads), settings
 * (applied to the engine's next step) and `/api/me`; lists page with `{ items, nextCursor }`.
 */
import { testBlueprint } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ blueprint: testBlueprint() });
});
afterAll(async () => {
  await server?.close();
});

describe("users", () => {
  it("creates a user (201, Location) and refuses a taken id (409)", async () => {
    const r = await server.api("admin", "POST", "/api/users", { id: "nina", name: "Nina", role: "manager", supervisor: "sue", team: "B2B", email: "nina@example.com" });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe("/api/users/nina");
    expect(r.body).toEqual({ id: "nina", name: "Nina", role: "manager", supervisor: "sue", team: "B2B", locale: "en", email: "nina@example.com", active: true, createdAt: expect.any(String) });
    const again = await server.api("admin", "POST", "/api/users", { id: "nina", name: "Nina 2", role: "manager" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");
  });

  it("generates an id when none is given", async () => {
    const r = await server.api("admin", "POST", "/api/users", { name: "No id", role: "manager" });
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ["an unknown supervisor", { id: "x1", name: "X", role: "manager", supervisor: "ghost" }, /no user 'ghost'/],
    ["an unknown role", { id: "x2", name: "X", role: "boss" }, /role/],
    ["a bad e-mail", { id: "x3", name: "X", role: "manager", email: "not-an-email" }, /email/],
    ["a bad id", { id: "has space", name: "X", role: "manager" }, /id/],
  ])("refuses %s with 400", async (_name, body, message) => {
    const r = await server.api("admin", "POST", "/api/users", body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
    expect(r.body.error.message).toMatch(message);
  });

  it("changes a user, and moving a manager changes their supervisor's scope at once", async () => {
    expect((await server.api("igor", "GET", "/api/me")).body.scope).not.toContain("nina");
    const r = await server.api("admin", "PATCH", "/api/users/nina", { supervisor: "igor", team: "B2C" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ supervisor: "igor", team: "B2C" });
    expect((await server.api("igor", "GET", "/api/me")).body.scope).toContain("nina");
    expect((await server.api("admin", "PATCH", "/api/users/ghost", { team: "x" })).status).toBe(404);
  });

  it("keeps at least one active admin", async () => {
    await server.api("admin", "PATCH", "/api/users/olga", { role: "supervisor" });
    const r = await server.api("admin", "PATCH", "/api/users/admin", { role: "manager" });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/last active admin/);
    expect((await server.api("admin", "PATCH", "/api/users/olga", { role: "admin" })).status).toBe(200);
  });

  it("deactivates with DELETE: tokens revoked, history kept, no new deals for them", async () => {
    await server.api("admin", "POST", "/api/users", { id: "leaver", name: "Leaver", role: "manager", supervisor: "sue" });
    const token = (await server.api("admin", "POST", "/api/tokens", { user: "leaver" })).body;
    const r = await server.api("admin", "DELETE", "/api/users/leaver");
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token.token}` } })).status).toBe(401);
    const deal = await server.api("admin", "POST", "/api/deals", { pipeline: "sales", title: "For a leaver", responsible: "leaver" });
    expect(deal.status).toBe(400);
  });

  it("pages with nextCursor and filters", async () => {
    const first = await server.api("admin", "GET", "/api/users?limit=3");
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await server.api("admin", "GET", `/api/users?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id > first.body.items[2].id).toBe(true);
    const all: string[] = [];
    for (let cursor: string | null = null, i = 0; i < 20; i++) {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await server.api("admin", "GET", `/api/users?limit=4${cursor ? `&cursor=${cursor}` : ""}`)).body;
      all.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(["admin", "olga", "sue", "ann", "nina"]));
    const supervisors = (await server.api("admin", "GET", "/api/users?role=supervisor")).body.items.map((u: { id: string }) => u.id);
    expect(supervisors.sort()).toEqual(["igor", "sue"]);
    expect((await server.api("admin", "GET", "/api/users?cursor=garbage")).status).toBe(400);
  });

  it("lets a user read their own record, not another's", async () => {
    expect((await server.api("ann", "GET", "/api/users/ann")).status).toBe(200);
    expect((await server.api("ann", "GET", "/api/users/boris")).status).toBe(403);
  });
});

describe("tokens", () => {
  it("shows a new token once, with its login URL; lists never show a token or hash", async () => {
    const r = await server.api("admin", "POST", "/api/tokens", { user: "boris", label: "laptop" });
    expect(r.status).toBe(201);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.body).toEqual({ id: expect.any(String), user: "boris", label: "laptop", createdAt: expect.any(String), lastUsedAt: null, revokedAt: null, token: expect.stringMatching(/^vk_/), loginUrl: `${server.url}/#token=${r.body.token}` });
    const list = await server.api("admin", "GET", "/api/tokens?user=boris");
    const listed = list.body.items.find((t: { id: string }) => t.id === r.body.id);
    expect(listed).toEqual({ id: r.body.id, user: "boris", label: "laptop", createdAt: expect.any(String), lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(r.body.token);
  });

  it("records when a token was last used, and revokes", async () => {
    const t = (await server.api("admin", "POST", "/api/tokens", { user: "vera" })).body;
    await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${t.token}` } });
    const used = (await server.api("admin", "GET", "/api/tokens?user=vera&revoked=0")).body.items.find((x: { id: string }) => x.id === t.id);
    expect(used.lastUsedAt).toEqual(expect.any(String));
    const revoked = await server.api("admin", "DELETE", `/api/tokens/${t.id}`);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    // The verified-token cache must not let a revoked token through, not even for a moment.
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${t.token}` } })).status).toBe(401);
    expect((await server.api("admin", "DELETE", "/api/tokens/nope")).status).toBe(404);
  });

  it("refuses a token for an unknown user", async () => {
    expect((await server.api("admin", "POST", "/api/tokens", { user: "ghost" })).status).toBe(400);
  });
});

describe("clients", () => {
  it("creates, reads, searches, changes; deletes one no deal refers to, refuses one that has deals", async () => {
    const acme = await server.api("manager", "POST", "/api/clients", { id: "acme", name: "ACME Ltd", segment: "b2b", importantDates: [{ label: "Founded", date: "2001-04-12" }] });
    expect(acme.status).toBe(201);
    expect(acme.body).toEqual({ id: "acme", name: "ACME Ltd", segment: "b2b", importantDates: [{ label: "Founded", date: "2001-04-12" }], createdAt: expect.any(String) });
    expect((await server.api("manager", "GET", "/api/clients/acme")).body.name).toBe("ACME Ltd");
    expect((await server.api("manager", "GET", "/api/clients?q=acme")).body.items.map((c: { id: string }) => c.id)).toEqual(["acme"]);
    expect((await server.api("manager", "PATCH", "/api/clients/acme", { segment: "enterprise" })).body.segment).toBe("enterprise");
    expect((await server.api("manager", "POST", "/api/clients", { name: "Bad date", importantDates: [{ label: "x", date: "12.04.2001" }] })).status).toBe(400);

    const deal = await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "ACME order", responsible: "ann", client: "acme" });
    expect(deal.status).toBe(201);
    const refused = await server.api("admin", "DELETE", "/api/clients/acme");
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ deals: 1 });

    const spare = (await server.api("manager", "POST", "/api/clients", { name: "Spare" })).body;
    expect((await server.api("admin", "DELETE", `/api/clients/${spare.id}`)).status).toBe(204);
    expect((await server.api("manager", "GET", `/api/clients/${spare.id}`)).status).toBe(404);
  });
});

describe("plans", () => {
  it("has the demo plans; refuses a period that does not start on its first day", async () => {
    expect((await server.api("admin", "GET", "/api/plans/march-2026-ann")).body).toEqual({ id: "march-2026-ann", metric: "amount", owner: { user: "ann" }, period: "month", start: "2026-03-01", target: 1_500_000 });
    const r = await server.api("admin", "POST", "/api/plans", { metric: "amount", owner: { pipeline: "sales" }, period: "quarter", start: "2026-02-01", target: 100 });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/quarter plan starts on the first day/);
    expect((await server.api("admin", "POST", "/api/plans", { metric: "count", owner: { user: "ann" }, period: "month", start: "2026-05-01", target: 2.5 })).status).toBe(400);
    expect((await server.api("admin", "POST", "/api/plans", { metric: "count", owner: { user: "ghost" }, period: "month", start: "2026-05-01", target: 2 })).status).toBe(400);
  });

  it("shows a manager their own plans and pipeline plans, a supervisor their team's", async () => {
    const owners = async (user: string) =>
      new Set(((await server.api(user, "GET", "/api/plans?limit=500")).body.items as { owner: { user?: string; pipeline?: string } }[]).map((p) => p.owner.user ?? `pipeline:${p.owner.pipeline}`));
    const ann = await owners("ann");
    expect(ann.has("ann")).toBe(true);
    expect(ann.has("boris")).toBe(false);
    expect(ann.has("pipeline:b2b-new")).toBe(true);
    const sue = await owners("sue");
    expect([...sue].filter((o) => !o.startsWith("pipeline:")).sort()).toEqual(["ann", "boris", "vera"]);
    expect((await server.api("ann", "GET", "/api/plans/march-2026-boris")).status).toBe(404);
  });

  it("changes and deletes a plan", async () => {
    const plan = (await server.api("admin", "POST", "/api/plans", { id: "y2027", metric: "amount", owner: { pipeline: "sales" }, period: "year", start: "2027-01-01", target: 1e6 })).body;
    expect((await server.api("admin", "PATCH", `/api/plans/${plan.id}`, { target: 2e6 })).body.target).toBe(2e6);
    expect((await server.api("admin", "PATCH", `/api/plans/${plan.id}`, { period: "quarter", start: "2027-02-01" })).status).toBe(400);
    expect((await server.api("admin", "DELETE", `/api/plans/${plan.id}`)).status).toBe(204);
    expect((await server.api("admin", "DELETE", `/api/plans/${plan.id}`)).status).toBe(404);
  });
});

describe("settings", () => {
  it("answers the workspace settings and applies a change to the next deal", async () => {
    expect((await server.api("manager", "GET", "/api/settings")).body).toEqual({ timeZone: "Europe/Moscow", currency: "RUB" });
    const bad = await server.api("admin", "PATCH", "/api/settings", { timeZone: "Mars/Olympus", currency: "euro" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["currency", "timeZone"]);
    expect((await server.api("admin", "PATCH", "/api/settings", { currency: "EUR" })).body).toEqual({ timeZone: "Europe/Moscow", currency: "EUR" });
    const deal = await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "In euros", responsible: "ann" });
    expect(deal.body.currency).toBe("EUR");
    const row = await server.ctx.knex("settings").where("key", "currency").first();
    expect(JSON.parse(row.value)).toBe("EUR");
    await server.api("admin", "PUT", "/api/settings", { timeZone: "Europe/Moscow", currency: "RUB" });
  });
});
