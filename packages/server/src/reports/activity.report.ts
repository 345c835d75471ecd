/**
 * `GET /api/reports/activity` — activities against the activity norms (STANDARDS B and C). See
 * README.md "activity".
 *
 * The `activity.logged` history rows of the period (by the row's `at`: when the system recorded
 * it, which a backdated `data.at` cannot embellish), counted per user, local day (the workspace's
 * time zone) and activity type. An activity counts for the user who logged it (the row's actor),
 * or the deal's responsible when a system logged it. Norms come from the published blueprint's
 * `activityNorms`: `perDay` × the working days of the period (the default calendar's working
 * weekdays less its holidays; Monday to Friday without a calendar). One grouped SQL query.
 */
import type { ActivityNorm } from "@voronka/engine";
import { defineReport, periodView } from "./definition";
import { jsonText, valuesSql } from "./dialect";
import { whereUser } from "./filters";
import { num, ratio } from "./numbers";
import { daysOf, weekdayOf } from "./periods";

/** A user's activities of one type over the period, against the norm. */
export interface ActivitySummaryRow {
  manager: string;
  team: string | null;
  type: string;
  count: number;
  /** perDay × working days; null when no norm applies to the user for this type. */
  norm: number | null;
  /** count / norm; null without a norm. */
  completion: number | null;
}

/** A user's activities of one type on one local day. */
export interface ActivityDayRow {
  manager: string;
  day: string;
  type: string;
  count: number;
  /** The day's norm: perDay on a working day, 0 on a day off; null when no norm applies. */
  norm: number | null;
}

interface NormUser { role: string; active: boolean }

/** perDay of the norms of a type that apply to a user (summed), or null. */
function perDayOf(norms: readonly ActivityNorm[], user: NormUser | undefined, type: string): number | null {
  const applicable = norms.filter((n) => n.activityType === type && user !== undefined && (n.role === undefined || n.role === user.role));
  return applicable.length ? applicable.reduce((s, n) => s + n.perDay, 0) : null;
}

/** The activity report. */
export const activityReport = defineReport({
  figure: "activity",
  summary: "Activities logged per manager and day against the blueprint's activity norms",
  params: {},
  csv: {
    managers: ["manager", "team", "type", "count", "norm", "completion"],
    days: ["manager", "day", "type", "count", "norm"],
  },
  async run({ ctx, caller, period, filter }) {
    const { knex } = ctx;
    const dialect = ctx.db.dialect;
    const bp = await ctx.engine.compiled();
    const norms = bp.blueprint.activityNorms ?? [];
    const calendar = bp.calendar;
    const workingWeekdays = new Set(calendar?.workingDays ?? [1, 2, 3, 4, 5]);
    const holidays = new Set(calendar?.holidays ?? []);
    const days = daysOf(period);
    const working = new Set(days.filter((d) => workingWeekdays.has(weekdayOf(d.key)) && !holidays.has(d.key)).map((d) => d.key));

    const values = valuesSql(["TEXT", "TEXT", "TEXT"], days.map((d) => [d.key, d.from, d.to]));
    const acts = knex("history as h").join("deals as d", "d.id", "h.deal")
      .where("h.type", "activity.logged").where("h.at", ">=", period.from).where("h.at", "<", period.to)
      .select(knex.raw(`COALESCE(${jsonText(dialect, "h.actor", "user")}, d.responsible) AS who`), "h.at", knex.raw(`${jsonText(dialect, "h.data", "type")} AS type`), "d.pipeline");
    const q = knex.with("days", ["key", "from_at", "to_at"], knex.raw(values.sql, values.bindings)).with("acts", acts)
      .from("acts as a").join("days as dy", (j) => j.on("a.at", ">=", "dy.from_at").andOn("a.at", "<", "dy.to_at"))
      .select("a.who", "dy.key as day", "a.type").count({ n: "*" }).groupBy("a.who", "dy.key", "a.type");
    whereUser(knex, q, "a.who", caller, filter);
    if (filter.pipeline !== undefined) void q.where("a.pipeline", filter.pipeline);
    const rows = (await q) as Record<string, unknown>[];

    const users = await ctx.host.users.all();
    // Everyone a norm applies to, in the caller's scope and the filters, shows — with zeros.
    const listed = new Set<string>();
    for (const u of users.values()) {
      if (!u.active || (caller.scope !== "all" && !caller.scope.has(u.id))) continue;
      if ((filter.responsible !== undefined && u.id !== filter.responsible) || (filter.team !== undefined && u.team !== filter.team)) continue;
      if (norms.some((n) => n.role === undefined || n.role === u.role)) listed.add(u.id);
    }
    const counts = new Map<string, number>();
    const dayRows: ActivityDayRow[] = [];
    for (const r of rows) {
      const who = String(r["who"]);
      const type = String(r["type"]);
      const day = String(r["day"]);
      listed.add(who);
      counts.set(`${who}|${type}`, (counts.get(`${who}|${type}`) ?? 0) + num(r["n"]));
      const perDay = perDayOf(norms, users.get(who), type);
      dayRows.push({ manager: who, day, type, count: num(r["n"]), norm: perDay === null ? null : working.has(day) ? perDay : 0 });
    }
    dayRows.sort((a, b) => a.day.localeCompare(b.day) || a.manager.localeCompare(b.manager) || a.type.localeCompare(b.type));

    const managers: ActivitySummaryRow[] = [];
    for (const who of [...listed].sort()) {
      const user = users.get(who);
      const types = new Set(user ? norms.filter((n) => n.role === undefined || n.role === user.role).map((n) => n.activityType) : []);
      for (const k of counts.keys()) if (k.startsWith(`${who}|`)) types.add(k.slice(who.length + 1));
      for (const type of [...types].sort()) {
        const count = counts.get(`${who}|${type}`) ?? 0;
        const perDay = perDayOf(norms, user, type);
        const norm = perDay === null ? null : perDay * working.size;
        managers.push({ manager: who, team: user?.team ?? null, type, count, norm, completion: norm === null ? null : ratio(count, norm) });
      }
    }

    return { period: periodView(period), workingDays: working.size, workingDates: [...working].sort(), norms, managers, days: dayRows };
  },
});
