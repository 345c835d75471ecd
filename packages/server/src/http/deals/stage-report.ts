/**
 * The stage report (`GET /api/reports/stages`): per stage of every pipeline, the deals in it, its
 * overdue tasks and its conversion to the next stage, each computed in SQL over the deals in the
 * caller's scope.
 *
 * Definitions (also in the server README):
 * - `deals`: deals whose current stage it is (open, or won/lost on a final stage).
 * - `overdueTasks`: open tasks with a deadline before now, of the deals currently in the stage.
 * - `conversionToNext`: a deal *reached* a stage when it was created in it or moved into it, or
 *   into any later process stage or the success stage (its furthest point in the funnel, from the
 *   `deal.created` / `deal.moved` history rows; failure stages do not count). For a process stage
 *   S followed by N (the next process stage, or success after the last one):
 *   reached(N) / reached(S), a share in [0, 1]; null when nothing reached S, and for the success
 *   and failure stages, which have no next stage.
 */
import type { CompiledBlueprint } from "@voronka/engine";
import type { Knex } from "knex";
import type { AppContext, Caller } from "../../context";
import { whereInScope, whereTeam } from "./access";

/** One row of the stage report. */
export interface StageReportRow {
  pipeline: string;
  stage: string;
  deals: number;
  overdueTasks: number;
  conversionToNext: number | null;
}

/** The report's filters. */
export interface StageReportFilter {
  pipeline?: string | undefined;
  responsible?: string | undefined;
  team?: string | undefined;
}

const key = (pipeline: unknown, stage: unknown) => `${String(pipeline)}/${String(stage)}`;

/** The pipelines' stages with their funnel positions (process stages in order, then success). */
function positions(bp: CompiledBlueprint, pipeline: string | undefined): { pipeline: string; stage: string; position: number }[] {
  const out: { pipeline: string; stage: string; position: number }[] = [];
  for (const p of bp.pipelines.values()) {
    if (pipeline !== undefined && p.id !== pipeline) continue;
    const process = p.ordered.filter((s) => s.kind === "process");
    process.forEach((s, i) => out.push({ pipeline: p.id, stage: s.id, position: i }));
    const success = p.ordered.find((s) => s.kind === "success");
    if (success) out.push({ pipeline: p.id, stage: success.id, position: process.length });
  }
  return out;
}

/** Computes the stage report; stages come in blueprint order, with zeros where nothing is. */
export async function stageReport(ctx: AppContext, caller: Caller, f: StageReportFilter): Promise<StageReportRow[]> {
  const bp = await ctx.engine.compiled();
  const { knex } = ctx;
  const now = ctx.clock.now().toISOString();
  const scoped = <T extends Knex.QueryBuilder>(q: T): T => {
    let out = whereTeam(knex, whereInScope(q, "d.responsible", caller), "d.responsible", f.team);
    if (f.pipeline !== undefined) out = out.where("d.pipeline", f.pipeline) as T;
    if (f.responsible !== undefined) out = out.where("d.responsible", f.responsible) as T;
    return out;
  };

  const dealRows = (await scoped(knex("deals as d").select("d.pipeline", "d.stage").count({ n: "*" }).groupBy("d.pipeline", "d.stage"))) as Record<string, unknown>[];
  const overdueRows = (await scoped(
    knex("tasks as t")
      .join("deals as d", "d.id", "t.deal")
      .where("t.status", "open")
      .whereNotNull("t.deadline")
      .where("t.deadline", "<", now)
      .select("d.pipeline", "d.stage")
      .count({ n: "*" })
      .groupBy("d.pipeline", "d.stage"),
  )) as Record<string, unknown>[];

  const pos = positions(bp, f.pipeline);
  const conversion = new Map<string, number | null>();
  if (pos.length) {
    const jsonText = (field: string) => (ctx.db.dialect === "postgres" ? `(h.data::json ->> '${field}')` : `json_extract(h.data, '$.${field}')`);
    const posSql = pos.map(() => "SELECT CAST(? AS TEXT) AS pipeline, CAST(? AS TEXT) AS stage, CAST(? AS INTEGER) AS position").join(" UNION ALL ");
    const entered = scoped(
      knex("history as h")
        .join("deals as d", "d.id", "h.deal")
        .whereIn("h.type", ["deal.created", "deal.moved"])
        .select("h.deal", "d.pipeline", knex.raw(`CASE WHEN h.type = 'deal.created' THEN ${jsonText("stage")} ELSE ${jsonText("to")} END AS stage`)),
    );
    const rows = (await knex
      .with("pos", knex.raw(posSql, pos.flatMap((p) => [p.pipeline, p.stage, p.position])))
      .with("entered", entered)
      .with("furthest", (q) => q.from("entered as e").join("pos as p", (j) => j.on("p.pipeline", "e.pipeline").andOn("p.stage", "e.stage")).select("e.deal", "e.pipeline").max({ furthest: "p.position" }).groupBy("e.deal", "e.pipeline"))
      .with("reached", (q) =>
        q.from("pos as p")
          .leftJoin("furthest as f", (j) => j.on("f.pipeline", "p.pipeline").andOn("f.furthest", ">=", "p.position"))
          .select("p.pipeline", "p.stage", "p.position")
          .count({ reached: "f.deal" })
          .groupBy("p.pipeline", "p.stage", "p.position"),
      )
      .from("reached as a")
      .leftJoin("reached as b", (j) => j.on("b.pipeline", "a.pipeline").andOn("b.position", "=", knex.raw("a.position + 1")))
      .select("a.pipeline", "a.stage", knex.raw("CASE WHEN a.reached = 0 OR b.reached IS NULL THEN NULL ELSE b.reached * 1.0 / a.reached END AS conversion"))) as Record<string, unknown>[];
    for (const r of rows) conversion.set(key(r["pipeline"], r["stage"]), r["conversion"] == null ? null : Math.round(Number(r["conversion"]) * 10_000) / 10_000);
  }

  const counts = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [key(r["pipeline"], r["stage"]), Number(r["n"])]));
  const dealsBy = counts(dealRows);
  const overdueBy = counts(overdueRows);
  const out: StageReportRow[] = [];
  for (const p of bp.pipelines.values()) {
    if (f.pipeline !== undefined && p.id !== f.pipeline) continue;
    for (const s of p.ordered) {
      const k = key(p.id, s.id);
      out.push({ pipeline: p.id, stage: s.id, deals: dealsBy.get(k) ?? 0, overdueTasks: overdueBy.get(k) ?? 0, conversionToNext: conversion.get(k) ?? null });
    }
  }
  return out;
}

/** The report as CSV (RFC 4180, a header row, `conversionToNext` empty when null). */
export function stageReportCsv(rows: StageReportRow[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ["pipeline", "stage", "deals", "overdueTasks", "conversionToNext"];
  return [header.join(","), ...rows.map((r) => [r.pipeline, r.stage, r.deals, r.overdueTasks, r.conversionToNext].map(cell).join(","))].join("\r\n") + "\r\n";
}
