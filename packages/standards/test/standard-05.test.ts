/**
 * Standard 5 — every task has a deadline and a responsible. Deadlines of the book's kinds, in the
 * Moscow working calendar (Mon-Fri 09:00-18:00, Russian holidays of 2026): N working days after
 * entering the stage; N working days before a date field; from an event (the contract is signed
 * within three working days once it is sent). The clock starts Mon 2026-03-02 12:00 Moscow time.
 */
import { describe, expect, it } from "vitest";
import { F, P, robotId, S, standardsBlueprint } from "../src/index";
import { ANN, newDeal, openTaskOf, setup, valuesFor, walkTo } from "./helpers";

describe("standard 5: a deadline and a responsible on every task", () => {
  it("N working days after entering: the presentation is due two working days later", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.presentation, "task"));
    expect(task.deadline).toBe("2026-03-04T09:00:00.000Z"); // Wed 12:00 Moscow
    expect(task.responsible).toBe("ann");
  });

  it("working days skip weekends and public holidays: from Friday 6 March, 9 March (a holiday) does not count", async () => {
    const { engine, clock } = setup();
    clock.set("2026-03-06T09:00:00Z"); // Fri 12:00 Moscow
    const deal = await newDeal(engine, P.b2bNew);
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.presentation, "task"));
    expect(task.deadline).toBe("2026-03-11T09:00:00.000Z"); // Wed 11 March, not Tue 10
  });

  it("N working days before a date: the delivery task is due three working days before the event date", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { stage: S.delivery, fields: { ...valuesFor([F.clientAddress]), eventDate: "2026-03-20" } });
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.delivery, "task"));
    expect(task.deadline).toBe("2026-03-17T06:00:00.000Z"); // Tue 17 March 09:00 Moscow
    expect(task.deadlineRule).toEqual({ field: F.eventDate, offset: "-P3D", workingTime: true });
  });

  it("a deadline counted from a date follows the date when it changes, across a holiday", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { stage: S.delivery, fields: { ...valuesFor([F.clientAddress]), eventDate: "2026-03-20" } });
    await engine.updateDeal(deal.id, { eventDate: "2026-03-11" }, { actor: ANN });
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.delivery, "task"));
    expect(task.deadline).toBe("2026-03-05T06:00:00.000Z"); // Wed 11 → Tue 10, (Mon 9 off), Fri 6, Thu 5
  });

  it("the supervisor's delivery control is due one working day after the event date", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { stage: S.delivery, fields: { ...valuesFor([F.clientAddress]), eventDate: "2026-03-20" } });
    const task = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.delivery, "control"));
    expect(task).toMatchObject({ responsible: "sue", deadline: "2026-03-23T06:00:00.000Z" }); // Mon 23 March 09:00
  });

  it("a deadline from an event: the contract must be signed within three working days of being sent", async () => {
    const { engine, clock } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    await walkTo(engine, deal.id, S.contract);
    const send = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.contract, "task"));
    const sign = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.contract, "sign"));
    expect(send.deadline).toBe("2026-03-03T09:00:00.000Z");
    expect(sign.deadline).toBeUndefined();
    expect((await engine.explain(deal.id)).openTasks.find((t) => t.task === sign.id)?.waitingForEvent).toBe("taskCompleted");

    clock.set("2026-03-03T07:00:00Z"); // Tue 10:00 Moscow: the contract goes out
    await engine.completeTask(send.id, { actor: ANN });
    expect((await openTaskOf(engine, deal.id, sign.robot!)).deadline).toBe("2026-03-06T07:00:00.000Z"); // Fri 10:00
  });

  it("signing the contract moves the deal on to payment (a taskCompleted trigger)", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    await walkTo(engine, deal.id, S.contract);
    await engine.updateDeal(deal.id, valuesFor([F.contractFile, F.eventDate]), { actor: ANN });
    await engine.completeTask((await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.contract, "task"))).id, { actor: ANN });
    await engine.completeTask((await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.contract, "sign"))).id, { actor: ANN });
    expect((await engine.deal(deal.id)).record.stage).toBe(S.payment);
    expect((await engine.history(deal.id)).find((h) => h.type === "trigger.fired")?.data).toMatchObject({ trigger: robotId(P.b2bNew, S.payment, "on-contract-signed") });
  });

  it("every task robot of the blueprint names a responsible by role and a deadline", () => {
    const tasks = standardsBlueprint.pipelines.flatMap((p) => p.stages.flatMap((s) => s.robots.filter((r) => r.type === "createTask")));
    const kinds = new Set<string>();
    for (const r of tasks) {
      expect(["dealResponsible", "supervisor"], r.id).toContain((r.params["responsible"] as { kind: string }).kind);
      const deadline = r.params["deadline"] as Record<string, unknown>;
      expect(deadline, r.id).toBeDefined();
      expect(deadline["workingTime"], r.id).toBe(true);
      kinds.add("afterEvent" in deadline ? "afterEvent" : "field" in deadline ? "field" : "after");
    }
    expect(kinds).toEqual(new Set(["after", "field", "afterEvent"]));
  });
});
