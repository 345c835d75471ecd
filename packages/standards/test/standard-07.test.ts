/**
 * Standard 7 — an overdue task is moved to a new deadline, always with a reason. The engine marks
 * a task overdue when its deadline passes and refuses a reschedule without a reason; the blueprint
 * adds an escalation robot on every stage that tells the supervisor when a deal still sits there as
 * its task falls due. Deals with no open task are flagged for the board.
 */
import { describe, expect, it } from "vitest";
import { P, robotId, S, standardsBlueprint } from "../src/index";
import { ANN, errorOf, newDeal, openTaskOf, required, setup, SUE, valuesFor } from "./helpers";

describe("standard 7: overdue tasks are rescheduled with a reason", () => {
  it("a task past its deadline is overdue, and the supervisor is told the deal is stuck", async () => {
    const { engine, clock, outbox } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.presentation, "task"));
    clock.set("2026-03-04T08:59:00Z");
    await engine.tick();
    expect((await engine.tasks({ overdueAt: clock.now().toISOString() })).length).toBe(0);

    clock.set("2026-03-04T10:00:00Z"); // Wed 13:00 Moscow, an hour past the deadline
    await engine.tick();
    expect(await openTaskOf(engine, deal.id, task.robot!)).toMatchObject({ overdue: true });
    expect((await engine.tasks({ overdueAt: clock.now().toISOString() })).map((t) => t.id)).toEqual([task.id]);
    expect((await engine.history(deal.id)).some((h) => h.type === "task.overdue" && h.data["task"] === task.id)).toBe(true);
    expect(outbox.filter((o) => o.kind === "notify").map((o) => o.payload)).toEqual([{
      to: "sue", deal: deal.id,
      text: "Deal «ACME — 50 licences» is still at stage «Presentation» and its task is due. Check the task: a missed deadline is moved only with a reason.",
      texts: {
        en: "Deal «ACME — 50 licences» is still at stage «Presentation» and its task is due. Check the task: a missed deadline is moved only with a reason.",
        ru: "Сделка «ACME — 50 licences» всё ещё на этапе «Презентация товара или услуги», а срок задачи наступил. Проверьте задачу: просроченный срок переносится только с указанием причины.",
      },
    }]);
  });

  it("a reschedule without a reason is refused (REASON_REQUIRED)", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.presentation, "task"));
    for (const reason of [undefined, "  "]) {
      const error = await errorOf(engine.rescheduleTask(task.id, { deadline: "2026-03-06T15:00:00Z", ...(reason !== undefined ? { reason } : {}), actor: SUE }));
      expect(error.code).toBe("REASON_REQUIRED");
    }
    expect((await openTaskOf(engine, deal.id, task.robot!)).deadline).toBe(task.deadline);
  });

  it("the supervisor moves an overdue task with a reason: the history keeps the old and new deadline and why", async () => {
    const { engine, clock } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.presentation, "task"));
    clock.set("2026-03-05T06:00:00Z");
    await engine.tick();
    await engine.rescheduleTask(task.id, { deadline: "2026-03-06T12:00:00Z", reason: "The client's director is away until Friday", actor: SUE });
    expect(await openTaskOf(engine, deal.id, task.robot!)).toMatchObject({ deadline: "2026-03-06T12:00:00.000Z", overdue: false, reschedules: 1 });
    const row = (await engine.history(deal.id)).find((h) => h.type === "task.rescheduled")!;
    expect(row).toMatchObject({ actor: SUE, data: { task: task.id, from: "2026-03-04T09:00:00.000Z", to: "2026-03-06T12:00:00.000Z", reason: "The client's director is away until Friday" } });
  });

  it("no escalation when the deal moved on before the task fell due", async () => {
    const { engine, clock, outbox } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    await engine.move(deal.id, S.generalCp, { actor: ANN, fields: valuesFor(required(P.b2bNew, S.presentation, "leave")) });
    clock.set("2026-03-04T10:00:00Z");
    await engine.tick();
    const texts = outbox.filter((o) => o.kind === "notify").map((o) => String(o.payload["text"]));
    expect(texts.filter((t) => t.includes("«Presentation»"))).toEqual([]);
    expect(texts).toHaveLength(1); // general CP was due Tue 12:00 and the deal still sits there
    expect(texts[0]).toContain("«General commercial proposal»");
  });

  it("a deal whose task is done but which has not moved on has no open task and is flagged", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    expect(await engine.dealsWithoutOpenTask({})).toEqual([]);
    await engine.completeTask((await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.presentation, "task"))).id, { actor: ANN });
    expect((await engine.dealsWithoutOpenTask({})).map((d) => d.id)).toEqual([deal.id]);
    await engine.move(deal.id, S.generalCp, { actor: ANN, fields: valuesFor(required(P.b2bNew, S.presentation, "leave")) });
    expect(await engine.dealsWithoutOpenTask({})).toEqual([]);
  });

  it("every process stage whose task has a time-based deadline has an escalation to the supervisor", () => {
    for (const p of standardsBlueprint.pipelines) {
      for (const s of p.stages.filter((x) => x.kind === "process")) {
        const escalate = s.robots.find((r) => r.id === robotId(p.id, s.id, "escalate"));
        const task = s.robots.find((r) => r.id === robotId(p.id, s.id, "task"))!;
        expect(escalate, `${p.id}/${s.id}`).toMatchObject({ type: "notify", params: { to: { kind: "supervisor" } }, delay: task.params["deadline"] });
      }
    }
  });
});
