/**
 * The control room's client and people figures — NPS, KPIs, activity, ABC/XYZ — against numbers
 * worked out by hand from the fixture in src/reports/testing.ts (times UTC, workspace Moscow).
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

describe("nps", () => {
  it("scores September's answers: one promoter, one passive, one detractor", async () => {
    const r = await report("olga", "nps?period=month&start=2025-09");
    expect(r).toMatchObject({ answered: 3, promoters: 1, passives: 1, detractors: 1, nps: 0 });
    expect(r.managers).toEqual([
      { manager: "ann", team: "B2B", answered: 1, promoters: 1, passives: 0, detractors: 0, nps: 100 },
      { manager: "dmitry", team: "B2C", answered: 1, promoters: 0, passives: 0, detractors: 1, nps: -100 },
      { manager: "vera", team: "B2B", answered: 1, promoters: 0, passives: 1, detractors: 0, nps: 0 },
    ]);
    expect(r.reasons).toEqual([{ band: "detractor", reason: "Slow delivery", count: 1 }, { band: "promoter", reason: "Fast", count: 1 }]);
    expect(r.trend).toEqual([{ month: "2025-09", answered: 3, promoters: 1, passives: 1, detractors: 1, nps: 0 }]);
  });

  it("adds August's answer over the quarter, filters by team, and answers null for nobody", async () => {
    expect(await report("olga", "nps?period=quarter&start=2025-07")).toMatchObject({ answered: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
    const b2b = await report("olga", "nps?period=quarter&start=2025-07&team=B2B");
    expect(b2b).toMatchObject({ answered: 3, promoters: 2, passives: 1, detractors: 0, nps: 66.67 });
    expect(b2b.trend.map((t: any) => [t.month, t.answered, t.nps])).toEqual([["2025-07", 0, null], ["2025-08", 1, 100], ["2025-09", 2, 50]]);
    expect(await report("sue", "nps?period=month&start=2025-09")).toMatchObject({ answered: 2, nps: 50 });
    expect(await report("olga", "nps?period=month&start=2025-09&survey=other")).toMatchObject({ answered: 0, nps: null, managers: [], reasons: [] });
    expect(await report("olga", "nps?period=month&start=2024-01")).toMatchObject({ answered: 0, promoters: 0, nps: null, trend: [{ month: "2024-01", answered: 0, nps: null }] });
  });
});

describe("kpis", () => {
  const blank = { revenue: 0, deals: 0, averageDeal: null, newClientRevenue: 0, repeatRevenue: 0, noClientRevenue: 0, newClients: 0, previousRevenue: 0, growthRate: null, previousBuyers: 0, returningBuyers: 0, retention: null, churn: null };

  it("measures September against August: new vs repeat revenue, growth, retention and churn", async () => {
    const r = await report("olga", "kpis?period=month&start=2025-09");
    expect(r.previousPeriod).toMatchObject({ kind: "month", start: "2025-08", from: "2025-07-31T21:00:00.000Z", to: "2025-08-31T21:00:00.000Z" });
    // Won in September: S1 ann c1 3000 (c1 first won A1 in August: repeat), S4 vera no client 700,
    // S5 dmitry c3 800 (c3's earlier deal A3 was lost: new). August: A1 c1 1000, A2 c2 2000.
    expect(r.totals).toEqual({
      revenue: 4500, deals: 3, averageDeal: 1500, newClientRevenue: 800, repeatRevenue: 3000, noClientRevenue: 700, newClients: 1,
      previousRevenue: 3000, growthRate: 0.5, previousBuyers: 2, returningBuyers: 1, retention: 0.5, churn: 0.5,
    });
    expect(r.groups).toEqual([
      { ...blank, group: "ann", revenue: 3000, deals: 1, averageDeal: 3000, repeatRevenue: 3000, previousRevenue: 1000, growthRate: 2, previousBuyers: 1, returningBuyers: 1, retention: 1, churn: 0 },
      { ...blank, group: "boris", previousRevenue: 2000, growthRate: -1, previousBuyers: 1, retention: 0, churn: 1 },
      { ...blank, group: "dmitry", revenue: 800, deals: 1, averageDeal: 800, newClientRevenue: 800, newClients: 1 },
      { ...blank, group: "vera", revenue: 700, deals: 1, averageDeal: 700, noClientRevenue: 700 },
    ]);
  });

  it("breaks down by team and by pipeline", async () => {
    const byTeam = await report("olga", "kpis?period=month&start=2025-09&by=team");
    expect(byTeam.groups).toEqual([
      { ...blank, group: "B2B", revenue: 3700, deals: 2, averageDeal: 1850, repeatRevenue: 3000, noClientRevenue: 700, previousRevenue: 3000, growthRate: 0.2333, previousBuyers: 2, returningBuyers: 1, retention: 0.5, churn: 0.5 },
      { ...blank, group: "B2C", revenue: 800, deals: 1, averageDeal: 800, newClientRevenue: 800, newClients: 1 },
    ]);
    // October: S2 ann c4 1500 (new); September's buyers c1 and c3 did not come back.
    const oct = await report("olga", "kpis?by=pipeline");
    expect(oct.groups).toEqual([{ ...blank, group: "sales", revenue: 1500, deals: 1, averageDeal: 1500, newClientRevenue: 1500, newClients: 1, previousRevenue: 4500, growthRate: -0.6667, previousBuyers: 2, retention: 0, churn: 1 }]);
  });

  it("compares a custom period with the same length just before it", async () => {
    // [Sep 1, Oct 1) UTC and [Aug 2, Sep 1): A2 (Aug 20) before, S1 S4 S5 and S2 (Sep 30 21:30 UTC) now.
    const r = await report("olga", "kpis?from=2025-09-01T00:00:00Z&to=2025-10-01T00:00:00Z");
    expect(r.previousPeriod).toMatchObject({ kind: "custom", from: "2025-08-02T00:00:00.000Z", to: "2025-09-01T00:00:00.000Z" });
    expect(r.totals).toMatchObject({ revenue: 6000, deals: 4, previousRevenue: 3000, growthRate: 1, previousBuyers: 2, returningBuyers: 1 });
  });

  it("answers zeros and nulls for an empty period, and a manager's own figures", async () => {
    expect(await report("olga", "kpis?period=month&start=2024-01")).toMatchObject({ totals: blank, groups: [] });
    const ann = await report("ann", "kpis?period=month&start=2025-09");
    expect(ann.groups.map((g: any) => g.group)).toEqual(["ann"]);
    expect(ann.totals).toMatchObject({ revenue: 3000, retention: 1 });
  });
});

describe("activity", () => {
  const zero = (manager: string, team: string) => [
    { manager, team, type: "call", count: 0, norm: 44, completion: 0 },
    { manager, team, type: "meeting", count: 0, norm: 22, completion: 0 },
  ];

  it("counts October's activities per manager against the norms over 22 working days", async () => {
    const r = await report("olga", "activity");
    // October 2025: 23 weekdays less the holiday on the 10th.
    expect(r.workingDays).toBe(22);
    expect(r.workingDates).toHaveLength(22);
    expect(r.workingDates).not.toContain("2025-10-10");
    expect(r.managers).toEqual([
      { manager: "ann", team: "B2B", type: "call", count: 2, norm: 44, completion: 0.0455 },
      { manager: "ann", team: "B2B", type: "meeting", count: 1, norm: 22, completion: 0.0455 },
      ...zero("boris", "B2B"), ...zero("dmitry", "B2C"), ...zero("elena", "B2C"),
      { manager: "sue", team: "B2B", type: "call", count: 1, norm: null, completion: null },
      { manager: "vera", team: "B2B", type: "call", count: 2, norm: 44, completion: 0.0455 },
      { manager: "vera", team: "B2B", type: "meeting", count: 0, norm: 22, completion: 0 },
    ]);
    // vera's second call at 21:30 UTC on the 14th is 00:30 on the 15th in Moscow.
    expect(r.days).toEqual([
      { manager: "ann", day: "2025-10-13", type: "call", count: 2, norm: 2 },
      { manager: "ann", day: "2025-10-14", type: "meeting", count: 1, norm: 1 },
      { manager: "vera", day: "2025-10-14", type: "call", count: 1, norm: 2 },
      { manager: "sue", day: "2025-10-15", type: "call", count: 1, norm: null },
      { manager: "vera", day: "2025-10-15", type: "call", count: 1, norm: 2 },
    ]);
  });

  it("scopes activities, filters by team, and counts a custom period's working days", async () => {
    expect((await report("ann", "activity")).managers.map((m: any) => [m.manager, m.type, m.count])).toEqual([["ann", "call", 2], ["ann", "meeting", 1]]);
    expect([...new Set((await report("olga", "activity?team=B2C")).managers.map((m: any) => m.manager))]).toEqual(["dmitry", "elena"]);
    // Sat Oct 11 00:00 to Tue Oct 14 00:00, Moscow: Monday the 13th is the only working day.
    const r = await report("olga", "activity?from=2025-10-11T00:00:00%2B03:00&to=2025-10-14T00:00:00%2B03:00&responsible=ann");
    expect(r.workingDays).toBe(1);
    expect(r.managers).toEqual([
      { manager: "ann", team: "B2B", type: "call", count: 2, norm: 2, completion: 1 },
      { manager: "ann", team: "B2B", type: "meeting", count: 0, norm: 1, completion: 0 },
    ]);
    expect((await report("olga", "activity?period=month&start=2024-01")).days).toEqual([]);
  });
});

describe("abc-xyz", () => {
  it("segments the warmup clients over 2025 with the default thresholds", async () => {
    const r = await report("olga", "abc-xyz?period=year&start=2025-01&pipeline=warmup");
    // Revenue 19600: Golf 9000, Echo 6000 (6 months), Foxtrot 3000 (2), Hotel 1000, India 600 (3 deals, all January).
    expect(r).toMatchObject({ months: 12, revenue: 19600, noClientRevenue: 400, thresholds: { abcA: 80, abcB: 95, xyzX: 6, xyzY: 2 } });
    expect(r.clients).toEqual([
      { client: "c7", name: "Golf", revenue: 9000, deals: 1, months: 1, share: 0.4592, cumulativeShare: 0.4592, abc: "A", xyz: "Z", segment: "star" },
      { client: "c5", name: "Echo", revenue: 6000, deals: 6, months: 6, share: 0.3061, cumulativeShare: 0.7653, abc: "A", xyz: "X", segment: "cash-cow" },
      { client: "c6", name: "Foxtrot", revenue: 3000, deals: 2, months: 2, share: 0.1531, cumulativeShare: 0.9184, abc: "A", xyz: "Y", segment: "wild-cat" },
      { client: "c8", name: "Hotel", revenue: 1000, deals: 1, months: 1, share: 0.051, cumulativeShare: 0.9694, abc: "B", xyz: "Z", segment: "wild-cat" },
      { client: "c9", name: "India", revenue: 600, deals: 3, months: 1, share: 0.0306, cumulativeShare: 1, abc: "C", xyz: "Z", segment: "dog" },
    ]);
    expect(r.segments).toEqual([
      { segment: "cash-cow", clients: 1, revenue: 6000 }, { segment: "star", clients: 1, revenue: 9000 },
      { segment: "wild-cat", clients: 2, revenue: 4000 }, { segment: "dog", clients: 1, revenue: 600 },
    ]);
    expect(r.matrix).toHaveLength(9);
    expect(r.matrix.find((c: any) => c.abc === "A" && c.xyz === "Y")).toEqual({ abc: "A", xyz: "Y", segment: "wild-cat", clients: 1, revenue: 3000 });
  });

  it("takes the thresholds from the query", async () => {
    const r = await report("olga", "abc-xyz?period=year&start=2025-01&pipeline=warmup&abcA=50&abcB=90&xyzX=3");
    expect(r.clients.map((c: any) => [c.name, c.abc, c.xyz, c.segment])).toEqual([
      ["Golf", "A", "Z", "star"], ["Echo", "A", "X", "cash-cow"], ["Foxtrot", "B", "Y", "wild-cat"], ["Hotel", "C", "Z", "dog"], ["India", "C", "Z", "dog"],
    ]);
  });

  it("counts purchases in local months: Hotel's April 30 21:00 UTC purchase is May's", async () => {
    const april = await report("olga", "abc-xyz?period=month&start=2025-04&pipeline=warmup");
    expect(april.clients.map((c: any) => [c.name, c.abc, c.xyz])).toEqual([["Golf", "A", "Z"], ["Echo", "B", "Z"]]);
    const may = await report("olga", "abc-xyz?period=month&start=2025-05&pipeline=warmup");
    expect(may.clients.map((c: any) => [c.name, c.revenue])).toEqual([["Echo", 1000], ["Hotel", 1000]]);
    expect(await report("olga", "abc-xyz?period=month&start=2024-01")).toMatchObject({ revenue: 0, clients: [], segments: [{ clients: 0 }, { clients: 0 }, { clients: 0 }, { clients: 0 }] });
  });
});
