/**
 * The funnel against its oracle, shared by the SQLite and PostgreSQL test files: the funnel as it
 * was computed before `stage_entries` (migration 0003) — four statements straight over the
 * cohort's `deal.created` / `deal.moved` history rows, their JSON parsed in SQL, stays measured
 * with `LEAD()` — must answer exactly what the report answers from `stage_entries`, on a seeded
 * random workload of the real engine: moves back and forth, wins and losses, reopens, tunnel copies
 * and moves (whose `from` names the pipeline left), deals raced by several commands, imported
 * history; for every breakdown, filter, caller and period.
 */
import type { Engine } from "@voronka/engine";
import { testBlueprint, withStage, type FakeClock } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext, Caller } from "../src/context";
import { resolvePeriod, type ReportFilter } from "../src/reports";
import { funnelReport } from "../src/reports/funnel.report";
import { funnelFromHistory } from "./funnel-from-history";

/** A server context over some database, with the demo users (teams B2B and B2C) and its clock. */
export interface FunnelOracleHarness {
  ctx: AppContext;
  clock: FakeClock;
  close(): Promise<void>;
}

/** Park–Miller: the same workload on every run and database. */
function prng(seed: number): () => number {
  let x = seed % 2147483647;
  return () => (x = (x * 48271) % 2147483647) / 2147483647;
}

/** The workload's blueprint: the test blueprint, a tunnel copy on proposal and a tunnel move on contract. */
export function oracleBlueprint() {
  let bp = withStage(testBlueprint(), "sales", "proposal", {
    robots: [{ id: "copyWarm", type: "copyToTunnel", params: { pipeline: "warmup", stage: "nurture", mode: "copy", carry: "all" } }],
  });
  bp = withStage(bp, "sales", "contract", {
    robots: [{ id: "moveWarm", type: "copyToTunnel", condition: { ">": [{ var: "deal.amount" }, 500] }, params: { pipeline: "warmup", stage: "nurture", mode: "move", carry: "all" } }],
  });
  return bp;
}

const PEOPLE = ["ann", "boris", "vera", "dmitry", "elena", "admin"]; // the seeded admin has no team
const STAGES: Record<string, string[]> = { sales: ["lead", "proposal", "contract", "won", "lost"], warmup: ["nurture", "warm-won", "warm-lost"] };

/** Deals created from July to September 2025 (UTC), worked at random over the months after. */
async function buildWorkload(engine: Engine, clock: FakeClock): Promise<void> {
  const rnd = prng(20250701);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const sue = { user: "sue" };
  clock.set("2025-06-30T12:00:00.000Z");
  const ids: string[] = [];
  const act = async (fn: () => Promise<unknown>) => { await fn().catch(() => undefined); }; // refused moves are part of the workload
  for (let step = 0; step < 400; step++) {
    clock.advance(Math.round(rnd() * 8 * 3_600_000) + 1);
    if (ids.length < 60 && (ids.length < 5 || rnd() < 0.3)) {
      const d = await engine.createDeal({ pipeline: rnd() < 0.85 ? "sales" : "warmup", title: `D${ids.length}`, responsible: pick(PEOPLE), amount: Math.round(rnd() * 1000) });
      ids.push(d.id);
      continue;
    }
    const id = pick(ids);
    const { record } = await engine.deal(id);
    const actor = { user: record.responsible };
    if (record.status !== "open") {
      if (rnd() < 0.3) await act(() => engine.reopen(id, STAGES[record.pipeline]![0]!, { actor: sue, reason: "Back" }));
      continue;
    }
    if (rnd() < 0.1) {
      // Raced: three commands at once, some refused with a version conflict.
      await Promise.allSettled([0, 1, 2].map((i) => engine.move(id, STAGES[record.pipeline]![i % 2]!, { actor })));
      continue;
    }
    const to = pick(STAGES[record.pipeline]!.filter((s) => s !== record.stage));
    await act(() => engine.move(id, to, { actor, fields: { contractNo: "C-1", lossReason: "expensive" } }));
  }
  await engine.importDeals(Array.from({ length: 12 }, (_, i) => {
    const moves = i % 3 === 0 ? [] : [{ stage: "lead", at: `2025-08-${String(i + 1).padStart(2, "0")}T06:00:00Z` }, { stage: "proposal", at: `2025-08-${String(i + 10).padStart(2, "0")}T06:00:00Z` }];
    return { pipeline: "sales", stage: pick(["proposal", "won", "lost"]), title: `I${i}`, responsible: pick(PEOPLE), createdAt: `2025-08-${String(i + 1).padStart(2, "0")}T06:00:00Z`, closedAt: "2025-09-20T06:00:00Z", moves };
  }));
}

const CALLERS: Caller[] = [
  { userId: "admin", role: "admin", scope: "all" },
  { userId: "sue", role: "supervisor", scope: new Set(["sue", "ann", "boris", "vera"]) },
  { userId: "ann", role: "manager", scope: new Set(["ann"]) },
];
const PERIODS = [
  { period: "month", start: "2025-07" }, { period: "month", start: "2025-08" }, { period: "month", start: "2025-09" },
  { period: "quarter", start: "2025-07" }, { period: "year", start: "2025-01" },
] as const;
const FILTERS: ReportFilter[] = [{}, { pipeline: "sales" }, { pipeline: "warmup" }, { responsible: "ann" }, { team: "B2B" }];
const BYS = ["pipeline", "manager", "team"] as const;

/** Registers the comparison for a harness factory. */
export function describeFunnelOracle(name: string, start: () => Promise<FunnelOracleHarness>): void {
  describe(`the funnel from stage_entries answers as the funnel from history: ${name}`, () => {
    let h: FunnelOracleHarness;
    beforeAll(async () => {
      h = await start();
      await h.ctx.engine.publish(oracleBlueprint());
      await buildWorkload(h.ctx.engine, h.clock);
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    it.each(BYS)("by=%s, for every caller, filter and period", async (by) => {
      const { ctx } = h;
      const bp = await ctx.engine.compiled();
      const totals = { reached: 0, lost: 0, stays: 0, failed: 0 };
      for (const caller of CALLERS) {
        for (const filter of FILTERS) {
          for (const q of PERIODS) {
            const period = resolvePeriod(q, "Europe/Moscow", h.clock.now());
            const answer = await funnelReport.run({ ctx, caller, period, filter, now: h.clock.now(), params: { by } });
            const expected = await funnelFromHistory(ctx, bp, { caller, period, filter, by });
            expect(answer.stages, `${caller.userId} ${JSON.stringify(filter)} ${q.period} ${q.start}`).toEqual(expected);
            for (const s of answer.stages) {
              totals.reached += s.kind === "failure" ? 0 : s.reached;
              totals.failed += s.kind === "failure" ? s.reached : 0;
              totals.lost += s.lost;
              totals.stays += s.stays;
            }
          }
        }
      }
      // The workload is not trivial: every figure has something to count.
      expect(Object.values(totals).every((n) => n > 50), JSON.stringify(totals)).toBe(true);
    });
  });
}
