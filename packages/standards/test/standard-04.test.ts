/**
 * Standard 4 — every stage has a task: a robot on each process stage creates the task that says
 * what must be done to move on. Set once, the tasks then appear by themselves as the deal moves.
 */
import { describe, expect, it } from "vitest";
import { P, robotId, S, standardsBlueprint } from "../src/index";
import { newDeal, openTaskOf, required, setup, tasksOf, valuesFor } from "./helpers";

const processStages = standardsBlueprint.pipelines.flatMap((p) =>
  p.stages.filter((s) => s.kind === "process").map((s) => [p.id, s.id] as [string, string]));

describe("standard 4: a task on every stage", () => {
  it("every process stage of every pipeline has a task robot", () => {
    for (const [pipeline, stage] of processStages) {
      const robots = standardsBlueprint.pipelines.find((p) => p.id === pipeline)!.stages.find((s) => s.id === stage)!.robots;
      expect(robots.filter((r) => r.type === "createTask").map((r) => r.id), `${pipeline}/${stage}`).toContain(robotId(pipeline, stage, "task"));
    }
    expect(processStages).toHaveLength(8 + 5 + 6 + 3 + 2 + 2);
  });

  it.each(processStages)("a deal entering %s/%s gets the stage's task for its manager", async (pipeline, stage) => {
    const { engine } = setup();
    const fields = { ...valuesFor(required(pipeline, stage, "enter")), eventDate: "2026-03-20", warrantyUntil: "2027-03-20" };
    const deal = await newDeal(engine, pipeline, { stage, fields });
    const task = await openTaskOf(engine, deal.id, robotId(pipeline, stage, "task"));
    expect(task).toMatchObject({ responsible: "ann", stage, status: "open" });
    expect(typeof task.title === "object" && task.title.en && task.title.ru).toBeTruthy();
    expect(task.deadline).toBeDefined();
  });

  it("as the deal moves, the old stage's task is cancelled and the new stage's task is set", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const presentation = await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.presentation, "task"));
    await engine.move(deal.id, S.generalCp, { actor: { user: "ann" }, fields: valuesFor(required(P.b2bNew, S.presentation, "leave")) });
    expect((await tasksOf(engine, deal.id, presentation.robot!))[0]).toMatchObject({ status: "cancelled" });
    const history = await engine.history(deal.id);
    expect(history.find((h) => h.type === "task.cancelled")?.data).toEqual({ task: presentation.id, reason: "deal-left-stage" });
    await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.generalCp, "task"));
  });

  it("the book's example tasks are there: presentation, CP, feedback, contract, signing, delivery control", () => {
    const titles = standardsBlueprint.pipelines.find((p) => p.id === P.b2bNew)!.stages
      .flatMap((s) => s.robots.filter((r) => r.type === "createTask").map((r) => (r.params["title"] as { ru: string }).ru));
    for (const title of [
      "Подготовить и провести презентацию", "Подготовить и направить общее КП", "Получить обратную связь по КП и отработать возражения",
      "Подготовить и направить договор и счёт", "Подписать договор", "Контроль срока оказания услуги или отгрузки товара",
    ]) expect(titles).toContain(title);
  });
});
