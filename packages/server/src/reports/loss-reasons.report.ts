/**
 * `GET /api/reports/loss-reasons` — why deals are lost (standard 11), with the trend per month.
 * See README.md "loss-reasons".
 *
 * The deals lost in the period (status `lost`, `closedAt` in it) that pass the filters, counted by
 * the value of their loss-reason field (`reasonField`, default `lossReason`; a deal without one
 * counts under `null`), overall and per calendar month of the period in the workspace's time
 * zone. Two grouped SQL queries; the months are a `VALUES` CTE of UTC boundaries.
 */
import { z } from "zod";
import { defineReport, periodView } from "./definition";
import { jsonText, valuesSql } from "./dialect";
import { whereDeal } from "./filters";
import { num, ratio } from "./numbers";
import { monthsOf } from "./periods";

/** A loss reason over the whole period. */
export interface LossReasonRow {
  /** The field's value (an option id), or null for deals lost without one. */
  reason: string | null;
  lost: number;
  /** lost / all lost deals of the period. */
  share: number | null;
}

/** A loss reason in one month. */
export interface LossTrendRow {
  month: string;
  reason: string | null;
  lost: number;
}

const Slug = z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, "a field id of the blueprint");
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const byReason = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b));

/** The loss-reasons report. */
export const lossReasonsReport = defineReport({
  figure: "loss-reasons",
  summary: "Loss reasons of the deals lost in the period, with their trend per month (standard 11)",
  params: {
    reasonField: Slug.default("lossReason").describe("The deal field that holds the loss reason (default lossReason)."),
  },
  csv: {
    reasons: ["reason", "lost", "share"],
    trend: ["month", "reason", "lost"],
  },
  async run({ ctx, caller, period, filter, params }) {
    const { knex } = ctx;
    const reason = jsonText(ctx.db.dialect, "d.fields", params.reasonField);
    const lost = () => whereDeal(knex, knex("deals as d").where("d.status", "lost").where("d.closed_at", ">=", period.from).where("d.closed_at", "<", period.to), "d", caller, filter);
    const months = monthsOf(period);
    const values = valuesSql(["TEXT", "TEXT", "TEXT"], months.map((m) => [m.key, m.from, m.to]));

    const [totals, monthly] = (await Promise.all([
      lost().select(knex.raw(`${reason} AS reason`)).count({ n: "*" }).groupByRaw(reason),
      knex.with("months", ["key", "from_at", "to_at"], knex.raw(values.sql, values.bindings))
        .with("lost", lost().select("d.closed_at", knex.raw(`${reason} AS reason`)))
        .from("lost as l").join("months as m", (j) => j.on("l.closed_at", ">=", "m.from_at").andOn("l.closed_at", "<", "m.to_at"))
        .select("m.key as month", "l.reason").count({ n: "*" }).groupBy("m.key", "l.reason"),
    ])) as Record<string, unknown>[][];

    const total = totals!.reduce((s, r) => s + num(r["n"]), 0);
    const reasons: LossReasonRow[] = totals!
      .map((r) => ({ reason: text(r["reason"]), lost: num(r["n"]), share: ratio(num(r["n"]), total) }))
      .sort((a, b) => b.lost - a.lost || byReason(a.reason, b.reason));
    const counts = new Map(monthly!.map((r) => [`${String(r["month"])}|${text(r["reason"]) ?? "\u0000"}`, num(r["n"])]));
    // Every month of the period × every reason of the period, zeros included, for charts.
    const trend: LossTrendRow[] = months.flatMap((m) => reasons.map((r) => ({ month: m.key, reason: r.reason, lost: counts.get(`${m.key}|${r.reason ?? "\u0000"}`) ?? 0 })));

    return { period: periodView(period), reasonField: params.reasonField, lost: total, reasons, trend };
  },
});
