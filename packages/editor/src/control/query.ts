/**
 * Query strings of the control room's requests: the period (`period` + `start`) and the filters,
 * and the CSV address of a figure's table.
 */
import type { ControlFilters, Figure } from "./types";

const START_MONTHS: Record<ControlFilters["period"], readonly number[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], quarter: [1, 4, 7, 10], "half-year": [1, 7], year: [1],
};

/** The first month (YYYY-MM) of the period of `kind` holding `month` (YYYY-MM). */
export function alignStart(kind: ControlFilters["period"], month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = START_MONTHS[kind].filter((s) => s <= m).at(-1) ?? 1;
  return `${String(y).padStart(4, "0")}-${String(first).padStart(2, "0")}`;
}

/** The current month as YYYY-MM. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** The default filters: this month, everyone in scope. */
export function defaultFilters(now = new Date()): ControlFilters {
  return { period: "month", start: thisMonth(now), pipeline: "", responsible: "", team: "" };
}

/** The query string of the filters (empty filters left out). */
export function queryOf(f: ControlFilters): URLSearchParams {
  const q = new URLSearchParams({ period: f.period, start: alignStart(f.period, f.start) });
  for (const k of ["pipeline", "responsible", "team"] as const) if (f[k].trim()) q.set(k, f[k].trim());
  return q;
}

/** `/api/reports/<figure>?…` (JSON). */
export function reportPath(figure: Figure, f: ControlFilters): string {
  return `/api/reports/${figure}?${queryOf(f).toString()}`;
}

/** `/api/reports/<figure>?…&format=csv&table=<table>`. */
export function csvPath(figure: Figure, f: ControlFilters, table: string): string {
  const q = queryOf(f);
  q.set("format", "csv");
  q.set("table", table);
  return `/api/reports/${figure}?${q.toString()}`;
}
