import { testBlueprint, withStage } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { connect, dropOperation } from "./canvas-edits";
import { apply } from "./operations";
import { laneNodeId, parseNodeId, stageNodeId, toEdges, toNodes } from "./to-flow";

const bp = withStage(testBlueprint(), "warmup", "nurture", {
  robots: [{ id: "backToSales", type: "copyToTunnel", params: { pipeline: "sales", stage: "proposal", mode: "move", carry: "all" }, delay: { after: "P1D" } }],
});

describe("blueprint → React Flow", () => {
  it("makes a lane per pipeline and a stage node per stage, in order", () => {
    const nodes = toNodes(bp);
    expect(nodes.map((n) => n.id)).toEqual([
      "lane:sales", "sales/lead", "sales/proposal", "sales/contract", "sales/won", "sales/lost",
      "lane:warmup", "warmup/nurture", "warmup/warm-won", "warmup/warm-lost",
    ]);
    const lead = nodes.find((n) => n.id === "sales/lead")!;
    expect(lead.parentId).toBe("lane:sales");
    expect(lead.type === "stage" && lead.data.order).toBe(1);
    const won = nodes.find((n) => n.id === "sales/won")!;
    expect(won.type === "stage" && won.data.order).toBeNull();
  });

  it("lays process stages left to right and sets success and failure apart", () => {
    const pos = Object.fromEntries(toNodes(bp).map((n) => [n.id, n.position]));
    expect(pos["sales/lead"]!.x).toBeLessThan(pos["sales/proposal"]!.x);
    expect(pos["sales/proposal"]!.x).toBeLessThan(pos["sales/contract"]!.x);
    expect(pos["sales/won"]!.x).toBe(pos["sales/lost"]!.x);
    expect(pos["sales/won"]!.x).toBeGreaterThan(pos["sales/contract"]!.x + 216);
    expect(pos["lane:warmup"]!.y).toBeGreaterThan(pos["lane:sales"]!.y);
  });

  it("uses saved positions from the blueprint's ui", () => {
    const placed = apply(bp, { type: "stage.place", pipeline: "sales", stage: "lead", x: 500, y: 300 });
    expect(toNodes(placed).find((n) => n.id === "sales/lead")!.position).toEqual({ x: 500, y: 300 });
  });

  it("draws tunnels between lanes and the process order within a lane", () => {
    const edges = toEdges(bp);
    const tunnel = edges.find((e) => e.id === "tunnel:backToSales")!;
    expect(tunnel).toMatchObject({ source: "warmup/nurture", target: "sales/proposal", type: "tunnel", data: { mode: "move", delayed: true } });
    expect(edges.filter((e) => e.id.startsWith("order:sales")).map((e) => `${e.source}>${e.target}`)).toEqual([
      "sales/lead>sales/proposal", "sales/proposal>sales/contract",
    ]);
  });

  it("draws a pipeline's transitions instead of its order", () => {
    const restricted = apply(bp, { type: "pipeline.set-transitions", pipeline: "sales", transitions: [{ from: "lead", to: "contract" }, { from: "*", to: "lost" }] });
    const edges = toEdges(restricted);
    expect(edges.filter((e) => e.id.startsWith("order:sales"))).toEqual([]);
    expect(edges.find((e) => e.id === "transition:sales:0")).toMatchObject({ source: "sales/lead", target: "sales/contract" });
    const lost = toNodes(restricted).find((n) => n.id === "sales/lost")!;
    expect(lost.type === "stage" && lost.data.fromAny).toBe(true);
  });

  it("round-trips node ids", () => {
    expect(parseNodeId(stageNodeId("b2b-new", "cp-sent"))).toEqual({ pipeline: "b2b-new", stage: "cp-sent" });
    expect(parseNodeId(laneNodeId("warm-up"))).toEqual({ pipeline: "warm-up" });
  });
});

describe("canvas gestures → operations", () => {
  it("a line to another lane's stage adds a tunnel robot", () => {
    const result = connect(bp, "sales/lead", "warmup/nurture");
    expect(result.kind).toBe("tunnel");
    if (result.kind !== "tunnel") return;
    const next = apply(bp, result.operation);
    expect(next.pipelines[0]!.stages[0]!.robots[0]).toMatchObject({ type: "copyToTunnel", params: { pipeline: "warmup", stage: "nurture", mode: "copy", carry: "all" } });
    expect(toEdges(next).some((e) => e.type === "tunnel" && e.source === "sales/lead")).toBe(true);
  });

  it("a line within a lane adds a transition only when the pipeline lists them", () => {
    expect(connect(bp, "sales/lead", "sales/contract")).toEqual({ kind: "refused", reason: "any-move" });
    const restricted = apply(bp, { type: "pipeline.set-transitions", pipeline: "sales", transitions: [] });
    const result = connect(restricted, "sales/lead", "sales/contract");
    expect(result.kind).toBe("transition");
    if (result.kind === "transition") expect(apply(restricted, result.operation).pipelines[0]!.transitions).toEqual([{ from: "lead", to: "contract" }]);
  });

  it("dragging a stage past the next one reorders it", () => {
    const nodes = toNodes(bp);
    const contract = nodes.find((n) => n.id === "sales/contract")!;
    const op = dropOperation(bp, [{ id: "sales/lead", x: contract.position.x + 10, y: contract.position.y }])!;
    const next = apply(bp, op);
    expect(next.pipelines[0]!.stages.map((s) => s.id)).toEqual(["proposal", "contract", "lead", "won", "lost"]);
  });

  it("dropping a stage where it was keeps the order and saves the position", () => {
    const lead = toNodes(bp).find((n) => n.id === "sales/lead")!;
    const next = apply(bp, dropOperation(bp, [{ id: "sales/lead", x: lead.position.x, y: lead.position.y + 40 }])!);
    expect(next.pipelines[0]!.stages.map((s) => s.id)).toEqual(bp.pipelines[0]!.stages.map((s) => s.id));
    expect(next.pipelines[0]!.stages[0]!.ui?.y).toBe(Math.round(lead.position.y + 40));
  });
});
