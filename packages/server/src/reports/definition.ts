/**
 * What a figure of the control room is: a name (`/api/reports/<figure>`), its own query
 * parameters beside the shared ones, a `run` that computes it in SQL for a caller, a period and
 * the filters, and the tables of its answer that `?format=csv` can write (`&table=`, the first by
 * default). The HTTP side (http/reports.routes.ts) is the same for every figure.
 */
import type { z } from "zod";
import type { AppContext, Caller } from "../context";
import type { ReportFilter } from "./filters";
import type { ReportPeriod } from "./periods";

/** Everything a figure is computed from. */
export interface ReportInput<P> {
  ctx: AppContext;
  caller: Caller;
  period: ReportPeriod;
  filter: ReportFilter;
  /** The request's instant (the server's clock). */
  now: Date;
  /** The figure's own query parameters, validated by its schema. */
  params: P;
}

/** The period as every answer shows it. */
export type PeriodView = Pick<ReportPeriod, "kind" | "start" | "from" | "to" | "timeZone">;

/** A figure of the control room. */
export interface ReportDefinition<S extends z.ZodRawShape = z.ZodRawShape, R extends { period: PeriodView } = { period: PeriodView }> {
  /** The path segment: `/api/reports/<figure>`. */
  figure: string;
  /** One line for the OpenAPI document. */
  summary: string;
  /** The figure's own query parameters. */
  params: S;
  /** For each table `?format=csv&table=` may name (the first is the default), its columns. */
  csv: Record<string, readonly string[]>;
  run(input: ReportInput<z.infer<z.ZodObject<S>>>): Promise<R>;
}

/**
 * Declares a figure with its types inferred.
 *
 * @example
 * export const nps = defineReport({ figure: "nps", summary: "…", params: {}, csv: { managers: [...] }, run: async (input) => … });
 */
export function defineReport<S extends z.ZodRawShape, R extends { period: PeriodView }>(def: ReportDefinition<S, R>): ReportDefinition<S, R> {
  return def;
}

/** The period of an answer. */
export function periodView(p: ReportPeriod): PeriodView {
  return { kind: p.kind, start: p.start, from: p.from, to: p.to, timeZone: p.timeZone };
}
