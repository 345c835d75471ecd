/**
 * The deal routes over real HTTP: create, list, read (ETag), update (If-Match), move (guards),
 * reopen, history, explain, activities and import.
 */
import { pipeline, stage, testBlueprint } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const blueprint = testBlueprint({
  pipelines: [
    ...testBlueprint().pipelines,
    pipeline("strict", [stage("a"), stage("b"), stage("c"), stage("done", "success"), stage("gone", "failure")], {
      transitions: [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "done" }, { from: "*", to: "gone" }],
    }),
  ],
});

let server: TestServer;

const api: TestServer["api"] = (...args) => server.api(...args);

const newDeal = async (user = "ann", extra: Record<string, unknown> = {}) => {
  const r = await api(user, "POST", "/api/deals", { pipeline: "sales", title: "ACME", responsible: user, amount: 1000, ...extra });
  expect(r.status).toBe(201);
  return r.body as { id: string; version: number; stage: string };
};

beforeAll(async () => {
  server = await startTestServer({ blueprint });
});
afterAll(async () => {
  await server?.close();
});

describe("POST /api/deals", () => {
  it("creates a deal in the first process stage: 201, ETag and Location", async () => {
    const r = await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Widgets", responsible: "ann", amount: 5000, fields: { note: "hi" } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ pipeline: "sales", stage: "lead", status: "open", amount: 5000, responsible: "ann", fields: { note: "hi" } });
    expect(r.headers.get("etag")).toBe(`"${r.body.version}"`);
    expect(r.headers.get("location")).toBe(`/api/deals/${r.body.id}`);
  });

  it("refuses a manager creating a deal for someone else (403) and creates nothing", async () => {
    const before = (await api("olga", "GET", "/api/deals?responsible=boris&limit=500")).body.items.length;
    const r = await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Not mine", responsible: "boris" });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("FORBIDDEN");
    expect((await api("olga", "GET", "/api/deals?responsible=boris&limit=500")).body.items.length).toBe(before);
  });

  it("lets a supervisor create deals for their team, not for another team", async () => {
    expect((await api("sue", "POST", "/api/deals", { pipeline: "sales", title: "For Boris", responsible: "boris" })).status).toBe(201);
    expect((await api("sue", "POST", "/api/deals", { pipeline: "sales", title: "For Dmitry", responsible: "dmitry" })).status).toBe(403);
  });

  it("answers 400 VALIDATION_FAILED for a body without a title", async () => {
    const r = await api("ann", "POST", "/api/deals", { pipeline: "sales", responsible: "ann" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("GET /api/deals/:id", () => {
  it("answers the deal with its open tasks, surveys and ETag", async () => {
    const deal = await newDeal();
    const r = await api("ann", "GET", `/api/deals/${deal.id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe(`"${deal.version}"`);
    expect(r.body).toMatchObject({ id: deal.id, openTasks: [], surveys: [] });
  });

  it.each([
    ["GET", "/api/deals/no-such-deal", undefined],
    ["GET", "/api/deals/no-such-deal/history", undefined],
    ["GET", "/api/deals/no-such-deal/explain", undefined],
    ["PATCH", "/api/deals/no-such-deal", { fields: { note: "x" } }],
    ["POST", "/api/deals/no-such-deal/move", { stage: "proposal" }],
    ["POST", "/api/deals/no-such-deal/activities", { type: "call" }],
  ])("answers 404 NOT_FOUND for %s %s, to the admin too", async (method, path, body) => {
    for (const user of ["ann", "olga"]) {
      const r = await api(user, method, path, body);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("NOT_FOUND");
    }
  });
});

describe("PATCH /api/deals/:id", () => {
  it("updates fields with a current If-Match and answers the new ETag", async () => {
    const deal = await newDeal();
    const r = await api("ann", "PATCH", `/api/deals/${deal.id}`, { fields: { note: "called", amount: 2000 } }, { "if-match": `"${deal.version}"` });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ amount: 2000, fields: { note: "called" } });
    expect(r.headers.get("etag")).toBe(`"${r.body.version}"`);
    expect(r.body.version).toBeGreaterThan(deal.version);
  });

  it("refuses a stale If-Match with 412 VERSION_CONFLICT and changes nothing", async () => {
    const deal = await newDeal();
    await api("ann", "PATCH", `/api/deals/${deal.id}`, { fields: { note: "first" } });
    const r = await api("ann", "PATCH", `/api/deals/${deal.id}`, { fields: { note: "second" } }, { "if-match": `"${deal.version}"` });
    expect(r.status).toBe(412);
    expect(r.body.error.code).toBe("VERSION_CONFLICT");
    expect((await api("ann", "GET", `/api/deals/${deal.id}`)).body.fields.note).toBe("first");
  });

  it("answers 400 for an If-Match that is not a deal's ETag", async () => {
    const deal = await newDeal();
    const r = await api("ann", "PATCH", `/api/deals/${deal.id}`, { fields: { note: "x" } }, { "if-match": '"abc"' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("updates without If-Match", async () => {
    const deal = await newDeal();
    const r = await api("ann", "PATCH", `/api/deals/${deal.id}`, { fields: { title: "Renamed" } });
    expect(r.status).toBe(200);
    expect(r.body.title).toBe("Renamed");
  });
});

describe("POST /api/deals/:id/move", () => {
  it("answers 422 MOVE_BLOCKED naming the missing fields, then moves with them in one request", async () => {
    const deal = await newDeal();
    const blocked = await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "contract" });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe("MOVE_BLOCKED");
    expect(blocked.body.error.details).toMatchObject({ to: "contract", missing: ["contractNo"] });
    const unchanged = await api("ann", "GET", `/api/deals/${deal.id}`);
    expect(unchanged.body).toMatchObject({ stage: "lead", version: deal.version });

    const moved = await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "contract", fields: { contractNo: "C-1" } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: "contract", fields: { contractNo: "C-1" } });
    expect(moved.headers.get("etag")).toBe(`"${moved.body.version}"`);
  });

  it("moves to a failure stage with the loss reason, then refuses any move from it (409 FINAL_STAGE)", async () => {
    const deal = await newDeal();
    const lost = await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "lost", fields: { lossReason: "expensive" } });
    expect(lost.body).toMatchObject({ stage: "lost", status: "lost" });
    const again = await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("FINAL_STAGE");
  });

  it("answers 409 TRANSITION_NOT_ALLOWED for a move the pipeline's transitions do not allow", async () => {
    const r = await api("ann", "POST", "/api/deals", { pipeline: "strict", title: "Strict", responsible: "ann" });
    const skip = await api("ann", "POST", `/api/deals/${r.body.id}/move`, { stage: "c" });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe("TRANSITION_NOT_ALLOWED");
  });

  it("honours If-Match on a move", async () => {
    const deal = await newDeal();
    await api("ann", "PATCH", `/api/deals/${deal.id}`, { fields: { note: "x" } });
    const r = await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" }, { "if-match": `"${deal.version}"` });
    expect(r.status).toBe(412);
    expect((await api("ann", "GET", `/api/deals/${deal.id}`)).body.stage).toBe("lead");
  });
});

describe("POST /api/deals/:id/reopen", () => {
  it("is for supervisors and admins: 403 for the manager, 422 without a reason, 200 with one", async () => {
    const deal = await newDeal();
    await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "lost", fields: { lossReason: "competitor" } });
    const byManager = await api("ann", "POST", `/api/deals/${deal.id}/reopen`, { stage: "lead", reason: "Client came back" });
    expect(byManager.status).toBe(403);
    expect(byManager.body.error.code).toBe("FORBIDDEN");
    const noReason = await api("sue", "POST", `/api/deals/${deal.id}/reopen`, { stage: "lead" });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe("REASON_REQUIRED");
    const ok = await api("sue", "POST", `/api/deals/${deal.id}/reopen`, { stage: "lead", reason: "Client came back" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ stage: "lead", status: "open" });
    const history = await api("ann", "GET", `/api/deals/${deal.id}/history`);
    expect(history.body.items).toContainEqual(expect.objectContaining({ type: "deal.reopened", actor: { user: "sue" }, data: expect.objectContaining({ reason: "Client came back" }) }));
  });
});

describe("GET /api/deals/:id/history and /explain", () => {
  it("pages the history oldest first with nextCursor", async () => {
    const deal = await newDeal();
    await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" });
    const all = await api("ann", "GET", `/api/deals/${deal.id}/history`);
    expect(all.body.items.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(["deal.created", "deal.moved"]));
    expect(all.body.nextCursor).toBeNull();
    const first = await api("ann", "GET", `/api/deals/${deal.id}/history?limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].type).toBe("deal.created");
    const rest = await api("ann", "GET", `/api/deals/${deal.id}/history?limit=500&cursor=${first.body.nextCursor}`);
    expect(rest.body.items.length).toBe(all.body.items.length - 1);
  });

  it("explains where the deal is", async () => {
    const deal = await newDeal();
    const r = await api("ann", "GET", `/api/deals/${deal.id}/explain`);
    expect(r.status).toBe(200);
    expect(typeof r.body).toBe("object");
  });
});

describe("POST /api/deals/:id/activities", () => {
  it("logs an activity of the blueprint's types (201) and refuses an unknown type", async () => {
    const deal = await newDeal();
    const r = await api("ann", "POST", `/api/deals/${deal.id}/activities`, { type: "call", data: { minutes: 5 } });
    expect(r.status).toBe(201);
    const history = await api("ann", "GET", `/api/deals/${deal.id}/history`);
    expect(history.body.items).toContainEqual(expect.objectContaining({ type: "activity.logged", data: expect.objectContaining({ type: "call" }) }));
    const bad = await api("ann", "POST", `/api/deals/${deal.id}/activities`, { type: "telepathy" });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("GET /api/deals", () => {
  it("filters by pipeline, stage and status and pages with nextCursor, newest first", async () => {
    const a = await newDeal("vera");
    const b = await newDeal("vera");
    const c = await newDeal("vera");
    await api("vera", "POST", `/api/deals/${b.id}/move`, { stage: "proposal" });
    const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((d) => d.id);
    const lead = await api("vera", "GET", "/api/deals?pipeline=sales&stage=lead&status=open");
    expect(ids(lead).sort()).toEqual([a.id, c.id].sort());
    // Newest first; deals created in the same instant come in a stable order, each exactly once.
    const page1 = await api("vera", "GET", "/api/deals?limit=2");
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api("vera", "GET", `/api/deals?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.nextCursor).toBeNull();
    expect([...ids(page1), ...ids(page2)].sort()).toEqual([a.id, b.id, c.id].sort());
    const created = [...page1.body.items, ...page2.body.items].map((d: { createdAt: string }) => d.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it("finds deals with no open task, and filters by team", async () => {
    const deal = await newDeal("elena");
    const none = await api("elena", "GET", "/api/deals?noOpenTask=1");
    expect(none.body.items.map((d: { id: string }) => d.id)).toContain(deal.id);
    const withTask = await api("elena", "GET", "/api/deals?noOpenTask=0");
    expect(withTask.body.items.map((d: { id: string }) => d.id)).not.toContain(deal.id);
    const b2c = await api("olga", "GET", "/api/deals?team=B2C&limit=500");
    expect(b2c.body.items.every((d: { responsible: string }) => ["dmitry", "elena", "igor"].includes(d.responsible))).toBe(true);
    expect(b2c.body.items.map((d: { id: string }) => d.id)).toContain(deal.id);
  });

  it("shows a manager only their own deals", async () => {
    await newDeal("boris");
    const r = await api("ann", "GET", "/api/deals?limit=500");
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items.every((d: { responsible: string }) => d.responsible === "ann")).toBe(true);
    expect((await api("ann", "GET", "/api/deals?responsible=boris")).body.items).toEqual([]);
  });
});

describe("POST /api/deals/import", () => {
  const row = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `legacy-${n}`, pipeline: "sales", stage: "won", title: `Legacy ${n}`, amount: 100 * n, responsible: "boris",
    createdAt: "2025-01-10T09:00:00Z", closedAt: "2025-02-01T09:00:00Z",
    moves: [{ stage: "lead", at: "2025-01-10T09:00:00Z" }, { stage: "proposal", at: "2025-01-15T09:00:00Z" }], ...extra,
  });

  it("imports rows for an admin, recorded by: import, and reports bad rows by index", async () => {
    const r = await api("olga", "POST", "/api/deals/import", { deals: [row(1), row(2, { stage: "nowhere" }), row(3)] });
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(2);
    expect(r.body.errors).toEqual([expect.objectContaining({ index: 1 })]);
    const deal = await api("olga", "GET", `/api/deals/${r.body.deals[0]}`);
    expect(deal.body).toMatchObject({ externalId: "legacy-1", stage: "won", status: "won", createdAt: "2025-01-10T09:00:00.000Z" });
    const history = await api("olga", "GET", `/api/deals/${r.body.deals[0]}/history`);
    expect(history.body.items.map((h: { data: { by?: string } }) => h.data.by)).toEqual(["import", "import", "import"]);
  });

  it("is for admins only (403) and imports nothing then", async () => {
    const r = await api("sue", "POST", "/api/deals/import", { deals: [row(9)] });
    expect(r.status).toBe(403);
    const found = await api("olga", "GET", "/api/deals?responsible=boris&status=won&limit=500");
    expect(found.body.items.map((d: { externalId?: string }) => d.externalId)).not.toContain("legacy-9");
  });
});
