/**
 * The first-start seed on SQLite: with the demo on, the standards blueprint, users, plans, clients
 * and deals — a history since 1 January 2026 and live open deals with tasks — so the board and
 * the control room's figures are not empty; with the demo off, no deals. Seeding twice does nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fakeClock } from "@voronka/engine/testing";
import { standardsBlueprint } from "@voronka/standards";
import { demoDeals, demoLiveDeals } from "@voronka/standards/demo";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { configWith } from "../src/config";
import type { AppContext } from "../src/context";
import { openDatabase } from "../src/db/connect";
import { seed } from "../src/seed";
import type { FastifyInstance } from "fastify";

const NOW = "2026-11-24T09:00:00Z";
const opened: { dir: string; app: FastifyInstance; close: () => Promise<void> }[] = [];

async function open(): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const dir = mkdtempSync(join(tmpdir(), "voronka-seed-"));
  const config = configWith({ dataDir: dir, port: 0, host: "127.0.0.1", worker: false, seedDemo: false, publicUrl: "http://127.0.0.1:0" });
  const db = await openDatabase({ dataDir: dir, sqliteDriver: config.sqliteDriver, sqliteSynchronous: config.sqliteSynchronous });
  const { app, ctx } = await buildApp({ config, db, clock: fakeClock(NOW) });
  opened.push({ dir, app, close: () => db.close() });
  return { app, ctx };
}

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.app.close();
    await o.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

const count = async (ctx: AppContext, table: string, where: Record<string, unknown> = {}) =>
  Number(((await ctx.knex(table).where(where).count({ n: "*" }).first()) as { n: number | string }).n);

async function report(app: FastifyInstance, ctx: AppContext, path: string) {
  const { token } = await ctx.host.tokens.create("olga", "seed test");
  const r = await app.inject({ method: "GET", url: path, headers: { authorization: `Bearer ${token}` } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe("seed with the demo on", () => {
  it("loads deals into every standards pipeline: won, lost and open ones, with open tasks on the live deals", async () => {
    const { ctx } = await open();
    const result = await seed(ctx, { demo: true });
    expect(result.seeded).toBe(true);

    const history = demoDeals(new Date(NOW));
    const liveDeals = demoLiveDeals(new Date(NOW));
    const wonLive = liveDeals.filter((l) => l.answer).length;
    const deals = await count(ctx, "deals");
    // Each deal won live is copied into repeat clients by its success stage's tunnel (standard 10).
    expect(deals).toBe(history.length + liveDeals.length + wonLive);
    for (const p of standardsBlueprint.pipelines) expect(await count(ctx, "deals", { pipeline: p.id }), p.id).toBeGreaterThan(0);
    expect(await count(ctx, "deals", { status: "won" })).toBeGreaterThan(30);
    expect(await count(ctx, "deals", { status: "lost" })).toBeGreaterThan(20);
    expect(await count(ctx, "deals", { status: "open" })).toBeGreaterThan(20);
    expect(await count(ctx, "clients")).toBeGreaterThan(20);

    // The live deals: created through the engine, so their robots set tasks with deadlines.
    const live = (await ctx.knex("deals").whereNull("external_id").select("id", "responsible", "status")) as { id: string; responsible: string; status: string }[];
    const liveOpen = live.filter((d) => d.status === "open");
    // The open ones created live, plus the copies of the won ones: as many as were created live.
    expect(liveOpen.length).toBe(liveDeals.length);
    expect(liveDeals.length - wonLive).toBeGreaterThanOrEqual(5);
    for (const d of liveOpen) {
      const tasks = await ctx.engine.tasks({ deal: d.id });
      expect(tasks.some((t) => t.status === "open" && t.responsible === d.responsible && t.deadline && t.deadline > NOW), d.id).toBe(true);
    }
    // The rest were won today and their clients answered the NPS survey.
    expect(live.filter((d) => d.status !== "open").map((d) => d.status)).toEqual(["won", "won", "won"]);
    expect(await count(ctx, "surveys", { status: "answered" })).toBe(3);
    // Nothing in the history happens after the seed's clock.
    const latest = (await ctx.knex("history").max({ at: "at" }).first()) as { at: string };
    expect(Date.parse(latest.at)).toBeLessThanOrEqual(Date.parse(NOW));

    // Seeding again does nothing: the database is no longer empty.
    expect((await seed(ctx, { demo: true })).seeded).toBe(false);
    expect(await count(ctx, "deals")).toBe(deals);
  });

  it("gives the control room non-empty figures for 2026: plans, funnel, KPIs with repeat revenue, ABC/XYZ, loss reasons, NPS, control", async () => {
    const { app, ctx } = await open();
    await seed(ctx, { demo: true });

    const plans = await report(app, ctx, "/api/reports/plans?period=year&start=2026-01");
    const employees = plans.employees as { user: string; actual: number }[];
    expect(employees.length).toBeGreaterThanOrEqual(5);
    expect(employees.filter((e) => e.actual > 0).length).toBeGreaterThanOrEqual(4);
    expect((plans.pipelines as { actual: number }[]).some((p) => p.actual > 0)).toBe(true);
    expect((plans.company as { actual: number }[]).every((c) => c.actual > 0)).toBe(true);

    const funnel = await report(app, ctx, "/api/reports/funnel?period=year&start=2026-01");
    const stages = funnel.stages as { pipeline: string; stage: string; reached: number }[];
    for (const p of ["b2b-new", "b2b-repeat", "b2c-new", "b2c-repeat"]) {
      expect(stages.find((s) => s.pipeline === p && s.stage === "success")?.reached, p).toBeGreaterThan(0);
      expect(stages.find((s) => s.pipeline === p && s.stage === "failure")?.reached, p).toBeGreaterThan(0);
    }

    const kpis = await report(app, ctx, "/api/reports/kpis?period=year&start=2026-01");
    expect(kpis.totals.revenue).toBeGreaterThan(0);
    expect(kpis.totals.newClientRevenue).toBeGreaterThan(0);
    expect(kpis.totals.repeatRevenue).toBeGreaterThan(0);

    const abc = await report(app, ctx, "/api/reports/abc-xyz?period=year&start=2026-01");
    const xyz = new Set((abc.clients as { xyz: string }[]).map((c) => c.xyz));
    expect(abc.clients.length).toBeGreaterThan(10);
    expect(xyz.has("Y") || xyz.has("X")).toBe(true);

    const losses = await report(app, ctx, "/api/reports/loss-reasons?period=year&start=2026-01");
    expect((losses.reasons as { reason: string | null; lost: number }[]).filter((r) => r.reason !== null && r.lost > 0).length).toBeGreaterThanOrEqual(4);

    const nps = await report(app, ctx, "/api/reports/nps?period=year&start=2026-01");
    expect([nps.answered, nps.promoters, nps.passives, nps.detractors, nps.nps]).toEqual([3, 1, 1, 1, 0]);

    const control = await report(app, ctx, "/api/reports/control?period=year&start=2026-01");
    expect(control.totals.won).toBeGreaterThan(0);
    expect(control.totals.lost).toBeGreaterThan(0);
  });
});

describe("seed with the demo off", () => {
  it("loads no blueprint and no deals", async () => {
    const { ctx } = await open();
    const result = await seed(ctx, { demo: false });
    expect(result).toEqual({ seeded: true, blueprintVersion: null });
    expect(await count(ctx, "deals")).toBe(0);
    expect(await count(ctx, "clients")).toBe(0);
  });
});
