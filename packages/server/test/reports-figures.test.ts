/**
 * The control room's deal figures — plans, funnel, control, loss reasons — against numbers worked
 * out by hand from the fixture in src/reports/testing.ts (its table of deals is the key to every
 * number below; times are UTC, the workspace is Europe/Moscow, UTC+3).
 */
import { fakeClock } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportsFixture, reportsBlueprint } from "../src/reports/testing";
import { startTestServer, type TestServer } from "./helpers";

let server: TestServer;
const clock = fakeClock("2025-01-01T00:00:00Z");

beforeAll(async () => {
  server = await startTestServer({ blueprint: reportsBlueprint(), clock });
  await buildReportsFixture({ api: (...a) => server.api(...a), clock });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function report(user: string, query: string): Promise<any> {
  const r = await server.api(user, "GET", `/api/reports/${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const SEPTEMBER = { kind: "month", start: "2025-09", from: "2025-08-31T21:00:00.000Z", to: "2025-09-30T21:00:00.000Z", timeZone: "Europe/Moscow" };

describe("plans", () => {
  it("compares September's plans with the deals won in September (Moscow time)", async () => {
    const r = await report("olga", "plans?period=month&start=2025-09");
    expect(r.period).toEqual(SEPTEMBER);
    // Won in September: S1 ann 3000, S4 vera 700, S5 dmitry 800 (S2 closed at 00:30 on Oct 1, local).
    expect(r.employees).toEqual([
      { plan: "p-ann", user: "ann", team: "B2B", metric: "amount", period: "month", start: "2025-09-01", target: 4000, actual: 3000, completion: 0.75 },
      { plan: "p-boris", user: "boris", team: "B2B", metric: "amount", period: "month", start: "2025-09-01", target: 1000, actual: 0, completion: 0 },
      { plan: "p-dmitry", user: "dmitry", team: "B2C", metric: "count", period: "month", start: "2025-09-01", target: 2, actual: 1, completion: 0.5 },
      { plan: "p-vera", user: "vera", team: "B2B", metric: "count", period: "month", start: "2025-09-01", target: 1, actual: 1, completion: 1 },
    ]);
    expect(r.pipelines).toEqual([{ plan: "p-sales-sep", pipeline: "sales", metric: "count", period: "month", start: "2025-09-01", target: 5, actual: 3, completion: 0.6 }]);
    expect(r.company).toEqual([
      { metric: "amount", period: "month", start: "2025-09-01", plans: 2, target: 5000, actual: 4500, completion: 0.9 },
      { metric: "count", period: "month", start: "2025-09-01", plans: 2, target: 3, actual: 3, completion: 1 },
    ]);
  });

  it("shows a quarter's plan and the monthly plans inside it, each over its own period", async () => {
    const r = await report("olga", "plans?period=quarter&start=2025-07");
    expect(r.employees.map((e: any) => e.plan)).toEqual(["p-ann", "p-boris", "p-dmitry", "p-vera"]);
    // Q3 in sales: A1 1000 + A2 2000 (August) + S1 3000 + S4 700 + S5 800.
    expect(r.pipelines).toEqual([
      { plan: "p-sales-q3", pipeline: "sales", metric: "amount", period: "quarter", start: "2025-07-01", target: 10000, actual: 7500, completion: 0.75 },
      { plan: "p-sales-sep", pipeline: "sales", metric: "count", period: "month", start: "2025-09-01", target: 5, actual: 3, completion: 0.6 },
    ]);
  });

  it("scopes plans and actuals to the caller and the team", async () => {
    const sue = await report("sue", "plans?period=month&start=2025-09");
    expect(sue.employees.map((e: any) => e.user)).toEqual(["ann", "boris", "vera"]);
    expect(sue.company).toEqual([
      { metric: "amount", period: "month", start: "2025-09-01", plans: 2, target: 5000, actual: 3700, completion: 0.74 },
      { metric: "count", period: "month", start: "2025-09-01", plans: 1, target: 1, actual: 2, completion: 2 },
    ]);
    expect(sue.pipelines[0]).toMatchObject({ actual: 2, completion: 0.4 });
    expect(await report("olga", "plans?period=month&start=2025-09&team=B2B")).toEqual(sue);
    const ann = await report("ann", "plans?period=month&start=2025-09");
    expect(ann.employees.map((e: any) => e.user)).toEqual(["ann"]);
    expect(ann.company).toEqual([{ metric: "amount", period: "month", start: "2025-09-01", plans: 1, target: 4000, actual: 3000, completion: 0.75 }]);
    expect(ann.pipelines[0]).toMatchObject({ actual: 1, completion: 0.2 });
  });

  it("answers empty lists for a period without plans, and October's plan with its actual", async () => {
    expect(await report("olga", "plans?period=month&start=2024-01")).toMatchObject({ employees: [], pipelines: [], company: [] });
    const oct = await report("olga", "plans"); // now: October 2025
    expect(oct.employees).toEqual([{ plan: "p-elena-oct", user: "elena", team: "B2C", metric: "amount", period: "month", start: "2025-10-01", target: 500, actual: 0, completion: 0 }]);
    expect(oct.company).toEqual([{ metric: "amount", period: "month", start: "2025-10-01", plans: 1, target: 500, actual: 1500, completion: 3 }]);
  });
});

describe("funnel", () => {
  const row = (r: any, stage: string, group: string | null = null) => r.stages.find((s: any) => s.stage === stage && s.group === group);

  it("follows September's cohort through the stages, with nearest-rank times in stage", async () => {
    const r = await report("olga", "funnel?period=month&start=2025-09&pipeline=sales");
    // Cohort S1-S8. Reached: lead 8; proposal S1 S2 S3 S4 S5 S8 = 6; contract and won S1 S2 S4 S5 = 4.
    // Lead stays (s): 43200, 86400 ×3, 172800, 345600, 604800 → median rank 4, p90 rank 7.
    // Proposal stays: 172800, 259200, 777600, 2345400 → median rank 2, p90 rank 4. Contract: 518400.
    expect(r.stages).toEqual([
      { group: null, pipeline: "sales", stage: "lead", kind: "process", reached: 8, conversionToNext: 0.75, lost: 1, stays: 7, medianSeconds: 86400, p90Seconds: 604800 },
      { group: null, pipeline: "sales", stage: "proposal", kind: "process", reached: 6, conversionToNext: 0.6667, lost: 1, stays: 4, medianSeconds: 259200, p90Seconds: 2345400 },
      { group: null, pipeline: "sales", stage: "contract", kind: "process", reached: 4, conversionToNext: 1, lost: 0, stays: 1, medianSeconds: 518400, p90Seconds: 518400 },
      { group: null, pipeline: "sales", stage: "won", kind: "success", reached: 4, conversionToNext: null, lost: 0, stays: 0, medianSeconds: null, p90Seconds: null },
      { group: null, pipeline: "sales", stage: "lost", kind: "failure", reached: 2, conversionToNext: null, lost: 0, stays: 0, medianSeconds: null, p90Seconds: null },
    ]);
  });

  it("breaks the funnel down by manager and by team", async () => {
    const byManager = await report("olga", "funnel?period=month&start=2025-09&pipeline=sales&by=manager");
    expect([...new Set(byManager.stages.map((s: any) => s.group))]).toEqual(["ann", "boris", "dmitry", "elena", "vera"]);
    // boris: S3 lead 4d → proposal 3d → lost; S8 lead 2d → proposal (open).
    expect(row(byManager, "lead", "boris")).toMatchObject({ reached: 2, conversionToNext: 1, lost: 0, stays: 2, medianSeconds: 172800, p90Seconds: 345600 });
    expect(row(byManager, "proposal", "boris")).toMatchObject({ reached: 2, conversionToNext: 0, lost: 1, stays: 1, medianSeconds: 259200 });
    expect(row(byManager, "contract", "boris")).toMatchObject({ reached: 0, conversionToNext: null, stays: 0, medianSeconds: null });
    expect(row(byManager, "lead", "elena")).toMatchObject({ reached: 1, conversionToNext: 0, stays: 0, medianSeconds: null });
    const byTeam = await report("olga", "funnel?period=month&start=2025-09&pipeline=sales&by=team");
    // B2B: S1 S2 S3 S4 S7 S8; B2C: S5 S6.
    expect(row(byTeam, "lead", "B2B")).toMatchObject({ reached: 6, conversionToNext: 0.8333, lost: 1 });
    expect(row(byTeam, "won", "B2B")).toMatchObject({ reached: 3 });
    expect(row(byTeam, "lead", "B2C")).toMatchObject({ reached: 2, conversionToNext: 0.5, stays: 1, medianSeconds: 86400 });
  });

  it("answers zeros and nulls for an empty period, and nothing per manager", async () => {
    const r = await report("olga", "funnel?period=month&start=2024-01&pipeline=sales");
    expect(r.stages.map((s: any) => [s.reached, s.conversionToNext, s.stays, s.medianSeconds, s.p90Seconds])).toEqual(Array(5).fill([0, null, 0, null, null]));
    expect((await report("olga", "funnel?period=month&start=2024-01&by=manager")).stages).toEqual([]);
  });

  it("shows a manager their own deals only", async () => {
    const r = await report("ann", "funnel?period=month&start=2025-09&pipeline=sales");
    // S1 (won through contract), S2 (won), S7 (lost from lead).
    expect(r.stages.map((s: any) => s.reached)).toEqual([3, 2, 2, 2, 1]);
    expect(row(r, "lead")).toMatchObject({ lost: 1, stays: 3, medianSeconds: 86400, p90Seconds: 86400 });
  });
});

describe("control", () => {
  it("counts overdue, due-today, reschedules, deals with no task, forgotten deals and October's closings", async () => {
    const r = await report("olga", "control");
    expect(r.period).toMatchObject({ kind: "month", start: "2025-10" });
    expect(r.today).toEqual({ key: "2025-10-15", from: "2025-10-14T21:00:00.000Z", to: "2025-10-15T21:00:00.000Z" });
    const blank = { overdueTasks: 0, dueToday: 0, reschedules: 0, dealsWithoutOpenTask: 0, forgottenDeals: 0, won: 0, lost: 0, winShare: null, averageDurationSeconds: null };
    expect(r.managers).toEqual([
      // S2: created 09-03 06:00, won 09-30 21:30 = 27 d 15 h 30 min.
      { ...blank, manager: "ann", team: "B2B", dueToday: 1, reschedules: 1, won: 1, winShare: 1, averageDurationSeconds: 2388600 },
      { ...blank, manager: "boris", team: "B2B", dealsWithoutOpenTask: 1, forgottenDeals: 1 },
      { ...blank, manager: "dmitry", team: "B2C", dealsWithoutOpenTask: 1, forgottenDeals: 1 },
      { ...blank, manager: "elena", team: "B2C", overdueTasks: 1, forgottenDeals: 1 },
    ]);
    expect(r.totals).toEqual({ overdueTasks: 1, dueToday: 1, reschedules: 1, dealsWithoutOpenTask: 2, forgottenDeals: 3, won: 1, lost: 0, winShare: 1, averageDurationSeconds: 2388600 });
    expect(r.reschedules).toEqual([{ reason: "Client asked to call later", count: 1 }]);
    expect(r.withoutOpenTask.map((d: any) => [d.title, d.responsible, d.stageEnteredAt])).toEqual([["I1", "dmitry", "2025-07-03T06:00:00.000Z"], ["S8", "boris", "2025-09-22T06:00:00.000Z"]]);
    expect(r.forgotten.map((d: any) => [d.title, d.lastActivityAt])).toEqual([["I1", "2025-07-03T06:00:00.000Z"], ["S6", "2025-09-16T07:00:00.000Z"], ["S8", "2025-09-22T06:00:00.000Z"]]);
  });

  it("computes September's win share and average duration, and honours forgottenDays", async () => {
    const r = await report("olga", "control?period=month&start=2025-09");
    // Closed: S1 won 9 d, S3 lost 7 d, S4 won 7 d, S5 won 10 d, S7 lost 1 d, I2 lost 36 d.
    expect(r.totals).toMatchObject({ won: 3, lost: 3, winShare: 0.5, averageDurationSeconds: 1008000, reschedules: 1 });
    expect(r.managers.map((m: any) => [m.manager, m.won, m.lost, m.winShare, m.averageDurationSeconds])).toEqual([
      ["ann", 1, 1, 0.5, 432000], ["boris", 0, 1, 0, 604800], ["dmitry", 1, 0, 1, 864000], ["elena", 0, 1, 0, 3110400], ["vera", 1, 0, 1, 604800],
    ]);
    expect(r.reschedules).toEqual([{ reason: "Client on vacation", count: 1 }]);
    const month = await report("olga", "control?forgottenDays=30");
    expect(month.totals.forgottenDeals).toBe(1);
    expect(month.forgotten.map((d: any) => d.title)).toEqual(["I1"]);
  });

  it("scopes control to a supervisor's people and a manager's own, and answers an empty period with nulls", async () => {
    const sue = await report("sue", "control");
    expect(sue.managers.map((m: any) => m.manager)).toEqual(["ann", "boris"]);
    expect(sue.totals).toMatchObject({ overdueTasks: 0, dueToday: 1, dealsWithoutOpenTask: 1, forgottenDeals: 1 });
    const elena = await report("elena", "control?period=month&start=2024-01");
    expect(elena.totals).toEqual({ overdueTasks: 1, dueToday: 0, reschedules: 0, dealsWithoutOpenTask: 0, forgottenDeals: 1, won: 0, lost: 0, winShare: null, averageDurationSeconds: null });
  });
});

describe("loss reasons", () => {
  it("counts Q3's lost deals by reason, with a monthly trend and the deals lost without a reason", async () => {
    const r = await report("olga", "loss-reasons?period=quarter&start=2025-07");
    // A3 expensive (Aug), S3 competitor, S7 expensive, I2 none (Sep).
    expect(r.lost).toBe(4);
    expect(r.reasons).toEqual([{ reason: "expensive", lost: 2, share: 0.5 }, { reason: "competitor", lost: 1, share: 0.25 }, { reason: null, lost: 1, share: 0.25 }]);
    expect(r.trend).toEqual([
      { month: "2025-07", reason: "expensive", lost: 0 }, { month: "2025-07", reason: "competitor", lost: 0 }, { month: "2025-07", reason: null, lost: 0 },
      { month: "2025-08", reason: "expensive", lost: 1 }, { month: "2025-08", reason: "competitor", lost: 0 }, { month: "2025-08", reason: null, lost: 0 },
      { month: "2025-09", reason: "expensive", lost: 1 }, { month: "2025-09", reason: "competitor", lost: 1 }, { month: "2025-09", reason: null, lost: 1 },
    ]);
  });

  it("filters by pipeline and team, and answers an empty period", async () => {
    const warm = await report("olga", "loss-reasons?period=year&start=2025-01&pipeline=warmup");
    expect(warm.reasons).toEqual([{ reason: "competitor", lost: 1, share: 1 }]);
    expect(warm.trend.filter((t: any) => t.lost > 0)).toEqual([{ month: "2025-03", reason: "competitor", lost: 1 }]);
    const b2c = await report("olga", "loss-reasons?period=quarter&start=2025-07&team=B2C&pipeline=sales");
    expect(b2c.reasons).toEqual([{ reason: "expensive", lost: 1, share: 0.5 }, { reason: null, lost: 1, share: 0.5 }]);
    expect(await report("olga", "loss-reasons?period=month&start=2024-01")).toMatchObject({ lost: 0, reasons: [], trend: [] });
  });
});
