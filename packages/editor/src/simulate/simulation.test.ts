import type { CatalogueEntry } from "@voronka/engine";
import { defaultRegistry } from "@voronka/engine";
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { translate } from "../i18n";
import { editorRegistry, isStandInRobot } from "../model/registry";
import { describeRow } from "./describe";
import { Simulation } from "./simulation";

const START = new Date("2026-03-02T09:00:00.000Z"); // a Monday, 12:00 in Moscow

const custom: CatalogueEntry = { kind: "robot", type: "syncErp", label: "Sync to ERP", help: "Custom", params: { type: "object", properties: { system: { type: "string" } } } };
const catalogue = [...defaultRegistry().catalogue(), custom];

function blueprint() {
  let bp = withStage(testBlueprint(), "sales", "lead", {
    robots: [
      { id: "callClient", type: "createTask", params: { title: { en: "Call the client", ru: "Позвонить клиенту" }, responsible: { kind: "dealResponsible" }, deadline: { after: "PT4H" } } },
      { id: "remind", type: "notify", delay: { after: "P1D" }, params: { to: { kind: "supervisor" }, text: "{{deal.title}} still in lead" } },
      { id: "erp", type: "syncErp", params: { system: "1c" } },
    ],
  });
  bp = withStage(bp, "sales", "proposal", { triggers: [{ id: "callDone", type: "taskCompleted", params: { robot: "callClient" } }] });
  return bp;
}

describe("the simulator", () => {
  it("runs a deal through the blueprint on a virtual clock", async () => {
    const bp = blueprint();
    const sim = await Simulation.start({ blueprint: bp, catalogue, start: START, timeZone: "Europe/Moscow" });
    const deal = await sim.createDeal({ pipeline: "sales", title: "ACME", amount: 5000 });
    let snap = await sim.snapshot();
    expect(snap.deals[0]!.stage).toBe("lead");
    expect(snap.tasks.map((t) => t.title)).toEqual([{ en: "Call the client", ru: "Позвонить клиенту" }]);
    expect(snap.tasks[0]!.deadline).toBe("2026-03-02T13:00:00.000Z");

    // Five hours later the task is overdue; a day later the delayed robot fires.
    await sim.advance("PT5H");
    snap = await sim.snapshot();
    expect(snap.history.map((h) => h.type)).toContain("task.overdue");
    expect(await sim.advance("P1D")).toBeGreaterThan(0);
    snap = await sim.snapshot();
    const ran = snap.history.filter((h) => h.type === "robot.ran").map((h) => h.data["robot"]);
    expect(ran).toEqual(["callClient", "erp", "remind"]);
    expect(snap.outbox.map((o) => o.kind)).toContain("notify");

    // Completing the task fires the trigger on the next stage.
    await sim.completeTask(snap.tasks[0]!.id);
    snap = await sim.snapshot();
    expect(snap.deals[0]!.stage).toBe("proposal");
    expect(snap.history.some((h) => h.type === "trigger.fired" && h.data["trigger"] === "callDone")).toBe(true);

    // A guard refuses a move, with what is missing.
    await expect(sim.move(deal.id, "contract")).rejects.toMatchObject({ code: "MOVE_BLOCKED" });
    await sim.move(deal.id, "contract", { contractNo: "C-1" });
    expect((await sim.snapshot()).deals[0]!.stage).toBe("contract");
    expect(sim.now().toISOString()).toBe("2026-03-03T14:00:00.000Z");
  });

  it("says in words what happened, and that a custom robot is not simulated", async () => {
    const bp = blueprint();
    const sim = await Simulation.start({ blueprint: bp, catalogue, start: START, timeZone: "UTC" });
    await sim.createDeal({ pipeline: "sales", title: "ACME" });
    const { history, deals } = await sim.snapshot();
    const registry = editorRegistry(catalogue);
    const ctx = {
      blueprint: bp, locale: "en", timeZone: "UTC", t: (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate("en", k, p),
      isStandIn: (type: string) => isStandInRobot(registry, type), pipelineOf: (id: string) => deals.find((d) => d.id === id)?.pipeline,
    };
    // Spaces normalised: ICU versions differ in the space before "PM".
    const words = history.map((h) => describeRow(h, ctx).text.replace(/\s/g, " "));
    expect(words).toEqual([
      "Deal created in “lead”",
      "Robot 'callClient' ran: created a task",
      "Task “Call the client” for manager, due Mar 2, 2026, 1:00 PM",
      "Robot 'erp' (syncErp): not simulated — a custom robot runs only on the server",
    ]);
  });

  it("refuses to start on a blueprint with errors", async () => {
    const bad = testBlueprint({ defaultCalendar: "nope" });
    await expect(Simulation.start({ blueprint: bad, catalogue, start: START })).rejects.toMatchObject({ code: "BLUEPRINT_INVALID" });
  });
});
