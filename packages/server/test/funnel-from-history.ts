/**
 * The funnel computed straight from the history, as the report did before `stage_entries`
 * (migration 0003): four statements over the cohort's `deal.created` / `deal.moved` rows, their
 * JSON parsed in SQL, stays measured with `LEAD()`. The oracle of test/funnel-oracle.ts, and the
 * check of bench/reports.bench.ts that the report answers the same at 1M deals. No vitest here.
 */
import type { CompiledBlueprint } from "@voronka/engine";
import type { Knex } from "knex";
import type { AppContext, Caller } from "../src/context";
import type { ReportFilter } from "../src/reports";
import { durationMs, jsonText, noIndex, valuesSql, type Dialect } from "../src/reports/dialect";
import { groupExpr, joinTeam, whereDeal, type GroupBy } from "../src/reports/filters";
import { funnelPositions, funnelStages, type FunnelAggregates, type FunnelPosition, type FunnelRow } from "../src/reports/funnel.report";
import type { ReportPeriod } from "../src/reports/periods";

/** The funnel's aggregates from the history rows themselves (the report's SQL before migration 0003). */
async function aggregatesFromHistory(knex: Knex, dialect: Dialect, caller: Caller, period: ReportPeriod, filter: ReportFilter, by: GroupBy | "none", pos: FunnelPosition[]): Promise<FunnelAggregates> {
  const cohort = joinTeam(knex("deals as d"), by)
    .select("d.id", "d.pipeline", knex.raw(`${groupExpr(by)} AS grp`))
    .where("d.created_at", ">=", period.from).where("d.created_at", "<", period.to);
  whereDeal(knex, cohort, "d", caller, filter);
  const values = valuesSql(["TEXT", "TEXT", "TEXT", "INTEGER"], pos.map((p) => [p.pipeline, p.stage, p.kind, p.position]));
  const stage = `CASE WHEN h.type = 'deal.created' THEN ${jsonText(dialect, "h.data", "stage")} ELSE ${jsonText(dialect, "h.data", "to")} END`;
  const base = () => knex
    .with("pos", ["pipeline", "stage", "kind", "position"], knex.raw(values.sql, values.bindings))
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
      .select(knex.raw("grp, pipeline, stage, MAX(n) AS n, MAX(CASE WHEN rn = (n + 1) / 2 THEN ms END) AS median_ms, MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN ms END) AS p90_ms"))
      .from("ranked").groupBy("grp", "pipeline", "stage"),
  ])) as Record<string, unknown>[][];
  return { groups: groups!, reached: reached!, failed: failed!, lost: lost!, stays: stays! };
}

/** The funnel's rows (`stages`) from the history, for the report's inputs. */
export async function funnelFromHistory(
  ctx: Pick<AppContext, "knex" | "db">, bp: CompiledBlueprint,
  input: { caller: Caller; period: ReportPeriod; filter: ReportFilter; by: "pipeline" | "manager" | "team" },
): Promise<FunnelRow[]> {
  const by: GroupBy | "none" = input.by === "pipeline" ? "none" : input.by;
  const pos = funnelPositions(bp, input.filter.pipeline);
  if (!pos.length) return [];
  return funnelStages(by, pos, await aggregatesFromHistory(ctx.knex, ctx.db.dialect, input.caller, input.period, input.filter, by, pos));
}
