import type { Blueprint } from "@voronka/engine";
import { describe, expect, it } from "vitest";
import { newPipeline, newStage, starterBlueprint } from "../model/defaults";
import { toEdges } from "../model/to-flow";
import { edgesForDetail } from "./level-of-detail";

/** Sales (any move: order arrows, a tunnel on "won") and Service (a list of transitions). */
function blueprint(): Blueprint {
  const sales = newPipeline("sales", { en: "Sales", ru: "Продажи" });
  sales.stages.splice(1, 0, newStage("call", { en: "Call", ru: "Звонок" }), newStage("offer", { en: "Offer", ru: "КП" }));
  sales.stages.find((s) => s.id === "won")!.robots.push({ id: "to-service", type: "copyToTunnel", params: { pipeline: "service", stage: "new", mode: "copy" } });
  const service = { ...newPipeline("service", { en: "Service", ru: "Сервис" }), transitions: [{ from: "new", to: "won" }, { from: "new", to: "lost" }] };
  return { ...starterBlueprint(), pipelines: [sales, service] };
}

describe("edgesForDetail", () => {
  const edges = toEdges(blueprint());

  it("draws every edge at a readable zoom (the same array)", () => {
    expect(edges.filter((e) => e.id.startsWith("order:"))).toHaveLength(2);
    expect(edgesForDetail(edges, false)).toBe(edges);
  });

  it("leaves out only the process-order arrows when zoomed out: tunnels and transitions stay", () => {
    const far = edgesForDetail(edges, true);
    expect(far.map((e) => e.id).sort()).toEqual(["transition:service:0", "transition:service:1", "tunnel:to-service"]);
  });
});
