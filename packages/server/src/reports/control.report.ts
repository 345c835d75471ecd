/**
 * `GET /api/reports/control` — control of tasks and deals (standards 6 and 7, STANDARDS D). See
 * README.md "control".
 *
 * Per manager: overdue tasks and tasks due today (now, in the workspace's time zone), deadline
 * changes in the period with their reasons, open deals with no open task and forgotten deals
 * (now), and over the deals closed in the period the win share and the average deal duration.
 * Tasks count for their responsible, deals for theirs. Each figure is one grouped SQL query on
 * indexed columns; the lists of deals are capped at `listLimit`.
 */
import { z } from "zod";
import { defineReport, periodView } from "./definition";
import { durationMs, jsonText } from "./dialect";
import { whereDeal, whereUser } from "./filters";
import { num, ratio, seconds } from "./numbers";
import { today } from "./periods";

/** One manager's control figures. */
export interface ControlRow {
  manager: string;
  team: string | null;
  overdueTasks: number;
  dueToday: number;
  reschedules: number;
  dealsWithoutOpenTask: number;
  forgottenDeals: number;
  won: number;
  lost: number;
  /** won / (won + lost); null when nothing closed. */
  winShare: number | null;
  /** Mean of closedAt − createdAt over the deals closed in the period; null when none. */
  averageDurationSeconds: number | null;
}

/** A deal in one of the control lists. */
export interface ControlDeal {
  deal: string;
  title: string;
  pipeline: string;
  stage: string;
  responsible: string;
  stageEnteredAt: string;
  lastActivityAt: string;
}

const TIMER_ACTOR = JSON.stringify({ system: "timer" });
const DAY_MS = 86_400_000;

type Counts = Omit<ControlRow, "manager" | "team" | "winShare" | "averageDurationSeconds"> & { durationMs: number };
const zero = (): Counts => ({ overdueTasks: 0, dueToday: 0, reschedules: 0, dealsWithoutOpenTask: 0, forgottenDeals: 0, won: 0, lost: 0, durationMs: 0 });
const finish = (c: Counts) => {
  const { durationMs: ms, ...rest } = c;
  return { ...rest, winShare: ratio(c.won, c.won + c.lost), averageDurationSeconds: c.won + c.lost ? seconds(Math.round(ms / (c.won + c.lost))) : null };
};

/** The control report. */
export const controlReport = defineReport({
  figure: "control",
  summary: "Overdue and due-today tasks, reschedules with reasons, deals with no open task, forgotten deals, win share and deal duration (standards 6, 7)",
  params: {
    forgottenDays: z.coerce.number().int().min(1).max(3650).default(7).describe("An open deal is forgotten after this many days without activity (default 7)."),
    listLimit: z.coerce.number().int().min(1).max(1000).default(100).describe("At most this many deals in each list (default 100); the counts are complete."),
  },
  csv: {
    managers: ["manager", "team", "overdueTasks", "dueToday", "reschedules", "dealsWithoutOpenTask", "forgottenDeals", "won", "lost", "winShare", "averageDurationSeconds"],
    reschedules: ["reason", "count"],
    withoutOpenTask: ["deal", "title", "pipeline", "stage", "responsible", "stageEnteredAt", "lastActivityAt"],
    forgotten: ["deal", "title", "pipeline", "stage", "responsible", "stageEnteredAt", "lastActivityAt"],
  },
  async run({ ctx, caller, period, filter, now, params }) {
    const { knex } = ctx;
    const dialect = ctx.db.dialect;
    const nowIso = now.toISOString();
    const day = today(now, period.timeZone);
    const cutoff = new Date(+now - params.forgottenDays * DAY_MS).toISOString();

    const openTasks = () => {
      const q = knex("tasks as t").where("t.status", "open").whereNotNull("t.deadline").select("t.responsible as manager").count({ n: "*" }).groupBy("t.responsible");
      if (filter.pipeline !== undefined) void q.where("t.pipeline", filter.pipeline);
      return whereUser(knex, q, "t.responsible", caller, filter);
    };
    const overdue = openTasks().where("t.deadline", "<", nowIso);
    const dueToday = openTasks().where("t.deadline", ">=", day.from).where("t.deadline", "<", day.to);

    const reschedules = whereUser(knex, knex("history as h")
      .joinRaw(`JOIN tasks t ON t.id = ${jsonText(dialect, "h.data", "task")}`)
      .where("h.type", "task.rescheduled").where("h.at", ">=", period.from).where("h.at", "<", period.to)
      .select("t.responsible as manager", knex.raw(`${jsonText(dialect, "h.data", "reason")} AS reason`)).count({ n: "*" })
      .groupByRaw(`t.responsible, ${jsonText(dialect, "h.data", "reason")}`), "t.responsible", caller, filter);
    if (filter.pipeline !== undefined) void reschedules.where("t.pipeline", filter.pipeline);

    // Open deals with their last activity: any history row not written by a timer.
    const lastActivity = knex.raw("COALESCE((SELECT MAX(h.at) FROM history h WHERE h.deal = d.id AND h.actor <> ?), d.created_at) AS last_at", [TIMER_ACTOR]);
    const openDeals = whereDeal(knex, knex("deals as d").where("d.status", "open")
      .select("d.id", "d.title", "d.pipeline", "d.stage", "d.responsible", "d.stage_entered_at", lastActivity), "d", caller, filter);
    const noTask = knex.with("open_deals", openDeals).from("open_deals as o")
      .whereNotExists(knex("tasks as t").select(knex.raw("1")).whereRaw("t.deal = o.id").where("t.status", "open"));
    const forgotten = knex.with("open_deals", openDeals).from("open_deals as o").where("o.last_at", "<", cutoff);
    const perManager = (q: typeof noTask) => q.clone().select("o.responsible as manager").count({ n: "*" }).groupBy("o.responsible");
    const list = (q: typeof noTask, order: string) => q.clone().select("o.*").orderBy([{ column: order }, { column: "o.id" }]).limit(params.listLimit);

    const closed = whereDeal(knex, knex("deals as d")
      .whereIn("d.status", ["won", "lost"]).where("d.closed_at", ">=", period.from).where("d.closed_at", "<", period.to)
      .select("d.responsible as manager")
      .select(knex.raw("SUM(CASE WHEN d.status = 'won' THEN 1 ELSE 0 END) AS won, SUM(CASE WHEN d.status = 'lost' THEN 1 ELSE 0 END) AS lost"))
      .select(knex.raw(`SUM(${durationMs(dialect, "d.created_at", "d.closed_at")}) AS ms`))
      .groupBy("d.responsible"), "d", caller, filter);

    const [overdueRows, todayRows, rescheduleRows, noTaskRows, forgottenRows, closedRows, noTaskList, forgottenList] = (await Promise.all([
      overdue, dueToday, reschedules, perManager(noTask), perManager(forgotten), closed, list(noTask, "o.stage_entered_at"), list(forgotten, "o.last_at"),
    ])) as Record<string, unknown>[][];

    const byManager = new Map<string, Counts>();
    const add = (rows: Record<string, unknown>[], apply: (c: Counts, r: Record<string, unknown>) => void) => {
      for (const r of rows) {
        const m = String(r["manager"]);
        const c = byManager.get(m) ?? zero();
        apply(c, r);
        byManager.set(m, c);
      }
    };
    add(overdueRows!, (c, r) => { c.overdueTasks += num(r["n"]); });
    add(todayRows!, (c, r) => { c.dueToday += num(r["n"]); });
    add(rescheduleRows!, (c, r) => { c.reschedules += num(r["n"]); });
    add(noTaskRows!, (c, r) => { c.dealsWithoutOpenTask += num(r["n"]); });
    add(forgottenRows!, (c, r) => { c.forgottenDeals += num(r["n"]); });
    add(closedRows!, (c, r) => { c.won += num(r["won"]); c.lost += num(r["lost"]); c.durationMs += num(r["ms"]); });

    const users = await ctx.host.users.all();
    const managers: ControlRow[] = [...byManager.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([manager, c]) => ({ manager, team: users.get(manager)?.team ?? null, ...finish(c) }));
    const total = zero();
    for (const c of byManager.values()) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];

    const reasons = new Map<string, number>();
    for (const r of rescheduleRows!) reasons.set(String(r["reason"] ?? ""), (reasons.get(String(r["reason"] ?? "")) ?? 0) + num(r["n"]));
    const dealOf = (r: Record<string, unknown>): ControlDeal => ({
      deal: String(r["id"]), title: String(r["title"]), pipeline: String(r["pipeline"]), stage: String(r["stage"]),
      responsible: String(r["responsible"]), stageEnteredAt: String(r["stage_entered_at"]), lastActivityAt: String(r["last_at"]),
    });

    return {
      period: periodView(period),
      now: nowIso,
      today: day,
      forgottenDays: params.forgottenDays,
      totals: finish(total),
      managers,
      reschedules: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      withoutOpenTask: noTaskList!.map(dealOf),
      forgotten: forgottenList!.map(dealOf),
    };
  },
});
