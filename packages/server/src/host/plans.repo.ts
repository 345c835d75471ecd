/**
 * Sales plans (host data, standard 1): a target of won revenue (`amount`) or of won deals
 * (`count`) for a user or a pipeline, per month, quarter, half-year or year from `start`.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { HttpError } from "../http/errors";
import { pageBy, type Page } from "./paging";

/** Whose plan it is. */
export type PlanOwner = { user: string } | { pipeline: string };

/** A plan as the API shows it. */
export interface Plan {
  id: string;
  metric: "amount" | "count";
  owner: PlanOwner;
  period: "month" | "quarter" | "half-year" | "year";
  start: string;
  target: number;
}

type Row = Record<string, unknown>;

const fromRow = (r: Row): Plan => ({
  id: String(r["id"]),
  metric: r["metric"] as Plan["metric"],
  owner: r["owner_user"] ? { user: String(r["owner_user"]) } : { pipeline: String(r["owner_pipeline"]) },
  period: r["period"] as Plan["period"],
  start: String(r["start"]),
  target: Number(r["target"]),
});

const toRow = (p: Plan) => ({
  id: p.id, metric: p.metric, owner_user: "user" in p.owner ? p.owner.user : null, owner_pipeline: "pipeline" in p.owner ? p.owner.pipeline : null,
  period: p.period, start: p.start, target: p.target,
});

/** The months a period may start in (1 = January). */
const START_MONTHS: Record<Plan["period"], readonly number[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], quarter: [1, 4, 7, 10], "half-year": [1, 7], year: [1],
};

/** Problems with a plan's period and target, as messages (none when sound). */
export function planProblems(p: Omit<Plan, "id" | "owner">): string[] {
  const problems: string[] = [];
  const m = /^\d{4}-(\d{2})-01$/.exec(p.start);
  if (!m || !START_MONTHS[p.period].includes(Number(m[1]))) {
    problems.push(`A ${p.period} plan starts on the first day of ${p.period === "month" ? "a month" : `a ${p.period}`} (${START_MONTHS[p.period].length === 12 ? "YYYY-MM-01" : `months ${START_MONTHS[p.period].join(", ")}`}), not ${p.start}.`);
  }
  if (p.metric === "count" && !Number.isInteger(p.target)) problems.push("A count plan's target is a whole number of deals.");
  return problems;
}

/** The plans table. */
export class PlansRepo {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  async get(id: string): Promise<Plan | null> {
    const row = (await this.#knex("plans").where("id", id).first()) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** A page of plans; `users` restricts user-owned plans to a scope (pipeline plans stay visible). */
  list(filter: { user?: string | undefined; pipeline?: string | undefined; period?: Plan["period"] | undefined; users?: string[] | undefined; cursor?: string | undefined; limit: number }): Promise<Page<Plan>> {
    const q = this.#knex("plans").select("*");
    if (filter.user !== undefined) void q.where("owner_user", filter.user);
    if (filter.pipeline !== undefined) void q.where("owner_pipeline", filter.pipeline);
    if (filter.period !== undefined) void q.where("period", filter.period);
    if (filter.users !== undefined) {
      const users = filter.users;
      void q.where((w) => void w.whereNull("owner_user").orWhereIn("owner_user", users));
    }
    return pageBy(q, "id", filter, fromRow);
  }

  async #check(p: Plan): Promise<void> {
    const problems = planProblems(p);
    if ("user" in p.owner && !(await this.#knex("users").where("id", p.owner.user).first("id"))) problems.push(`There is no user '${p.owner.user}'.`);
    if (problems.length) throw new HttpError("VALIDATION_FAILED", problems.join(" "), { problems });
  }

  async create(input: Omit<Plan, "id"> & { id?: string | undefined }): Promise<Plan> {
    const plan: Plan = { ...input, id: input.id ?? randomUUID() };
    if (await this.get(plan.id)) throw new HttpError("CONFLICT", `There is already a plan '${plan.id}'.`, { id: plan.id });
    await this.#check(plan);
    await this.#knex("plans").insert(toRow(plan));
    return plan;
  }

  async update(id: string, patch: Partial<Omit<Plan, "id">>): Promise<Plan> {
    const current = await this.get(id);
    if (!current) throw new HttpError("NOT_FOUND", `There is no plan '${id}'.`, { id });
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Plan>;
    const next: Plan = { ...current, ...defined, id };
    await this.#check(next);
    await this.#knex("plans").where("id", id).update(toRow(next));
    return next;
  }

  async remove(id: string): Promise<void> {
    const n = await this.#knex("plans").where("id", id).delete();
    if (!n) throw new HttpError("NOT_FOUND", `There is no plan '${id}'.`, { id });
  }
}
