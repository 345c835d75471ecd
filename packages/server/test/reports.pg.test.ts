/**
 * The control room's figures on PostgreSQL (`pnpm test:pg`): the fixture of src/reports/testing.ts
 * is made through the HTTP API on a server over a fresh PostgreSQL database and on one over
 * SQLite, each with its own fake clock; every figure, for every role, in JSON and in CSV, must
 * answer the same on both (deal ids aside: they are random). A few hand-computed numbers are
 * checked on PostgreSQL directly too (the rest are in reports-figures and reports-clients).
 */
import { fakeClock } from "@voronka/engine/testing";
import { demoUsers } from "@voronka/standards/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { configWith } from "../src/config";
import { openDatabase, type Database } from "../src/db/connect";
import { buildReportsFixture, FIXTURE_QUERIES, reportsBlueprint, type ReportsHarness } from "../src/reports/testing";
import { ADMIN_USER_ID, seedPeople } from "../src/seed";
import { startTestServer, type TestServer } from "./helpers";
import { createTestDatabase, type TestDatabase } from "./pg-database";

interface PgServer extends ReportsHarness { close(): Promise<void> }

/** The real server on a PostgreSQL URL, listening on an ephemeral port, with the demo users. */
async function startPgServer(url: string): Promise<PgServer> {
  const clock = fakeClock("2025-01-01T00:00:00Z");
  const config = configWith({ port: 0, host: "127.0.0.1", worker: false, seedDemo: false, databaseUrl: url, publicUrl: "http://127.0.0.1:0" });
  const db: Database = await openDatabase({ databaseUrl: url });
  const { app, ctx } = await buildApp({ config, db, clock });
  await seedPeople(ctx, { demo: true });
  await ctx.engine.publish(reportsBlueprint());
  const address = await app.listen({ port: 0, host: config.host });
  config.publicUrl = address;
  const tokens = new Map<string, string>();
  for (const id of [ADMIN_USER_ID, ...demoUsers.map((u) => u.id)]) tokens.set(id, (await ctx.host.tokens.create(id, "test")).token);
  return {
    clock,
    async api(user, method, path, body) {
      const token = user === null ? undefined : tokens.get(user);
      const response = await fetch(`${address}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: (response.headers.get("content-type") ?? "").includes("json") && text !== "" ? JSON.parse(text) : text };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

let testDb: TestDatabase;
let pg: PgServer;
let sqlite: TestServer;

beforeAll(async () => {
  testDb = await createTestDatabase();
  pg = await startPgServer(testDb.url);
  const sqliteClock = fakeClock("2025-01-01T00:00:00Z");
  sqlite = await startTestServer({ blueprint: reportsBlueprint(), clock: sqliteClock });
  await buildReportsFixture(pg);
  await buildReportsFixture({ api: (...a) => sqlite.api(...a), clock: sqliteClock });
});

afterAll(async () => {
  await pg?.close();
  await sqlite?.close();
  await testDb?.drop();
});

/** A body with the random deal ids replaced, so two databases' answers compare. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const comparable = (body: unknown) => JSON.parse(JSON.stringify(body).replace(UUID, "<id>"));

describe("the figures on PostgreSQL", () => {
  it.each(FIXTURE_QUERIES.flatMap((q) => ["olga", "sue", "ann"].map((user) => [q, user] as const)))("%s as %s answers as on SQLite", async (query, user) => {
    const [a, b] = await Promise.all([pg.api(user, "GET", `/api/reports/${query}`), sqlite.api(user, "GET", `/api/reports/${query}`)]);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.status).toBe(200);
    expect(comparable(a.body)).toEqual(comparable(b.body));
  });

  it("computes the funnel's percentiles, the KPIs and the control figures by hand's numbers", async () => {
    const funnel = (await pg.api("olga", "GET", "/api/reports/funnel?period=month&start=2025-09&pipeline=sales")).body;
    expect(funnel.stages.map((s: any) => [s.stage, s.reached, s.conversionToNext, s.lost, s.stays, s.medianSeconds, s.p90Seconds])).toEqual([
      ["lead", 8, 0.75, 1, 7, 86400, 604800],
      ["proposal", 6, 0.6667, 1, 4, 259200, 2345400],
      ["contract", 4, 1, 0, 1, 518400, 518400],
      ["won", 4, null, 0, 0, null, null],
      ["lost", 2, null, 0, 0, null, null],
    ]);
    const kpis = (await pg.api("olga", "GET", "/api/reports/kpis?period=month&start=2025-09&by=team")).body;
    expect(kpis.totals).toEqual({
      revenue: 4500, deals: 3, averageDeal: 1500, newClientRevenue: 800, repeatRevenue: 3000, noClientRevenue: 700, newClients: 1,
      previousRevenue: 3000, growthRate: 0.5, previousBuyers: 2, returningBuyers: 1, retention: 0.5, churn: 0.5,
    });
    expect(kpis.groups.map((g: any) => [g.group, g.revenue, g.retention])).toEqual([["B2B", 3700, 0.5], ["B2C", 800, null]]);
    const control = (await pg.api("olga", "GET", "/api/reports/control?period=month&start=2025-09")).body;
    expect(control.totals).toEqual({ overdueTasks: 1, dueToday: 1, reschedules: 1, dealsWithoutOpenTask: 2, forgottenDeals: 3, won: 3, lost: 3, winShare: 0.5, averageDurationSeconds: 1008000 });
    const abc = (await pg.api("olga", "GET", "/api/reports/abc-xyz?period=year&start=2025-01&pipeline=warmup")).body;
    expect(abc.clients.map((c: any) => [c.name, c.abc, c.xyz, c.segment])).toEqual([
      ["Golf", "A", "Z", "star"], ["Echo", "A", "X", "cash-cow"], ["Foxtrot", "A", "Y", "wild-cat"], ["Hotel", "B", "Z", "wild-cat"], ["India", "C", "Z", "dog"],
    ]);
  });

  it("has the report indexes", async () => {
    const db = await openDatabase({ databaseUrl: testDb.url });
    try {
      const names = ["deals_client_status_closed_at_index", "deals_created_at_index", "deals_pipeline_created_at_index", "surveys_status_answered_at_index", "users_team_index"];
      const rows = (await db.knex.raw(`SELECT indexname FROM pg_indexes WHERE indexname IN (${names.map(() => "?").join(", ")}) ORDER BY indexname`, names)).rows;
      expect(rows.map((r: { indexname: string }) => r.indexname)).toEqual(names);
    } finally {
      await db.close();
    }
  });
});
