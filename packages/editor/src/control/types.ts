/**
 * The JSON shapes of `GET /api/reports/<figure>` (see `packages/server/src/reports/README.md`).
 * Shares are fractions (0.75 = 75 %), money in the workspace currency, durations in seconds; a
 * division with nothing to divide by is `null`.
 */
export interface PeriodView { kind: string; start: string | null; from: string; to: string; timeZone: string }

export type Metric = "amount" | "count";
export interface EmployeePlanRow { plan: string; user: string; team: string | null; metric: Metric; period: string; start: string; target: number; actual: number; completion: number | null }
export interface PipelinePlanRow { plan: string; pipeline: string; metric: Metric; period: string; start: string; target: number; actual: number; completion: number | null }
export interface CompanyPlanRow { metric: Metric; period: string; start: string; plans: number; target: number; actual: number; completion: number | null }
export interface PlansReport { period: PeriodView; employees: EmployeePlanRow[]; pipelines: PipelinePlanRow[]; company: CompanyPlanRow[] }

export interface FunnelRow { group: string | null; pipeline: string; stage: string; kind: "process" | "success" | "failure"; reached: number; conversionToNext: number | null; lost: number; stays: number; medianSeconds: number | null; p90Seconds: number | null }
export interface FunnelReport { period: PeriodView; by: string; stages: FunnelRow[] }

export interface ControlCounts { overdueTasks: number; dueToday: number; reschedules: number; dealsWithoutOpenTask: number; forgottenDeals: number; won: number; lost: number; winShare: number | null; averageDurationSeconds: number | null }
export interface ControlRow extends ControlCounts { manager: string; team: string | null }
export interface ControlDeal { deal: string; title: string; pipeline: string; stage: string; responsible: string; stageEnteredAt: string; lastActivityAt: string }
export interface ControlReport { period: PeriodView; now: string; today: string; forgottenDays: number; totals: ControlCounts; managers: ControlRow[]; reschedules: { reason: string; count: number }[]; withoutOpenTask: ControlDeal[]; forgotten: ControlDeal[] }

export interface LossReasonsReport { period: PeriodView; reasonField: string; lost: number; reasons: { reason: string | null; lost: number; share: number | null }[]; trend: { month: string; reason: string | null; lost: number }[] }

export interface NpsFigures { answered: number; promoters: number; passives: number; detractors: number; nps: number | null }
export interface NpsReport extends NpsFigures { period: PeriodView; survey: string | null; managers: (NpsFigures & { manager: string; team: string | null })[]; reasons: { band: string | null; reason: string; count: number }[]; trend: (NpsFigures & { month: string })[] }

export interface KpiFigures { revenue: number; deals: number; averageDeal: number | null; newClientRevenue: number; repeatRevenue: number; noClientRevenue: number; newClients: number; previousRevenue: number; growthRate: number | null; previousBuyers: number; returningBuyers: number; retention: number | null; churn: number | null }
export interface KpisReport { period: PeriodView; previousPeriod: PeriodView; by: string; totals: KpiFigures; groups: (KpiFigures & { group: string | null })[] }

export interface ActivityReport { period: PeriodView; workingDays: number; workingDates: string[]; norms: unknown[]; managers: { manager: string; team: string | null; type: string; count: number; norm: number | null; completion: number | null }[]; days: { manager: string; day: string; type: string; count: number; norm: number | null }[] }

export type Abc = "A" | "B" | "C";
export type Xyz = "X" | "Y" | "Z";
export type Segment = "cash-cow" | "dog" | "star" | "wild-cat";
export interface AbcXyzReport {
  period: PeriodView; thresholds: { abcA: number; abcB: number; xyzX: number; xyzY: number }; months: number; revenue: number; noClientRevenue: number;
  clients: { client: string; name: string | null; revenue: number; deals: number; months: number; share: number | null; cumulativeShare: number | null; abc: Abc | null; xyz: Xyz; segment: Segment | null }[];
  matrix: { abc: Abc; xyz: Xyz; segment: Segment; clients: number; revenue: number }[];
  segments: { segment: Segment; clients: number; revenue: number }[];
}

/** Every figure and its answer. */
export interface Reports {
  plans: PlansReport; funnel: FunnelReport; control: ControlReport; "loss-reasons": LossReasonsReport;
  nps: NpsReport; kpis: KpisReport; activity: ActivityReport; "abc-xyz": AbcXyzReport;
}
export type Figure = keyof Reports;
export const FIGURES: readonly Figure[] = ["plans", "funnel", "control", "loss-reasons", "nps", "kpis", "activity", "abc-xyz"];

/** The CSV tables of each figure (the first is the server's default). */
export const CSV_TABLES: Record<Figure, readonly string[]> = {
  plans: ["employees", "pipelines", "company"],
  funnel: ["stages"],
  control: ["managers", "reschedules", "withoutOpenTask", "forgotten"],
  "loss-reasons": ["reasons", "trend"],
  nps: ["managers", "reasons", "trend"],
  kpis: ["groups"],
  activity: ["managers", "days"],
  "abc-xyz": ["clients", "matrix"],
};

/** The control room's filters. */
export interface ControlFilters { period: "month" | "quarter" | "half-year" | "year"; start: string; pipeline: string; responsible: string; team: string }
