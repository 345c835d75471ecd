/**
 * `GET /api/reports/nps` — the Net Promoter Score (standard 9). See README.md "nps".
 *
 * The surveys answered in the period (`surveys.answered_at`; the `survey.answered` history rows
 * carry the same answers) whose deal passes the filters, by the band each answer fell in:
 * promoters, passives, detractors; NPS = % promoters − % detractors, in points (-100 … 100). Per
 * manager (the deal's responsible), per month, and the reasons given. Grouped SQL queries.
 */
import { z } from "zod";
import { defineReport, periodView } from "./definition";
import { valuesSql } from "./dialect";
import { whereDeal } from "./filters";
import { num, round } from "./numbers";
import { monthsOf } from "./periods";

/** Answers by band, with the score. */
export interface NpsFigures {
  answered: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** (promoters − detractors) / answered × 100, two decimals; null when nobody answered. */
  nps: number | null;
}

/** A reason clients gave, in a band. */
export interface NpsReasonRow {
  band: string | null;
  reason: string;
  count: number;
}

type Tally = Omit<NpsFigures, "nps">;
const empty = (): Tally => ({ answered: 0, promoters: 0, passives: 0, detractors: 0 });
const BAND: Record<string, keyof Tally> = { promoter: "promoters", passive: "passives", detractor: "detractors" };

function tally(t: Tally, band: unknown, n: number): void {
  t.answered += n;
  const k = typeof band === "string" ? BAND[band] : undefined;
  if (k) t[k] += n;
}

/** The figures of a tally, with the score. */
export function npsOf(t: Tally): NpsFigures {
  return { ...t, nps: t.answered === 0 ? null : round(((t.promoters - t.detractors) / t.answered) * 100, 2) };
}

/** The NPS report. */
export const npsReport = defineReport({
  figure: "nps",
  summary: "NPS: promoters, passives, detractors, the score and the reasons, per manager and month (standard 9)",
  params: {
    survey: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, "a survey id of the blueprint").optional().describe("Only this survey (default: every survey)."),
  },
  csv: {
    managers: ["manager", "team", "answered", "promoters", "passives", "detractors", "nps"],
    reasons: ["band", "reason", "count"],
    trend: ["month", "answered", "promoters", "passives", "detractors", "nps"],
  },
  async run({ ctx, caller, period, filter, params }) {
    const { knex } = ctx;
    const answered = () => {
      const q = knex("surveys as s").join("deals as d", "d.id", "s.deal")
        .where("s.status", "answered").where("s.answered_at", ">=", period.from).where("s.answered_at", "<", period.to);
      if (params.survey !== undefined) void q.where("s.survey", params.survey);
      return whereDeal(knex, q, "d", caller, filter);
    };
    const months = monthsOf(period);
    const values = valuesSql(["TEXT", "TEXT", "TEXT"], months.map((m) => [m.key, m.from, m.to]));

    const [byManager, reasonRows, monthly] = (await Promise.all([
      answered().select("d.responsible as manager", "s.band").count({ n: "*" }).groupBy("d.responsible", "s.band"),
      answered().whereNotNull("s.reason").select("s.band", "s.reason").count({ n: "*" }).groupBy("s.band", "s.reason"),
      knex.with("months", ["key", "from_at", "to_at"], knex.raw(values.sql, values.bindings))
        .with("answers", answered().select("s.answered_at", "s.band"))
        .from("answers as a").join("months as m", (j) => j.on("a.answered_at", ">=", "m.from_at").andOn("a.answered_at", "<", "m.to_at"))
        .select("m.key as month", "a.band").count({ n: "*" }).groupBy("m.key", "a.band"),
    ])) as Record<string, unknown>[][];

    const users = await ctx.host.users.all();
    const total = empty();
    const managers = new Map<string, Tally>();
    for (const r of byManager!) {
      const m = String(r["manager"]);
      const t = managers.get(m) ?? empty();
      tally(t, r["band"], num(r["n"]));
      tally(total, r["band"], num(r["n"]));
      managers.set(m, t);
    }
    const perMonth = new Map(months.map((m) => [m.key, empty()]));
    for (const r of monthly!) tally(perMonth.get(String(r["month"]))!, r["band"], num(r["n"]));
    const reasons: NpsReasonRow[] = reasonRows!
      .map((r) => ({ band: r["band"] === null || r["band"] === undefined ? null : String(r["band"]), reason: String(r["reason"]), count: num(r["n"]) }))
      .sort((a, b) => b.count - a.count || String(a.band).localeCompare(String(b.band)) || a.reason.localeCompare(b.reason));

    return {
      period: periodView(period),
      survey: params.survey ?? null,
      ...npsOf(total),
      managers: [...managers.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([manager, t]) => ({ manager, team: users.get(manager)?.team ?? null, ...npsOf(t) })),
      reasons,
      trend: months.map((m) => ({ month: m.key, ...npsOf(perMonth.get(m.key)!) })),
    };
  },
});
