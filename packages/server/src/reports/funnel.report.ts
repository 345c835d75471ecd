/**
 * `GET /api/reports/funnel` — the funnel (standard 3, STANDARDS C). See README.md "funnel".
 *
 * The funnel of a period is its cohort: the deals created in it that pass the filters. Per stage
 * of each pipeline (blueprint order) and per group (`by`): how many reached it, the conversion to
 * the next stage, how many were lost from it, and the time spent in it (median and 90th
 * percentile, nearest rank). Everything is computed in SQL from the `deal.created` / `deal.moved`
 * history rows of the cohort, as the store keeps them in `stage_entries` (one row per creation and
 * move, with the entry before it): one statement whose four aggregates share the materialized
 * cohort and its entries.
 */
import type { CompiledBlueprint } from "@voronka/engine";
import type { Knex } from "knex";
import { z } from "zod";
import type { Caller } from "../context";
import { defineReport, periodView } from "./definition";
import { durationMs, valuesSql, type Dialect } from "./dialect";
import { groupExpr, joinTeam, whereDeal, type GroupBy, type ReportFilter } from "./filters";
import { num, numOrNull, ratio, seconds } from "./numbers";
import type { ReportPeriod } from "./periods";

/** One stage of the funnel, for one group. */
export interface FunnelRow {
  /** The manager (user id) or team the row is about; null when `by=pipeline` or for no team. */
  group: string | null;
  pipeline: string;
  stage: string;
  kind: "process" | "success" | "failure";
  /** Cohort deals that reached the stage (see README.md); for a failure stage, that entered it. */
  reached: number;
  /** reached(next) / reached(this), for process stages; null when nothing reached this one. */
  conversionToNext: number | null;
  /** Cohort deals that moved from this stage straight to a failure stage. */
  lost: number;
  /** Completed stays in the stage that were measured. */
  stays: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** A stage's place in the funnel. */
export interface FunnelPosition { pipeline: string; stage: string; kind: FunnelRow["kind"]; position: number }

/** Process stages in order, then success (their funnel positions), then failure stages (-1). */
export function funnelPositions(bp: CompiledBlueprint, pipeline: string | undefined): FunnelPosition[] {
  const out: FunnelPosition[] = [];
  for (const p of bp.pipelines.values()) {
    if (pipeline !== undefined && p.id !== pipeline) continue;
    let i = 0;
    for (const s of p.ordered.filter((x) => x.kind === "process")) out.push({ pipeline: p.id, stage: s.id, kind: "process", position: i++ });
    for (const s of p.ordered.filter((x) => x.kind === "success")) out.push({ pipeline: p.id, stage: s.id, kind: "success", position: i });
    for (const s of p.ordered.filter((x) => x.kind === "failure")) out.push({ pipeline: p.id, stage: s.id, kind: "failure", position: -1 });
  }
  return out;
}

const key = (...parts: unknown[]) => parts.map((p) => (p === null || p === undefined ? "\u0000" : String(p))).join("|");

/** What the four figures are assembled from: grouped rows as the database answers them. */
export interface FunnelAggregates {
  /** `grp`: the groups of the cohort. */
  groups: Record<string, unknown>[];
  /** `grp, pipeline, stage, n`: deals that reached each process/success stage. */
  reached: Record<string, unknown>[];
  /** `grp, pipeline, stage, n`: deals that entered each failure stage. */
  failed: Record<string, unknown>[];
  /** `grp, pipeline, stage, n`: deals that moved from each stage straight into a failure stage. */
  lost: Record<string, unknown>[];
  /** `grp, pipeline, stage, n, median_ms, p90_ms`: completed stays per stage. */
  stays: Record<string, unknown>[];
}

/** What the funnel's statement needs. */
interface FunnelQueryInput { caller: Caller; period: ReportPeriod; filter: ReportFilter; by: GroupBy | "none"; pos: FunnelPosition[] }

/**
 * The funnel's one statement: every aggregate, each row tagged with its `figure` (`group`,
 * `reached`, `failed`, `lost`, `stays`).
 */
function funnelQuery(knex: Knex, dialect: Dialect, { caller, period, filter, by, pos }: FunnelQueryInput): Knex.QueryBuilder {
  const cohort = joinTeam(knex("deals as d"), by)
    .select("d.id", "d.pipeline", knex.raw(`${groupExpr(by)} AS grp`))
    .where("d.created_at", ">=", period.from).where("d.created_at", "<", period.to);
  whereDeal(knex, cohort, "d", caller, filter);
  const values = valuesSql(["TEXT", "TEXT", "TEXT", "INTEGER"], pos.map((p) => [p.pipeline, p.stage, p.kind, p.position]));
  const none = "CAST(NULL AS BIGINT)";
  // One statement, one pass: the cohort comes from the deals' indexes, and its stage entries
  // (one row per deal.created / deal.moved history row, with the entry before it: migration 0003)
  // through the key stage_entries(deal, seq); both are materialized once and feed every figure.
  return knex
    .with("pos", ["pipeline", "stage", "kind", "position"], knex.raw(values.sql, values.bindings))
    .withMaterialized("cohort", cohort)
    // CROSS JOIN: SQLite then keeps the cohort as the outer loop (PostgreSQL reads it as a plain join).
    // Each entry carries its stage's kind and position (null for a stage the blueprint no longer has).
    .withMaterialized("entered", knex.raw("SELECT c.id AS deal, c.pipeline, c.grp, e.stage, e.at, e.from_stage, e.prev_stage, e.prev_at, p.kind, p.position FROM cohort c CROSS JOIN stage_entries e LEFT JOIN pos p ON p.pipeline = c.pipeline AND p.stage = e.stage WHERE e.deal = c.id"))
    // A deal reached every process/success stage up to the furthest one it entered: count the deals
    // per furthest position, then add them up for every stage at or before it.
    .with("furthest", knex.raw("SELECT e.deal, e.pipeline, e.grp, MAX(e.position) AS furthest FROM entered e WHERE e.kind IN ('process', 'success') GROUP BY e.deal, e.pipeline, e.grp"))
    .with("furthest_counts", knex.raw("SELECT grp, pipeline, furthest, COUNT(*) AS n FROM furthest GROUP BY grp, pipeline, furthest"))
    // A stay ends where the next entry starts: each entry with one before it measures that one's stage.
    .with("durations", knex.raw(`SELECT e.grp, e.pipeline, e.prev_stage AS stage, ${durationMs(dialect, "e.prev_at", "e.at")} AS ms FROM entered e WHERE e.prev_at IS NOT NULL`))
    // One window, one sort: the rank and the partition's size (the frame spans the whole partition).
    .with("ranked", knex.raw("SELECT grp, pipeline, stage, ms, ROW_NUMBER() OVER w AS rn, COUNT(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n FROM durations WINDOW w AS (PARTITION BY grp, pipeline, stage ORDER BY ms)"))
    .select(knex.raw(`'group' AS figure, grp, CAST(NULL AS TEXT) AS pipeline, CAST(NULL AS TEXT) AS stage, ${none} AS n, ${none} AS median_ms, ${none} AS p90_ms`))
    .from(knex.raw("(SELECT grp FROM cohort GROUP BY grp) g"))
    .unionAll(knex.raw(`SELECT 'reached', f.grp, p.pipeline, p.stage, CAST(SUM(f.n) AS BIGINT), ${none}, ${none} FROM pos p JOIN furthest_counts f ON f.pipeline = p.pipeline AND f.furthest >= p.position WHERE p.kind <> 'failure' GROUP BY f.grp, p.pipeline, p.stage`))
    // Failure stages: the deals that entered each; lost: the deals that moved into one, by the stage they left.
    .unionAll(knex.raw(`SELECT 'failed', e.grp, e.pipeline, e.stage, COUNT(DISTINCT e.deal), ${none}, ${none} FROM entered e WHERE e.kind = 'failure' GROUP BY e.grp, e.pipeline, e.stage`))
    .unionAll(knex.raw(`SELECT 'lost', e.grp, e.pipeline, e.from_stage, COUNT(DISTINCT e.deal), ${none}, ${none} FROM entered e WHERE e.kind = 'failure' AND e.from_stage IS NOT NULL GROUP BY e.grp, e.pipeline, e.from_stage`))
    // Nearest rank: the value at rank ceil(p × n), in integer arithmetic.
    .unionAll(knex.raw("SELECT 'stays', grp, pipeline, stage, MAX(n), MAX(CASE WHEN rn = (n + 1) / 2 THEN ms END), MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN ms END) FROM ranked GROUP BY grp, pipeline, stage"));
}

/** The answer's rows, per group (sorted, no team last) and per stage (blueprint order), from the aggregates. */
export function funnelStages(by: GroupBy | "none", pos: FunnelPosition[], a: FunnelAggregates): FunnelRow[] {
  const out: FunnelRow[] = [];
  const counts = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [key(r["grp"], r["pipeline"], r["stage"]), num(r["n"])]));
  const reachedBy = counts(a.reached);
  const failedBy = counts(a.failed);
  const lostBy = counts(a.lost);
  const staysBy = new Map(a.stays.map((r) => [key(r["grp"], r["pipeline"], r["stage"]), r]));
  const groupList = by === "none" ? [null] : a.groups.map((g) => (g["grp"] === null || g["grp"] === undefined ? null : String(g["grp"])))
    .sort((x, y) => (x === null ? 1 : y === null ? -1 : x.localeCompare(y)));

  for (const group of groupList) {
    for (const p of pos) {
      const k = key(group, p.pipeline, p.stage);
      const here = p.kind === "failure" ? (failedBy.get(k) ?? 0) : (reachedBy.get(k) ?? 0);
      const next = pos.find((x) => x.pipeline === p.pipeline && x.kind !== "failure" && x.position === p.position + 1);
      const s = staysBy.get(k);
      out.push({
        group, pipeline: p.pipeline, stage: p.stage, kind: p.kind, reached: here,
        conversionToNext: p.kind === "process" && next ? ratio(reachedBy.get(key(group, p.pipeline, next.stage)) ?? 0, here) : null,
        lost: lostBy.get(k) ?? 0,
        stays: num(s?.["n"]),
        medianSeconds: seconds(numOrNull(s?.["median_ms"])),
        p90Seconds: seconds(numOrNull(s?.["p90_ms"])),
      });
    }
  }
  return out;
}

/** The funnel report. */
export const funnelReport = defineReport({
  figure: "funnel",
  summary: "Deals reaching each stage, conversion, time in stage and where deals are lost (standard 3)",
  params: {
    by: z.enum(["pipeline", "manager", "team"]).default("pipeline").describe("Break the funnel down by the deal's responsible, their team, or not at all (per pipeline)."),
  },
  csv: { stages: ["group", "pipeline", "stage", "kind", "reached", "conversionToNext", "lost", "stays", "medianSeconds", "p90Seconds"] },
  async run({ ctx, caller, period, filter, params }) {
    const { knex } = ctx;
    const by: GroupBy | "none" = params.by === "pipeline" ? "none" : params.by;
    const pos = funnelPositions(await ctx.engine.compiled(), filter.pipeline);
    if (!pos.length) return { period: periodView(period), by: params.by, stages: [] };
    const rows = (await funnelQuery(knex, ctx.db.dialect, { caller, period, filter, by, pos })) as Record<string, unknown>[];
    const of = (figure: string) => rows.filter((r) => r["figure"] === figure);
    return { period: periodView(period), by: params.by, stages: funnelStages(by, pos, { groups: of("group"), reached: of("reached"), failed: of("failed"), lost: of("lost"), stays: of("stays") }) };
  },
});

