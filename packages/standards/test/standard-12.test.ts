/**
 * Standard 12 — on failure, a task is set to check the loss reason: for the supervisor of the
 * deal's manager, due one working day later, on every pipeline's failure stage.
 */
import { describe, expect, it } from "vitest";
import { P, robotId, S, standardsBlueprint } from "../src/index";
import { newDeal, openTaskOf, setup, SUE } from "./helpers";

describe("standard 12: the supervisor checks the loss reason", () => {
  it("every failure stage has the check task for the supervisor", () => {
    for (const p of standardsBlueprint.pipelines) {
      const failure = p.stages.find((s) => s.kind === "failure")!;
      expect(failure.robots.find((r) => r.id === robotId(p.id, S.failure, "check")), p.id).toMatchObject({
        type: "createTask", params: { responsible: { kind: "supervisor" }, deadline: { after: "P1D", workingTime: true } },
      });
    }
  });

  it.each([
    [P.b2bNew, "ann", "sue"],
    [P.b2cNew, "dmitry", "igor"],
    [P.warmUp, "elena", "igor"],
    [P.warranty, "boris", "sue"],
  ])("a %s deal of %s lost: %s gets the check, due the next working day", async (pipeline, manager, supervisor) => {
    const { engine } = setup();
    const deal = await newDeal(engine, pipeline, { responsible: manager });
    await engine.move(deal.id, S.failure, { actor: { user: manager }, fields: { lossReason: "duplicate" } });
    const check = await openTaskOf(engine, deal.id, robotId(pipeline, S.failure, "check"));
    expect(check).toMatchObject({ responsible: supervisor, deadline: "2026-03-03T09:00:00.000Z" });
    expect((await engine.tasks({ responsible: supervisor, status: "open" })).map((t) => t.id)).toContain(check.id);
  });

  it("the check is done by the supervisor; the deal stays lost", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    await engine.move(deal.id, S.failure, { actor: { user: "ann" }, fields: { lossReason: "not-our-region" } });
    const check = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.failure, "check"));
    await engine.completeTask(check.id, { actor: SUE });
    expect((await engine.tasks({ deal: deal.id })).find((t) => t.id === check.id)).toMatchObject({ status: "completed", closedBy: SUE });
    expect((await engine.deal(deal.id)).record).toMatchObject({ stage: S.failure, status: "lost" });
  });
});
