/**
 * The control room's figures (DESIGN.md "The control room"), each served at
 * `/api/reports/<figure>` as JSON or `?format=csv`: see README.md beside this file for their
 * definitions.
 */
import { abcXyzReport } from "./abc-xyz.report";
import { activityReport } from "./activity.report";
import { controlReport } from "./control.report";
import type { ReportDefinition } from "./definition";
import { funnelReport } from "./funnel.report";
import { kpisReport } from "./kpis.report";
import { lossReasonsReport } from "./loss-reasons.report";
import { npsReport } from "./nps.report";
import { plansReport } from "./plans.report";

export { toCsv, csvCell, type CsvTable } from "./csv";
export { defineReport, type ReportDefinition, type ReportInput, type PeriodView } from "./definition";
export type { ReportFilter, GroupBy } from "./filters";
export { resolvePeriod, previousPeriod, monthsOf, daysOf, startOfLocalDay, localDate, PERIOD_KINDS, type PeriodKind, type ReportPeriod, type PeriodSlice } from "./periods";

/** Every figure, in the order the control room shows them. */
export const REPORTS: readonly ReportDefinition<any, any>[] = [
  plansReport, funnelReport, controlReport, lossReasonsReport, npsReport, kpisReport, activityReport, abcXyzReport,
];
