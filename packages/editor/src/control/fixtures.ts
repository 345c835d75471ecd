/**
 * Answers of `GET /api/reports/<figure>` shaped as the server's (tests only): one with figures,
 * and empty ones (nothing in the period; null ratios); and what the labels come from — a few
 * pipelines, stages, loss reasons and activity types of the standards blueprint (en + ru), and
 * the people of `GET /api/me` for an admin.
 */
import type { ScopePerson } from "../api/types";
import type { LabelSource } from "./labels";
import type { Reports } from "./types";

export const SOURCE: LabelSource = {
  pipelines: [
    { id: "b2b-new", label: { en: "B2B new clients", ru: "B2B Новые клиенты" }, stages: [
      { id: "presentation", label: { en: "Presentation", ru: "Презентация" } },
      { id: "feedback", label: { en: "Feedback and objections", ru: "Обратная связь и возражения" } },
      { id: "contract", label: { en: "Contract and invoice", ru: "Договор и счёт" } },
      { id: "success", label: { en: "Won", ru: "Успешно" } },
    ] },
    { id: "b2c-new", label: { en: "B2C new clients", ru: "B2C Новые клиенты" }, stages: [{ id: "contract", label: "Contract" }] },
  ],
  fields: [
    { id: "segment", options: [{ id: "b2b", label: "B2B" }] },
    { id: "lossReason", options: [{ id: "too-expensive", label: { en: "Too expensive", ru: "Дорого" } }] },
  ],
  activityTypes: [{ id: "call-out", label: { en: "Outgoing call", ru: "Исходящий звонок" } }],
};

const person = (id: string, name: string, role: string, supervisor: string | null, team: string | null, active = true): ScopePerson => ({ id, name, role, supervisor, team, active });

export const PEOPLE: ScopePerson[] = [
  person("olga", "Olga Petrova", "admin", null, "Head office"),
  person("sue", "Susanna Ivanova", "supervisor", "olga", "B2B"),
  person("ann", "Anna Kuznetsova", "manager", "sue", "B2B"),
  person("boris", "Boris Popov", "manager", "sue", "B2B", false),
  person("igor", "Igor Sokolov", "supervisor", "olga", "B2C"),
  person("dmitry", "Dmitry Volkov", "manager", "igor", "B2C"),
];

const period = { kind: "month", start: "2026-03", from: "2026-02-28T21:00:00.000Z", to: "2026-03-31T21:00:00.000Z", timeZone: "Europe/Moscow" };

export const FULL: Reports = {
  plans: {
    period,
    employees: [
      { plan: "march-2026-ann", user: "ann", team: "b2b", metric: "amount", period: "month", start: "2026-03-01", target: 1500000, actual: 1125000, completion: 0.75 },
      { plan: "march-2026-dmitry-deals", user: "dmitry", team: "b2c", metric: "count", period: "month", start: "2026-03-01", target: 20, actual: 5, completion: 0.25 },
    ],
    pipelines: [{ plan: "march-2026-b2c-new", pipeline: "b2c-new", metric: "count", period: "month", start: "2026-03-01", target: 40, actual: 10, completion: 0.25 }],
    company: [{ metric: "amount", period: "month", start: "2026-03-01", plans: 1, target: 1500000, actual: 2000000, completion: 1.3333 }],
  },
  funnel: {
    period, by: "pipeline",
    stages: [
      { group: null, pipeline: "b2b-new", stage: "presentation", kind: "process", reached: 12, conversionToNext: 0.5, lost: 3, stays: 8, medianSeconds: 90000, p90Seconds: 400000 },
      { group: null, pipeline: "b2b-new", stage: "contract", kind: "process", reached: 6, conversionToNext: null, lost: 1, stays: 0, medianSeconds: null, p90Seconds: null },
      { group: null, pipeline: "b2b-new", stage: "success", kind: "success", reached: 2, conversionToNext: null, lost: 0, stays: 0, medianSeconds: null, p90Seconds: null },
    ],
  },
  control: {
    period, now: "2026-03-15T09:00:00.000Z", today: "2026-03-15", forgottenDays: 7,
    totals: { overdueTasks: 4, dueToday: 2, reschedules: 3, dealsWithoutOpenTask: 5, forgottenDeals: 1, won: 3, lost: 1, winShare: 0.75, averageDurationSeconds: 259200 },
    managers: [{ manager: "ann", team: "b2b", overdueTasks: 4, dueToday: 2, reschedules: 3, dealsWithoutOpenTask: 5, forgottenDeals: 1, won: 3, lost: 1, winShare: 0.75, averageDurationSeconds: 259200 }],
    reschedules: [{ reason: "Client asked to call later", count: 3 }],
    withoutOpenTask: [{ deal: "d2", title: "Zarya hotel chairs", pipeline: "b2b-new", stage: "contract", responsible: "ann", stageEnteredAt: "2026-03-10T10:00:00.000Z", lastActivityAt: "2026-03-12T10:00:00.000Z" }],
    forgotten: [{ deal: "d1", title: "Polyus supply", pipeline: "b2b-new", stage: "feedback", responsible: "ann", stageEnteredAt: "2026-03-01T10:00:00.000Z", lastActivityAt: "2026-03-02T10:00:00.000Z" }],
  },
  "loss-reasons": {
    period, reasonField: "lossReason", lost: 4,
    reasons: [{ reason: "too-expensive", lost: 3, share: 0.75 }, { reason: null, lost: 1, share: 0.25 }],
    trend: [{ month: "2026-03", reason: "too-expensive", lost: 3 }, { month: "2026-03", reason: null, lost: 1 }],
  },
  nps: {
    period, survey: null, answered: 4, promoters: 2, passives: 1, detractors: 1, nps: 25,
    managers: [{ manager: "ann", team: "b2b", answered: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 }],
    reasons: [{ band: "promoter", reason: "Fast delivery", count: 2 }],
    trend: [{ month: "2026-03", answered: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 }],
  },
  kpis: {
    period, previousPeriod: { ...period, start: "2026-02" }, by: "manager",
    totals: { revenue: 300000, deals: 3, averageDeal: 100000, newClientRevenue: 200000, repeatRevenue: 50000, noClientRevenue: 50000, newClients: 2, previousRevenue: 200000, growthRate: 0.5, previousBuyers: 4, returningBuyers: 1, retention: 0.25, churn: 0.75 },
    groups: [{ group: "ann", revenue: 300000, deals: 3, averageDeal: 100000, newClientRevenue: 200000, repeatRevenue: 50000, noClientRevenue: 50000, newClients: 2, previousRevenue: 200000, growthRate: 0.5, previousBuyers: 4, returningBuyers: 1, retention: 0.25, churn: 0.75 }],
  },
  activity: {
    period, workingDays: 2, workingDates: ["2026-03-02", "2026-03-03"], norms: [{ activityType: "call-out", perDay: 30 }],
    managers: [{ manager: "ann", team: "b2b", type: "call-out", count: 45, norm: 60, completion: 0.75 }],
    days: [{ manager: "ann", day: "2026-03-02", type: "call-out", count: 45, norm: 30 }],
  },
  "abc-xyz": {
    period, thresholds: { abcA: 80, abcB: 95, xyzX: 6, xyzY: 2 }, months: 1, revenue: 250000, noClientRevenue: 50000,
    clients: [{ client: "c1", name: "Polyus", revenue: 250000, deals: 2, months: 1, share: 1, cumulativeShare: 1, abc: "A", xyz: "Z", segment: "star" }],
    matrix: (["A", "B", "C"] as const).flatMap((abc) => (["X", "Y", "Z"] as const).map((xyz) => ({
      abc, xyz, segment: abc === "A" && xyz === "X" ? "cash-cow" as const : abc === "C" && xyz === "Z" ? "dog" as const : abc === "A" && xyz === "Z" ? "star" as const : "wild-cat" as const,
      clients: abc === "A" && xyz === "Z" ? 1 : 0, revenue: abc === "A" && xyz === "Z" ? 250000 : 0,
    }))),
    segments: [{ segment: "cash-cow", clients: 0, revenue: 0 }, { segment: "star", clients: 1, revenue: 250000 }, { segment: "wild-cat", clients: 0, revenue: 0 }, { segment: "dog", clients: 0, revenue: 0 }],
  },
};

const none = { overdueTasks: 0, dueToday: 0, reschedules: 0, dealsWithoutOpenTask: 0, forgottenDeals: 0, won: 0, lost: 0, winShare: null, averageDurationSeconds: null };
const noKpis = { revenue: 0, deals: 0, averageDeal: null, newClientRevenue: 0, repeatRevenue: 0, noClientRevenue: 0, newClients: 0, previousRevenue: 0, growthRate: null, previousBuyers: 0, returningBuyers: 0, retention: null, churn: null };

export const EMPTY: Reports = {
  plans: { period, employees: [], pipelines: [], company: [] },
  funnel: { period, by: "pipeline", stages: [{ group: null, pipeline: "b2b-new", stage: "presentation", kind: "process", reached: 0, conversionToNext: null, lost: 0, stays: 0, medianSeconds: null, p90Seconds: null }] },
  control: { period, now: "2026-03-15T09:00:00.000Z", today: "2026-03-15", forgottenDays: 7, totals: none, managers: [], reschedules: [], withoutOpenTask: [], forgotten: [] },
  "loss-reasons": { period, reasonField: "lossReason", lost: 0, reasons: [], trend: [] },
  nps: { period, survey: null, answered: 0, promoters: 0, passives: 0, detractors: 0, nps: null, managers: [], reasons: [], trend: [{ month: "2026-03", answered: 0, promoters: 0, passives: 0, detractors: 0, nps: null }] },
  kpis: { period, previousPeriod: period, by: "manager", totals: noKpis, groups: [] },
  activity: { period, workingDays: 22, workingDates: [], norms: [], managers: [], days: [] },
  "abc-xyz": { period, thresholds: { abcA: 80, abcB: 95, xyzX: 6, xyzY: 2 }, months: 1, revenue: 0, noClientRevenue: 0, clients: [], matrix: [], segments: [] },
};
