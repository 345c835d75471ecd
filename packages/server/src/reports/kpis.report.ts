/**
 * `GET /api/reports/kpis` — the managers' KPIs (STANDARDS B). See README.md "kpis".
 *
 * Over the deals won in the period that pass the filters: revenue, deal count, average deal size,
 * revenue from new clients (the client's first won deal ever, company-wide) and from repeat ones
 * (their later won deals), the number of new clients; against the previous period of the same
 * kind (or length): growth rate, and retention and churn by client (clients who bought in the
 * previous period and again in this one). Totals and a breakdown (`by`), each from three grouped
 * SQL queries.
 */
import type { Knex } from "knex";
import { z } from "zod";
import type { Caller } from "../context";
import { defineReport, periodView } from "./definition";
import { sameValue, type Dialect } from "./dialect";
import { groupExpr, joinTeam, whereDeal, type GroupBy, type ReportFilter } from "./filters";
import { money, num, ratio } from "./numbers";
import { previousPeriod, type ReportPeriod } from "./periods";

/** The KPIs of a group (or of everyone). */
export interface KpiFigures {
  revenue: number;
  deals: number;
  /** revenue / deals; null when nothing was won. */
  averageDeal: number | null;
  newClientRevenue: number;
  repeatRevenue: number;
  /** Won deals with no client: neither new nor repeat. */
  noClientRevenue: number;
  newClients: number;
  previousRevenue: number;
  /** (revenue − previousRevenue) / previousRevenue; null when the previous period had none. */
  growthRate: number | null;
  /** Clients with a won deal in the previous period. */
  previousBuyers: number;
  /** Of those, the clients with a won deal in this period too. */
  returningBuyers: number;
  /** returningBuyers / previousBuyers; null when there were none. */
  retention: number | null;
  /** 1 − retention. */
  churn: number | null;
}

type Row = Record<string, unknown>;

/** The figures of nothing: zeros, and null where a division has nothing to divide by. */
const blank = (): KpiFigures => ({
  revenue: 0, deals: 0, averageDeal: null, newClientRevenue: 0, repeatRevenue: 0, noClientRevenue: 0, newClients: 0,
  previousRevenue: 0, growthRate: null, previousBuyers: 0, returningBuyers: 0, retention: null, churn: null,
});

interface Scope { knex: Knex; dialect: Dialect; caller: Caller; filter: ReportFilter }

const FIRST_WON = "CASE WHEN d.client IS NULL THEN NULL WHEN EXISTS (SELECT 1 FROM deals e WHERE e.client = d.client AND e.status = 'won' AND (e.closed_at < d.closed_at OR (e.closed_at = d.closed_at AND e.id < d.id))) THEN 0 ELSE 1 END";

/** Won deals of a period, with the breakdown column `grp`. */
function won(s: Scope, by: GroupBy | "none", p: ReportPeriod, ...columns: (string | Knex.Raw)[]) {
  const q = joinTeam(s.knex("deals as d"), by).where("d.status", "won").where("d.closed_at", ">=", p.from).where("d.closed_at", "<", p.to)
    .select(s.knex.raw(`${groupExpr(by)} AS grp`), ...columns);
  return whereDeal(s.knex, q, "d", s.caller, s.filter);
}

/** The three queries of one breakdown: this period's revenue, the previous one's, retention. */
async function figures(s: Scope, by: GroupBy | "none", p: ReportPeriod, prev: ReportPeriod): Promise<Map<string | null, KpiFigures>> {
  const { knex } = s;
  const [current, previous, retention] = (await Promise.all([
    knex.with("won", won(s, by, p, "d.amount", knex.raw(`${FIRST_WON} AS first`))).from("won").groupBy("grp").select("grp")
      .select(knex.raw("COUNT(*) AS deals, SUM(amount) AS revenue, SUM(CASE WHEN first = 1 THEN amount ELSE 0 END) AS new_revenue, SUM(CASE WHEN first = 0 THEN amount ELSE 0 END) AS repeat_revenue, SUM(CASE WHEN first IS NULL THEN amount ELSE 0 END) AS no_client_revenue, SUM(CASE WHEN first = 1 THEN 1 ELSE 0 END) AS new_clients")),
    knex.with("won", won(s, by, prev, "d.amount")).from("won").groupBy("grp").select("grp").select(knex.raw("SUM(amount) AS revenue")),
    knex.with("prev", won(s, by, prev, "d.client").whereNotNull("d.client").groupByRaw(`${groupExpr(by)}, d.client`))
      .with("cur", won(s, by, p, "d.client").whereNotNull("d.client").groupByRaw(`${groupExpr(by)}, d.client`))
      .from(knex.raw(`prev p LEFT JOIN cur c ON c.client = p.client AND ${sameValue(s.dialect, "c.grp", "p.grp")}`))
      .groupBy("p.grp").select("p.grp").select(knex.raw("COUNT(*) AS previous_buyers, COUNT(c.client) AS returning_buyers")),
  ])) as Row[][];

  const out = new Map<string | null, KpiFigures>();
  const at = (grp: unknown): KpiFigures => {
    const k = grp === null || grp === undefined ? null : String(grp);
    let f = out.get(k);
    if (!f) out.set(k, (f = blank()));
    return f;
  };
  for (const r of current!) {
    Object.assign(at(r["grp"]), {
      deals: num(r["deals"]), revenue: money(num(r["revenue"])), newClientRevenue: money(num(r["new_revenue"])),
      repeatRevenue: money(num(r["repeat_revenue"])), noClientRevenue: money(num(r["no_client_revenue"])), newClients: num(r["new_clients"]),
    });
  }
  for (const r of previous!) at(r["grp"]).previousRevenue = money(num(r["revenue"]));
  for (const r of retention!) Object.assign(at(r["grp"]), { previousBuyers: num(r["previous_buyers"]), returningBuyers: num(r["returning_buyers"]) });
  for (const f of out.values()) {
    f.averageDeal = f.deals ? money(f.revenue / f.deals) : null;
    f.growthRate = ratio(f.revenue - f.previousRevenue, f.previousRevenue);
    f.retention = ratio(f.returningBuyers, f.previousBuyers);
    f.churn = f.retention === null ? null : ratio(f.previousBuyers - f.returningBuyers, f.previousBuyers);
  }
  return out;
}

/** The KPI report. */
export const kpisReport = defineReport({
  figure: "kpis",
  summary: "Revenue, average deal, new vs repeat revenue, retention and churn by client, growth rate (STANDARDS B)",
  params: {
    by: z.enum(["manager", "team", "pipeline"]).default("manager").describe("Break the KPIs down by the deal's responsible (default), their team, or the pipeline."),
  },
  csv: {
    groups: ["group", "revenue", "deals", "averageDeal", "newClientRevenue", "repeatRevenue", "noClientRevenue", "newClients", "previousRevenue", "growthRate", "previousBuyers", "returningBuyers", "retention", "churn"],
  },
  async run({ ctx, caller, period, filter, params }) {
    const s: Scope = { knex: ctx.knex, dialect: ctx.db.dialect, caller, filter };
    const prev = previousPeriod(period);
    const [groups, totals] = await Promise.all([figures(s, params.by, period, prev), figures(s, "none", period, prev)]);
    return {
      period: periodView(period),
      previousPeriod: periodView(prev),
      by: params.by,
      totals: totals.get(null) ?? blank(),
      groups: [...groups.entries()]
        .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
        .map(([group, f]) => ({ group, ...f })),
    };
  },
});
