/**
 * `GET /api/reports/funnel` — the funnel (standard 3, STANDARDS C). See README.md "funnel".
 *
 * The funnel of a period is its cohort: the deals created in it that pass the filters. Per stage
 * of each pipeline (blueprint order) and per group (`by`): how many reached it, the conversion to
 * the next stage, how many were lost from it, and the time spent in it (median and 90th
 * percentile, nearest rank). Everything is computed in SQL from the `deal.created` / `deal.moved`
 * history rows of the cohort: four grouped queries over the same CTEs.
 */
import type { CompiledBlueprint } from "@voronka/engine";
import { z } from "zod";
import { defineReport, periodView } from "./definition";
import { durationMs, jsonText, noIndex, valuesSql } from "./dialect";
import { groupExpr, joinTeam, whereDeal, type GroupBy } from "./filters";
import { num, numOrNull, ratio, seconds } from "./numbers";

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

interface Position { pipeline: string; stage: string; kind: FunnelRow["kind"]; position: number }

/** Process stages in order, then success (their funnel positions), then failure stages (-1). */
function positions(bp: CompiledBlueprint, pipeline: string | undefined): Position[] {
  const out: Position[] = [];
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
    const dialect = ctx.db.dialect;
    const by: GroupBy | "none" = params.by === "pipeline" ? "none" : params.by;
    const pos = positions(await ctx.engine.compiled(), filter.pipeline);
    const out: FunnelRow[] = [];
    if (!pos.length) return { period: periodView(period), by: params.by, stages: out };

    const cohort = joinTeam(knex("deals as d"), by)
      .select("d.id", "d.pipeline", knex.raw(`${groupExpr(by)} AS grp`))
      .where("d.created_at", ">=", period.from).where("d.created_at", "<", period.to);
    whereDeal(knex, cohort, "d", caller, filter);
    const values = valuesSql(["TEXT", "TEXT", "TEXT", "INTEGER"], pos.map((p) => [p.pipeline, p.stage, p.kind, p.position]));
    const stage = `CASE WHEN h.type = 'deal.created' THEN ${jsonText(dialect, "h.data", "stage")} ELSE ${jsonText(dialect, "h.data", "to")} END`;
    const base = () => knex
      .with("pos", ["pipeline", "stage", "kind", "position"], knex.raw(values.sql, values.bindings))
      // The cohort drives, materialized from the deals' indexes: its deals' rows are read through
      // history(deal, seq), never every creation and move through history(type, at).
      .withMaterialized("cohort", cohort)
      .withMaterialized("entered", knex.raw(`SELECT c.id AS deal, c.pipeline, c.grp, ${stage} AS stage, h.seq, h.at FROM cohort c JOIN history h ON h.deal = c.id WHERE ${noIndex("h.type")} IN ('deal.created', 'deal.moved')`));

    const [groups, reached, failed, lost, stays] = (await Promise.all([
      base().select("grp").from("cohort").groupBy("grp"),
      base()
        .with("furthest", knex.raw("SELECT e.deal, e.pipeline, e.grp, MAX(p.position) AS furthest FROM entered e JOIN pos p ON p.pipeline = e.pipeline AND p.stage = e.stage WHERE p.kind <> 'failure' GROUP BY e.deal, e.pipeline, e.grp"))
        .select(knex.raw("f.grp, p.pipeline, p.stage, COUNT(*) AS n"))
        .from(knex.raw("pos p JOIN furthest f ON f.pipeline = p.pipeline AND f.furthest >= p.position"))
        .whereRaw("p.kind <> 'failure'").groupByRaw("f.grp, p.pipeline, p.stage"),
      base()
        .select(knex.raw("e.grp, e.pipeline, e.stage, COUNT(DISTINCT e.deal) AS n"))
        .from(knex.raw("entered e JOIN pos p ON p.pipeline = e.pipeline AND p.stage = e.stage"))
        .whereRaw("p.kind = 'failure'").groupByRaw("e.grp, e.pipeline, e.stage"),
      base()
        .with("losses", knex.raw(`SELECT c.id AS deal, c.grp, c.pipeline, ${jsonText(dialect, "h.data", "from")} AS stage FROM cohort c JOIN history h ON h.deal = c.id JOIN pos p ON p.pipeline = c.pipeline AND p.stage = ${jsonText(dialect, "h.data", "to")} WHERE ${noIndex("h.type")} = 'deal.moved' AND p.kind = 'failure'`))
        .select(knex.raw("grp, pipeline, stage, COUNT(DISTINCT deal) AS n")).from("losses").groupBy("grp", "pipeline", "stage"),
      base()
        .with("stays", knex.raw("SELECT e.grp, e.pipeline, e.stage, e.at, LEAD(e.at) OVER (PARTITION BY e.deal ORDER BY e.seq) AS next_at FROM entered e"))
        .with("durations", knex.raw(`SELECT s.grp, s.pipeline, s.stage, ${durationMs(dialect, "s.at", "s.next_at")} AS ms FROM stays s WHERE s.next_at IS NOT NULL`))
        .with("ranked", knex.raw("SELECT grp, pipeline, stage, ms, ROW_NUMBER() OVER (PARTITION BY grp, pipeline, stage ORDER BY ms) AS rn, COUNT(*) OVER (PARTITION BY grp, pipeline, stage) AS n FROM durations"))
        // Nearest rank: the value at rank ceil(p × n), in integer arithmetic.
        .select(knex.raw("grp, pipeline, stage, MAX(n) AS n, MAX(CASE WHEN rn = (n + 1) / 2 THEN ms END) AS median_ms, MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN ms END) AS p90_ms"))
        .from("ranked").groupBy("grp", "pipeline", "stage"),
    ])) as Record<string, unknown>[][];

    const counts = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [key(r["grp"], r["pipeline"], r["stage"]), num(r["n"])]));
    const reachedBy = counts(reached!);
    const failedBy = counts(failed!);
    const lostBy = counts(lost!);
    const staysBy = new Map(stays!.map((r) => [key(r["grp"], r["pipeline"], r["stage"]), r]));
    const groupList = by === "none" ? [null] : groups!.map((g) => (g["grp"] === null || g["grp"] === undefined ? null : String(g["grp"])))
      .sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));

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
    return { period: periodView(period), by: params.by, stages: out };
  },
});
