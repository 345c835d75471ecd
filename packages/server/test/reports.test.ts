/**
 * `GET /api/reports/stages` against numbers worked out by hand from a known set of deals.
 *
 * Pipeline `sales`: lead → proposal → contract → won (success) | lost (failure). Deals:
 *   D1 ann   lead                              (its lead task backdated: 1 overdue task)
 *   D2 ann   lead → proposal
 *   D3 ann   lead → proposal → contract
 *   D4 ann   lead → proposal → contract → won
 *   D5 boris lead → lost
 *   D6 boris created in proposal (counts as having reached lead)
 *   D7 dmitry (team B2C, outside Sue's scope) lead → proposal
 * Reached (Sue's scope, D1-D6): lead 6, proposal 4 (D2 D3 D4 D6), contract 2, won 1.
 */
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const blueprint = withStage(testBlueprint(), "sales", "lead", {
  robots: [{ id: "callClient", type: "createTask", params: { title: "Call the client", responsible: { kind: "dealResponsible" }, deadline: { after: "P5D" } } }],
});

let server: TestServer;

const api: TestServer["api"] = (...args) => server.api(...args);

async function deal(user: string, path: string[], stage?: string) {
  const created = await api(user, "POST", "/api/deals", { pipeline: "sales", title: `${user} ${path.join(">")}`, responsible: user, ...(stage ? { stage } : {}) });
  expect(created.status).toBe(201);
  const fields: Record<string, Record<string, unknown>> = { contract: { contractNo: "C-1" }, lost: { lossReason: "expensive" } };
  for (const to of path) {
    const moved = await api(user, "POST", `/api/deals/${created.body.id}/move`, { stage: to, ...(fields[to] ? { fields: fields[to] } : {}) });
    expect(moved.status).toBe(200);
  }
  return created.body.id as string;
}

const row = (rows: { stage: string }[], stage: string) => rows.find((r) => r.stage === stage);

beforeAll(async () => {
  server = await startTestServer({ blueprint });
  const d1 = await deal("ann", []);
  await deal("ann", ["proposal"]);
  await deal("ann", ["proposal", "contract"]);
  await deal("ann", ["proposal", "contract", "won"]);
  await deal("boris", ["lost"]);
  await deal("boris", [], "proposal");
  await deal("dmitry", ["proposal"]);
  const task = (await api("ann", "GET", `/api/tasks?deal=${d1}&status=open`)).body.items[0];
  await api("ann", "POST", `/api/tasks/${task.id}/reschedule`, { deadline: "2020-01-01T00:00:00Z", reason: "Backdated for the report" });
});
afterAll(async () => {
  await server?.close();
});

describe("GET /api/reports/stages", () => {
  it("counts deals, overdue tasks and conversion per stage in the supervisor's scope", async () => {
    const r = await api("sue", "GET", "/api/reports/stages?pipeline=sales");
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { pipeline: "sales", stage: "lead", deals: 1, overdueTasks: 1, conversionToNext: 0.6667 },
      { pipeline: "sales", stage: "proposal", deals: 2, overdueTasks: 0, conversionToNext: 0.5 },
      { pipeline: "sales", stage: "contract", deals: 1, overdueTasks: 0, conversionToNext: 0.5 },
      { pipeline: "sales", stage: "won", deals: 1, overdueTasks: 0, conversionToNext: null },
      { pipeline: "sales", stage: "lost", deals: 1, overdueTasks: 0, conversionToNext: null },
    ]);
  });

  it("includes every pipeline and every deal for an admin", async () => {
    const r = await api("olga", "GET", "/api/reports/stages");
    expect(r.body.map((x: { pipeline: string }) => x.pipeline)).toContain("warmup");
    const sales = r.body.filter((x: { pipeline: string }) => x.pipeline === "sales");
    expect(row(sales, "proposal")).toMatchObject({ deals: 3, conversionToNext: 0.4 });
    expect(row(sales, "lead")).toMatchObject({ deals: 1, conversionToNext: 0.7143 });
  });

  it("filters by team and by responsible", async () => {
    const b2c = (await api("olga", "GET", "/api/reports/stages?pipeline=sales&team=B2C")).body;
    expect(row(b2c, "lead")).toMatchObject({ deals: 0, conversionToNext: 1 });
    expect(row(b2c, "proposal")).toMatchObject({ deals: 1, conversionToNext: 0 });
    expect(row(b2c, "contract")).toMatchObject({ deals: 0, conversionToNext: null });
    const boris = (await api("sue", "GET", "/api/reports/stages?pipeline=sales&responsible=boris")).body;
    expect(row(boris, "lead")).toMatchObject({ deals: 0, conversionToNext: 0.5 });
    expect(row(boris, "proposal")).toMatchObject({ deals: 1, conversionToNext: 0 });
    expect(row(boris, "lost")).toMatchObject({ deals: 1 });
  });

  it("shows a manager only their own deals", async () => {
    const ann = (await api("ann", "GET", "/api/reports/stages?pipeline=sales")).body;
    expect(ann.map((x: { deals: number }) => x.deals)).toEqual([1, 1, 1, 1, 0]);
    expect(row(ann, "lead")).toMatchObject({ overdueTasks: 1, conversionToNext: 0.75 });
  });

  it("answers CSV with ?format=csv", async () => {
    const r = await api("sue", "GET", "/api/reports/stages?pipeline=sales&format=csv");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(r.body.split("\r\n").slice(0, 3)).toEqual(["pipeline,stage,deals,overdueTasks,conversionToNext", "sales,lead,1,1,0.6667", "sales,proposal,2,0,0.5"]);
    expect(r.body).toContain("sales,won,1,0,\r\n");
  });
});
