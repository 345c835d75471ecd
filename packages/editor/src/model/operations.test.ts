import { testBlueprint } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { apply, type Operation } from "./operations";

const bp = testBlueprint();
const stagesOf = (b: typeof bp, p = "sales") => b.pipelines.find((x) => x.id === p)!.stages.map((s) => s.id);

describe("apply", () => {
  it("never mutates its input and shares untouched parts", () => {
    const before = JSON.stringify(bp);
    const next = apply(bp, { type: "stage.rename", pipeline: "sales", stage: "lead", label: "Leads" });
    expect(JSON.stringify(bp)).toBe(before);
    expect(next.pipelines[1]).toBe(bp.pipelines[1]);
    expect(next.pipelines[0]!.stages[1]).toBe(bp.pipelines[0]!.stages[1]);
    expect(next.pipelines[0]!.stages[0]!.label).toBe("Leads");
  });

  it.each<[string, Operation]>([
    ["an unknown stage", { type: "stage.rename", pipeline: "sales", stage: "nope", label: "x" }],
    ["an unknown pipeline", { type: "stage.add", pipeline: "nope", stage: { id: "x", label: "x", kind: "process", robots: [], triggers: [] } }],
    ["a taken stage id", { type: "stage.set-id", pipeline: "sales", stage: "lead", id: "proposal" }],
    ["an unknown robot", { type: "robot.delete", pipeline: "sales", stage: "lead", robot: "nope" }],
    ["deleting the last pipeline", { type: "pipeline.delete", pipeline: "warmup" }],
  ])("changes nothing for %s", (_name, op) => {
    const target = op.type === "pipeline.delete" ? { ...bp, pipelines: [bp.pipelines[1]!] } : bp;
    expect(apply(target, op)).toBe(target);
  });

  it("adds, reorders and deletes stages", () => {
    let next = apply(bp, { type: "stage.add", pipeline: "sales", index: 1, stage: { id: "call", label: "Call", kind: "process", robots: [], triggers: [] } });
    expect(stagesOf(next)).toEqual(["lead", "call", "proposal", "contract", "won", "lost"]);
    next = apply(next, { type: "stage.move", pipeline: "sales", stage: "call", index: 3 });
    expect(stagesOf(next)).toEqual(["lead", "proposal", "contract", "call", "won", "lost"]);
    next = apply(next, { type: "stage.delete", pipeline: "sales", stage: "call" });
    expect(stagesOf(next)).toEqual(stagesOf(bp));
  });

  it("places a dragged stage and reorders it in one operation", () => {
    const next = apply(bp, { type: "stage.place", pipeline: "sales", stage: "contract", x: 10.4, y: 60.6, index: 0 });
    expect(stagesOf(next)[0]).toBe("contract");
    expect(next.pipelines[0]!.stages[0]!.ui).toEqual({ x: 10, y: 61 });
  });

  it("recolours and clears the colour", () => {
    const red = apply(bp, { type: "stage.recolor", pipeline: "sales", stage: "lead", color: "#f00" });
    expect(red.pipelines[0]!.stages[0]!.ui).toEqual({ color: "#f00" });
    const cleared = apply(red, { type: "stage.recolor", pipeline: "sales", stage: "lead", color: null });
    expect(cleared.pipelines[0]!.stages[0]!.ui).toBeUndefined();
  });

  it("renaming a stage id updates transitions and tunnels that point at it", () => {
    let next = apply(bp, { type: "pipeline.set-transitions", pipeline: "sales", transitions: [{ from: "lead", to: "proposal" }] });
    next = apply(next, { type: "robot.add", pipeline: "warmup", stage: "nurture", robot: { id: "back", type: "copyToTunnel", params: { pipeline: "sales", stage: "proposal", mode: "copy", carry: "all" } } });
    next = apply(next, { type: "stage.set-id", pipeline: "sales", stage: "proposal", id: "offer" });
    expect(next.pipelines[0]!.transitions).toEqual([{ from: "lead", to: "offer" }]);
    expect(next.pipelines[1]!.stages[0]!.robots[0]!.params["stage"]).toBe("offer");
  });

  it("adds, updates, moves (also to another stage) and deletes robots", () => {
    const robot = { id: "call", type: "createTask", params: { title: "Call", responsible: { kind: "dealResponsible" } } };
    let next = apply(bp, { type: "robot.add", pipeline: "sales", stage: "lead", robot });
    next = apply(next, { type: "robot.update", pipeline: "sales", stage: "lead", robot: "call", next: { ...robot, enabled: false } });
    expect(next.pipelines[0]!.stages[0]!.robots[0]!.enabled).toBe(false);
    next = apply(next, { type: "robot.move", pipeline: "sales", stage: "lead", robot: "call", index: 0, toStage: "contract" });
    expect(next.pipelines[0]!.stages[0]!.robots).toEqual([]);
    expect(next.pipelines[0]!.stages[2]!.robots.map((r) => r.id)).toEqual(["call", "needContract"]);
    next = apply(next, { type: "robot.delete", pipeline: "sales", stage: "contract", robot: "call" });
    expect(next.pipelines[0]!.stages[2]!.robots.map((r) => r.id)).toEqual(["needContract"]);
  });

  it("applies a batch as one result and a layout to every stage", () => {
    const next = apply(bp, {
      type: "batch",
      operations: [
        { type: "trigger.add", pipeline: "sales", stage: "proposal", trigger: { id: "t1", type: "activity", params: { types: ["call"] } } },
        { type: "layout.apply", positions: { sales: { lead: { x: 1, y: 2 } } } },
      ],
    });
    expect(next.pipelines[0]!.stages[1]!.triggers).toHaveLength(1);
    expect(next.pipelines[0]!.stages[0]!.ui).toEqual({ x: 1, y: 2 });
    expect(apply(next, { type: "layout.apply", positions: null }).pipelines[0]!.stages[0]!.ui).toBeUndefined();
  });
});
