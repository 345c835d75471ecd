/**
 * Standard 1 — the head of sales sets a monthly sales plan. Plans are host data (a blueprint never
 * carries targets), so this proves two things: the sample plans fit the blueprint and the demo
 * users, and the engine records what plan reports need — won deals with amount, owner and closedAt.
 */
import { describe, expect, it } from "vitest";
import { demoPlans, demoUsers, planProblems, type DemoPlan } from "../src/demo";
import { P, S, standardsBlueprint } from "../src/index";
import { newDeal, setup, walkTo } from "./helpers";

const pipelineIds = standardsBlueprint.pipelines.map((p) => p.id);

describe("standard 1: monthly sales plans", () => {
  it("sample plans name known users and pipelines, start on a period boundary and have sound targets", () => {
    expect(planProblems(demoPlans, pipelineIds, demoUsers)).toEqual([]);
  });

  it("sample plans cover amount and count, employee and direction, month, quarter, half-year and year", () => {
    expect(new Set(demoPlans.map((p) => p.metric))).toEqual(new Set(["amount", "count"]));
    expect(new Set(demoPlans.map((p) => ("user" in p.owner ? "user" : "pipeline")))).toEqual(new Set(["user", "pipeline"]));
    expect(new Set(demoPlans.map((p) => p.period))).toEqual(new Set(["month", "quarter", "half-year", "year"]));
  });

  it.each<[string, DemoPlan, string]>([
    ["an unknown user", { id: "x", metric: "amount", owner: { user: "nobody" }, period: "month", start: "2026-03-01", target: 1 }, "no user 'nobody'"],
    ["an unknown pipeline", { id: "x", metric: "count", owner: { pipeline: "retail" }, period: "month", start: "2026-03-01", target: 1 }, "no pipeline 'retail'"],
    ["a quarter starting in February", { id: "x", metric: "amount", owner: { pipeline: P.b2bNew }, period: "quarter", start: "2026-02-01", target: 1 }, "cannot start"],
    ["a fractional deal count", { id: "x", metric: "count", owner: { user: "ann" }, period: "month", start: "2026-03-01", target: 2.5 }, "bad target"],
  ])("planProblems catches %s", (_name, plan, message) => {
    expect(planProblems([plan], pipelineIds, demoUsers).join()).toContain(message);
  });

  it("the company plan for March is the sum of every manager's plan", () => {
    const managers = demoUsers.filter((u) => u.role === "manager").map((u) => u.id);
    const march = demoPlans.filter((p) => p.metric === "amount" && p.period === "month" && p.start === "2026-03-01" && "user" in p.owner);
    expect(march.map((p) => ("user" in p.owner ? p.owner.user : "")).sort()).toEqual([...managers].sort());
    expect(march.reduce((sum, p) => sum + p.target, 0)).toBe(4_800_000);
  });

  it("won deals carry amount, responsible and closedAt, so plan completion is computable from the engine", async () => {
    const { engine, clock, store } = setup();
    const won = await newDeal(engine, P.b2bNew, { title: "ACME", amount: 600_000 });
    await walkTo(engine, won.id, S.success);
    const second = await newDeal(engine, P.b2bRepeat, { title: "Globex", amount: 150_000, fields: { segment: "b2b" } });
    await walkTo(engine, second.id, S.success);
    const open = await newDeal(engine, P.b2bNew, { title: "Initech", amount: 900_000 });
    clock.advance("P1D");

    const deals = await store.deals({ responsible: "ann", status: "won" });
    // March in the workspace's zone (Moscow, UTC+3), as UTC instants.
    const inMarch = deals.filter((d) => d.closedAt !== undefined && d.closedAt >= "2026-02-28T21:00:00.000Z" && d.closedAt < "2026-03-31T21:00:00.000Z");
    expect(inMarch.map((d) => d.id).sort()).toEqual([won.id, second.id].sort());
    for (const d of inMarch) expect(d.closedAt).toBe("2026-03-02T09:00:00.000Z");
    expect(inMarch.map((d) => d.id)).not.toContain(open.id);

    const revenue = inMarch.reduce((sum, d) => sum + d.amount, 0);
    expect(revenue).toBe(750_000);
    const plan = demoPlans.find((p) => p.id === "march-2026-ann")!;
    expect(Math.round((revenue / plan.target) * 100)).toBe(50);
  });

  it("a direction's plan counts won deals per pipeline", async () => {
    const { engine, store } = setup();
    for (const title of ["A", "B", "C"]) {
      const d = await newDeal(engine, P.b2cNew, { title, responsible: "dmitry", amount: 20_000 });
      await walkTo(engine, d.id, S.success, { user: "dmitry" });
    }
    const won = await store.deals({ pipeline: P.b2cNew, status: "won" });
    const plan = demoPlans.find((p) => p.id === "march-2026-b2c-new")!;
    expect(won).toHaveLength(3);
    expect(`${Math.round((won.length / plan.target) * 1000) / 10} %`).toBe("7.5 %");
  });
});
