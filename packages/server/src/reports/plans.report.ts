/**
 * `GET /api/reports/plans` — plan vs actual (standard 1). See README.md "plans".
 *
 * A plan is in the report when its whole period (its month, quarter, half-year or year from its
 * start, in the workspace's time zone) lies within the requested period; each plan is measured
 * over its own period. Actual = the won deals (status `won`, `closedAt` in the plan's period) that
 * pass the filters: their count, or their summed `amount`. Revenue counts when the deal reaches
 * success. One grouped query per distinct plan period (responsible × pipeline), summed up here.
 */
import type { Plan } from "../host";
import { defineReport, periodView } from "./definition";
import { whereDeal, whereUser } from "./filters";
import { money, num, ratio } from "./numbers";
import { calendarPeriod, localDate, type PeriodKind, type ReportPeriod } from "./periods";

/** An employee's plan against their won deals. */
export interface EmployeePlanRow {
  plan: string;
  user: string;
  team: string | null;
  metric: Plan["metric"];
  period: PeriodKind;
  start: string;
  target: number;
  actual: number;
  /** actual / target (0.75 = 75 %). */
  completion: number | null;
}

/** A direction's (pipeline's) plan against the won deals of that pipeline. */
export interface PipelinePlanRow extends Omit<EmployeePlanRow, "user" | "team"> {
  pipeline: string;
}

/** The company plan of a metric and period: the sum of the employees' plans. */
export interface CompanyPlanRow {
  metric: Plan["metric"];
  period: PeriodKind;
  start: string;
  /** How many employee plans the target sums. */
  plans: number;
  target: number;
  /** Every won deal in the period that passes the filters. */
  actual: number;
  completion: number | null;
}

type Won = { responsible: string; pipeline: string; deals: number; amount: number };

const dayKey = (at: string, tz: string) => {
  const d = localDate(Date.parse(at), tz);
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
};

/** The plans report. */
export const plansReport = defineReport({
  figure: "plans",
  summary: "Plan vs actual by amount and by count, per employee, per pipeline and for the company (standard 1)",
  params: {},
  csv: {
    employees: ["plan", "user", "team", "metric", "period", "start", "target", "actual", "completion"],
    pipelines: ["plan", "pipeline", "metric", "period", "start", "target", "actual", "completion"],
    company: ["metric", "period", "start", "plans", "target", "actual", "completion"],
  },
  async run({ ctx, caller, period, filter }) {
    const { knex } = ctx;
    const tz = period.timeZone;
    const users = await ctx.host.users.all();
    const candidates = knex("plans").where("start", ">=", dayKey(period.from, tz)).where("start", "<", dayKey(period.to, tz)).orderBy(["start", "id"]);
    const employeePlans = (await whereUser(knex, candidates.clone().whereNotNull("owner_user"), "owner_user", caller, filter)) as Record<string, unknown>[];
    const pipelineQuery = candidates.clone().whereNotNull("owner_pipeline");
    if (filter.pipeline !== undefined) void pipelineQuery.where("owner_pipeline", filter.pipeline);
    const pipelinePlans = (await pipelineQuery) as Record<string, unknown>[];

    const spanOf = (row: Record<string, unknown>): ReportPeriod => calendarPeriod(row["period"] as PeriodKind, String(row["start"]).slice(0, 7), tz);
    const within = (row: Record<string, unknown>) => { const s = spanOf(row); return s.from >= period.from && s.to <= period.to; };
    const employees = employeePlans.filter(within);
    const pipelines = pipelinePlans.filter(within);

    const won = new Map<string, Won[]>();
    for (const row of [...employees, ...pipelines]) {
      const span = spanOf(row);
      const key = `${span.from}/${span.to}`;
      if (won.has(key)) continue;
      const q = knex("deals as d").where("d.status", "won").where("d.closed_at", ">=", span.from).where("d.closed_at", "<", span.to)
        .select("d.responsible", "d.pipeline").count({ deals: "*" }).sum({ amount: "d.amount" }).groupBy("d.responsible", "d.pipeline");
      const rows = (await whereDeal(knex, q, "d", caller, filter)) as Record<string, unknown>[];
      won.set(key, rows.map((r) => ({ responsible: String(r["responsible"]), pipeline: String(r["pipeline"]), deals: num(r["deals"]), amount: num(r["amount"]) })));
    }
    const actualOf = (row: Record<string, unknown>, keep: (w: Won) => boolean): number => {
      const span = spanOf(row);
      const rows = (won.get(`${span.from}/${span.to}`) ?? []).filter(keep);
      return row["metric"] === "count" ? rows.reduce((s, w) => s + w.deals, 0) : money(rows.reduce((s, w) => s + w.amount, 0));
    };
    const base = (row: Record<string, unknown>, actual: number) => ({
      plan: String(row["id"]), metric: row["metric"] as Plan["metric"], period: row["period"] as PeriodKind, start: String(row["start"]),
      target: num(row["target"]), actual, completion: ratio(actual, num(row["target"])),
    });

    const employeeRows: EmployeePlanRow[] = employees.map((row) => {
      const user = String(row["owner_user"]);
      const { plan, ...rest } = base(row, actualOf(row, (w) => w.responsible === user));
      return { plan, user, team: users.get(user)?.team ?? null, ...rest };
    }).sort((a, b) => a.start.localeCompare(b.start) || a.user.localeCompare(b.user) || a.metric.localeCompare(b.metric) || a.plan.localeCompare(b.plan));

    const pipelineRows: PipelinePlanRow[] = pipelines.map((row) => {
      const pipeline = String(row["owner_pipeline"]);
      const { plan, ...rest } = base(row, actualOf(row, (w) => w.pipeline === pipeline));
      return { plan, pipeline, ...rest };
    }).sort((a, b) => a.start.localeCompare(b.start) || a.pipeline.localeCompare(b.pipeline) || a.metric.localeCompare(b.metric) || a.plan.localeCompare(b.plan));

    const company = new Map<string, CompanyPlanRow>();
    for (const row of employees) {
      const key = `${String(row["metric"])}|${String(row["period"])}|${String(row["start"])}`;
      const c = company.get(key) ?? { metric: row["metric"] as Plan["metric"], period: row["period"] as PeriodKind, start: String(row["start"]), plans: 0, target: 0, actual: actualOf(row, () => true), completion: null };
      c.plans += 1;
      c.target += num(row["target"]);
      company.set(key, c);
    }
    const companyRows = [...company.values()]
      .map((c) => ({ ...c, target: c.metric === "amount" ? money(c.target) : c.target, completion: ratio(c.actual, c.target) }))
      .sort((a, b) => a.start.localeCompare(b.start) || a.period.localeCompare(b.period) || a.metric.localeCompare(b.metric));

    return { period: periodView(period), employees: employeeRows, pipelines: pipelineRows, company: companyRows };
  },
});
