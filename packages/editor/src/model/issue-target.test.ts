import { validateBlueprint } from "@voronka/engine";
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { issuesByTarget, issueTarget, itemKey } from "./issue-target";

const bp = withStage(testBlueprint(), "sales", "proposal", {
  robots: [{ id: "call", type: "createTask", params: { title: "Call", responsible: { kind: "dealResponsible" }, deadline: { field: "note", offset: "P1D" } } }],
  triggers: [{ id: "onCall", type: "activity", params: { types: ["call"] } }],
});

describe("issue path → node", () => {
  it.each([
    [["pipelines", 0, "stages", 1, "robots", 0, "params", "deadline", "field"], "sales/proposal", { kind: "robot", pipeline: "sales", stage: "proposal", robot: "call" }],
    [["pipelines", 0, "stages", 1, "triggers", 0, "condition"], "sales/proposal", { kind: "trigger", pipeline: "sales", stage: "proposal", trigger: "onCall" }],
    [["pipelines", 0, "stages", 3, "kind"], "sales/won", { kind: "stage", pipeline: "sales", stage: "won" }],
    [["pipelines", 1, "stages"], "lane:warmup", { kind: "pipeline", pipeline: "warmup" }],
    [["pipelines", 0, "transitions", 2, "to"], "lane:sales", { kind: "transition", pipeline: "sales", index: 2 }],
    [["fields", 2, "type"], null, { kind: "blueprint" }],
    [[], null, { kind: "blueprint" }],
    [["pipelines", 9, "stages", 0], null, { kind: "blueprint" }],
  ] as const)("%j → %s", (path, nodeId, selection) => {
    expect(issueTarget(bp, [...path])).toEqual({ nodeId, selection });
  });

  it("files real lint issues under their node and chip", () => {
    const result = validateBlueprint(bp);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    const { nodes, items } = issuesByTarget(bp, issues);
    expect(nodes.get("sales/proposal")?.map((i) => i.code)).toContain("timing.not-date-field");
    expect(items.get(itemKey("sales", "proposal", "robot", "call"))?.length).toBeGreaterThan(0);
  });
});
