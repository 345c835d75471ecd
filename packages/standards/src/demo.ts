/**
 * `@voronka/standards/demo`: host data for the server's demo seed and for tests — sample users
 * with their supervisors (standard 6), sample sales plans (standard 1), and demo clients and
 * deals (`demo-deals.ts`). A blueprint never carries people, plan targets or deals (DESIGN.md
 * "Portability"); these live beside it.
 */
import type { Directory } from "@voronka/engine";
import { P } from "./pipelines";
import { t, type LocalText } from "./text";

/** A user's role: admins edit the blueprint and see everything, supervisors their scope, managers their own deals. */
export type DemoRole = "admin" | "supervisor" | "manager";

/** A sample user: the host's shape of a person (DESIGN.md "Host data"). */
export interface DemoUser {
  id: string;
  name: LocalText;
  role: DemoRole;
  /** The user's supervisor: who controls their tasks (standard 6); null for the head of sales. */
  supervisor: string | null;
  /** A team label for filters and reports. */
  team: string;
}

/** The sales department: a head of sales, two supervisors and five managers. */
export const demoUsers: readonly DemoUser[] = [
  { id: "olga", name: t("Olga Petrova", "Ольга Петрова"), role: "admin", supervisor: null, team: "Head office" },
  { id: "sue", name: t("Susanna Ivanova", "Сусанна Иванова"), role: "supervisor", supervisor: "olga", team: "B2B" },
  { id: "igor", name: t("Igor Sokolov", "Игорь Соколов"), role: "supervisor", supervisor: "olga", team: "B2C" },
  { id: "ann", name: t("Anna Kuznetsova", "Анна Кузнецова"), role: "manager", supervisor: "sue", team: "B2B" },
  { id: "boris", name: t("Boris Popov", "Борис Попов"), role: "manager", supervisor: "sue", team: "B2B" },
  { id: "vera", name: t("Vera Morozova", "Вера Морозова"), role: "manager", supervisor: "sue", team: "B2B" },
  { id: "dmitry", name: t("Dmitry Volkov", "Дмитрий Волков"), role: "manager", supervisor: "igor", team: "B2C" },
  { id: "elena", name: t("Elena Lebedeva", "Елена Лебедева"), role: "manager", supervisor: "igor", team: "B2C" },
];

/**
 * The engine's {@link Directory} over the demo users, so `{ kind: "supervisor" }` resolves.
 *
 * @example
 * const { engine } = testEngine(standardsBlueprint, { directory: demoDirectory() });
 */
export function demoDirectory(users: readonly DemoUser[] = demoUsers): Directory {
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    supervisorOf: (userId) => byId.get(userId)?.supervisor ?? null,
    exists: (userId) => byId.has(userId),
  };
}

/** What a plan counts: revenue of won deals, or the number of won deals. */
export type PlanMetric = "amount" | "count";
/** The plan's period, starting on `start`. */
export type PlanPeriod = "month" | "quarter" | "half-year" | "year";
/** Whose plan it is: an employee's, or a direction's (a pipeline). */
export type PlanOwner = { user: string } | { pipeline: string };

/** A sales plan (standard 1): host data, set by the head of sales. */
export interface DemoPlan {
  id: string;
  metric: PlanMetric;
  owner: PlanOwner;
  period: PlanPeriod;
  /** The first day of the period, `YYYY-MM-DD` (a month, quarter, half-year or year start). */
  start: string;
  /** Revenue in the workspace's currency, or a number of won deals. */
  target: number;
}

const monthly = (user: string, target: number): DemoPlan =>
  ({ id: `march-2026-${user}`, metric: "amount", owner: { user }, period: "month", start: "2026-03-01", target });

/**
 * Sample plans: each manager's revenue plan for March 2026 (the company plan is their sum), deal
 * counts for the B2C managers, and direction plans by quarter, half-year and year.
 */
export const demoPlans: readonly DemoPlan[] = [
  monthly("ann", 1_500_000),
  monthly("boris", 1_200_000),
  monthly("vera", 1_000_000),
  monthly("dmitry", 600_000),
  monthly("elena", 500_000),
  { id: "march-2026-dmitry-deals", metric: "count", owner: { user: "dmitry" }, period: "month", start: "2026-03-01", target: 20 },
  { id: "march-2026-elena-deals", metric: "count", owner: { user: "elena" }, period: "month", start: "2026-03-01", target: 18 },
  { id: "q2-2026-b2b-new", metric: "amount", owner: { pipeline: P.b2bNew }, period: "quarter", start: "2026-04-01", target: 9_000_000 },
  { id: "q2-2026-b2b-repeat", metric: "count", owner: { pipeline: P.b2bRepeat }, period: "quarter", start: "2026-04-01", target: 15 },
  { id: "march-2026-b2c-new", metric: "count", owner: { pipeline: P.b2cNew }, period: "month", start: "2026-03-01", target: 40 },
  { id: "h1-2026-b2c-repeat", metric: "amount", owner: { pipeline: P.b2cRepeat }, period: "half-year", start: "2026-01-01", target: 3_000_000 },
  { id: "2026-b2b-new", metric: "amount", owner: { pipeline: P.b2bNew }, period: "year", start: "2026-01-01", target: 40_000_000 },
];

/** The months a period may start in (1 = January). */
const PERIOD_START_MONTHS: Record<PlanPeriod, readonly number[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarter: [1, 4, 7, 10],
  "half-year": [1, 7],
  year: [1],
};

/**
 * Checks plans against a blueprint's pipelines and a set of users: known owners, period starts on
 * the first day of a month (quarter, half-year, year), positive targets, whole deal counts.
 * Answers one message per problem; none means the plans are sound.
 *
 * @example
 * planProblems(demoPlans, standardsBlueprint.pipelines.map((p) => p.id), demoUsers) // []
 */
export function planProblems(plans: readonly DemoPlan[], pipelineIds: readonly string[], users: readonly DemoUser[]): string[] {
  const problems: string[] = [];
  const userIds = new Set(users.map((u) => u.id));
  for (const plan of plans) {
    if ("user" in plan.owner && !userIds.has(plan.owner.user)) problems.push(`${plan.id}: no user '${plan.owner.user}'`);
    if ("pipeline" in plan.owner && !pipelineIds.includes(plan.owner.pipeline)) problems.push(`${plan.id}: no pipeline '${plan.owner.pipeline}'`);
    const m = /^(\d{4})-(\d{2})-01$/.exec(plan.start);
    if (!m || !PERIOD_START_MONTHS[plan.period].includes(Number(m[2]))) problems.push(`${plan.id}: a ${plan.period} cannot start on ${plan.start}`);
    if (!(plan.target > 0) || (plan.metric === "count" && !Number.isInteger(plan.target))) problems.push(`${plan.id}: bad target ${plan.target}`);
  }
  return problems;
}

export { demoDeals, demoLiveDeals, demoClients, type DemoClient, type DemoLiveDeal } from "./demo-deals";
