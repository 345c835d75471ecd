/**
 * Who may do what, table-driven: every deal, task, report and event route × admin, the deal
 * owner's supervisor, the owner (a manager), a manager of the same team, another team's
 * supervisor and manager. The target is always a fresh deal of Ann (manager, supervised by Sue).
 * A deal out of scope answers 404 (its existence does not leak); what the role may not do, 403.
 */
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const blueprint = withStage(testBlueprint(), "sales", "lead", {
  robots: [{ id: "callClient", type: "createTask", params: { title: "Call", responsible: { kind: "dealResponsible" }, deadline: { after: "P1D" } } }],
});

let server: TestServer;

const call: TestServer["api"] = (...args) => server.api(...args);

/** A fresh deal of Ann's (in lead, with an open task), set up by the admin. */
async function annDeal(opts: { lost?: boolean } = {}) {
  const deal = (await call("ann", "POST", "/api/deals", { pipeline: "sales", title: "Ann's deal", responsible: "ann" })).body as { id: string };
  const task = ((await call("olga", "GET", `/api/tasks?deal=${deal.id}`)).body as { items: { id: string }[] }).items[0]!;
  if (opts.lost) await call("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "lost", fields: { lossReason: "expensive" } });
  return { id: deal.id, task: task.id };
}

type Action = (user: string | null) => Promise<number>;

const status = (method: string, path: (d: { id: string; task: string }) => string, body?: unknown, setup: { lost?: boolean } = {}): Action =>
  async (user) => (await call(user, method, path(await annDeal(setup)), body)).status;

/** Whether the caller's deal list includes Ann's deal (200 when it does, 404 when it does not). */
const listed: Action = async (user) => {
  const deal = await annDeal();
  const r = await call(user, "GET", "/api/deals?limit=500");
  if (r.status !== 200) return r.status;
  return (r.body as { items: { id: string }[] }).items.some((d) => d.id === deal.id) ? 200 : 404;
};

/** Whether the caller's task list includes the task of Ann's deal. */
const taskListed: Action = async (user) => {
  const deal = await annDeal();
  const r = await call(user, "GET", "/api/tasks?limit=1000");
  if (r.status !== 200) return r.status;
  return (r.body as { items: { id: string }[] }).items.some((t) => t.id === deal.task) ? 200 : 404;
};

/** Opens the event stream and reports its status. */
const events: Action = async (user) => {
  const abort = new AbortController();
  const query = user ? `?access_token=${encodeURIComponent(server.tokens[user]!)}` : "";
  const response = await fetch(`${server.url}/api/events${query}`, { signal: abort.signal });
  abort.abort();
  return response.status;
};

const importRow = { pipeline: "sales", stage: "lead", title: "Imported", responsible: "ann", createdAt: "2025-01-01T00:00:00Z" };

//                                     admin  owner's sup. owner  same team  other sup. other mgr  anonymous
const USERS = ["olga", "sue", "ann", "boris", "igor", "dmitry", null] as const;
const ROUTES: [string, Action, number[]][] = [
  ["GET /api/deals (includes it)", listed, [200, 200, 200, 404, 404, 404, 401]],
  ["GET /api/deals/:id", status("GET", (d) => `/api/deals/${d.id}`), [200, 200, 200, 404, 404, 404, 401]],
  ["PATCH /api/deals/:id", status("PATCH", (d) => `/api/deals/${d.id}`, { fields: { note: "x" } }), [200, 200, 200, 404, 404, 404, 401]],
  ["POST /api/deals/:id/move", status("POST", (d) => `/api/deals/${d.id}/move`, { stage: "proposal" }), [200, 200, 200, 404, 404, 404, 401]],
  ["POST /api/deals/:id/reopen", status("POST", (d) => `/api/deals/${d.id}/reopen`, { stage: "lead", reason: "Back" }, { lost: true }), [200, 200, 403, 404, 404, 404, 401]],
  ["GET /api/deals/:id/history", status("GET", (d) => `/api/deals/${d.id}/history`), [200, 200, 200, 404, 404, 404, 401]],
  ["GET /api/deals/:id/explain", status("GET", (d) => `/api/deals/${d.id}/explain`), [200, 200, 200, 404, 404, 404, 401]],
  ["POST /api/deals/:id/activities", status("POST", (d) => `/api/deals/${d.id}/activities`, { type: "call" }), [201, 201, 201, 404, 404, 404, 401]],
  ["POST /api/deals (for Ann)", async (u) => (await call(u, "POST", "/api/deals", { pipeline: "sales", title: "New", responsible: "ann" })).status, [201, 201, 201, 403, 403, 403, 401]],
  ["POST /api/deals/import", async (u) => (await call(u, "POST", "/api/deals/import", { deals: [{ ...importRow, externalId: `matrix-${u}` }] })).status, [200, 403, 403, 403, 403, 403, 401]],
  ["GET /api/tasks (includes it)", taskListed, [200, 200, 200, 404, 404, 404, 401]],
  ["POST /api/tasks/:id/complete", status("POST", (d) => `/api/tasks/${d.task}/complete`), [200, 200, 200, 404, 404, 404, 401]],
  ["POST /api/tasks/:id/reschedule", status("POST", (d) => `/api/tasks/${d.task}/reschedule`, { deadline: "2031-01-01T00:00:00Z", reason: "Later" }), [200, 200, 200, 404, 404, 404, 401]],
  ["GET /api/reports/stages", async (u) => (await call(u, "GET", "/api/reports/stages")).status, [200, 200, 200, 200, 200, 200, 401]],
  ["GET /api/events", events, [200, 200, 200, 200, 200, 200, 401]],
];

const CASES = ROUTES.flatMap(([route, action, expected]) => USERS.map((user, i) => [route, user ?? "anonymous", expected[i]!, action, user] as const));

beforeAll(async () => {
  server = await startTestServer({ blueprint });
});
afterAll(async () => {
  await server?.close();
});

describe("access matrix", () => {
  it.each(CASES)("%s as %s → %i", async (_route, _name, expected, action, user) => {
    expect(await action(user)).toBe(expected);
  });

  it("a refused move changes nothing", async () => {
    const deal = await annDeal();
    expect((await call("dmitry", "POST", `/api/deals/${deal.id}/move`, { stage: "proposal" })).status).toBe(404);
    expect(((await call("ann", "GET", `/api/deals/${deal.id}`)).body as { stage: string }).stage).toBe("lead");
  });
});
