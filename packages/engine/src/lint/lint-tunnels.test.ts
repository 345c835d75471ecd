import { describe, expect, it } from "vitest";
import { allIssues, broken, partOf, stageOf, type Draft } from "./fixtures.test-helpers";

const issuesOf = (change: (bp: Draft) => void) => allIssues(broken(change)).map((i) => [i.code, i.path]);

/** care/onboard tunnels straight back to sales/won, which tunnels to care/onboard. */
const backToWon = (bp: Draft): void => {
  stageOf(bp, "care", "onboard").robots.push({ id: "back", type: "copyToTunnel", params: { pipeline: "sales", stage: "won", mode: "copy", carry: "all" } });
};

describe("tunnel.immediate-cycle", () => {
  it("reports a cycle of immediate tunnel hops at the first robot in it, naming the loop", () => {
    const issues = allIssues(broken(backToWon));
    expect(issues.map((i) => [i.code, i.path])).toEqual([["tunnel.immediate-cycle", ["pipelines", 0, "stages", 3, "robots", 1]]]);
    expect(issues[0]!.message).toBe(
      "Tunnels send deals round a loop with no pause: sales/won → care/onboard → sales/won (robots 'toCare', 'back'). Give one of these robots a delay or remove one of them, so deals do not bounce for ever.");
  });

  it("a tunnel into its own stage is a loop of one hop", () => {
    expect(issuesOf((bp) => { partOf(bp, "toCare").params = { pipeline: "sales", stage: "won", mode: "copy", carry: "all" }; }))
      .toEqual([["tunnel.immediate-cycle", ["pipelines", 0, "stages", 3, "robots", 1]]]);
  });

  it("a loop through a tunnel and an immediate 'move to a stage' robot counts too", () => {
    expect(issuesOf((bp) => {
      delete partOf(bp, "autoActive").delay;
      stageOf(bp, "care", "active").robots.push({ id: "back", type: "copyToTunnel", params: { pipeline: "sales", stage: "won", mode: "copy", carry: "all" } });
    })).toEqual([["tunnel.immediate-cycle", ["pipelines", 0, "stages", 3, "robots", 1]]]);
  });

  it.each<[string, (bp: Draft) => void]>([
    ["one hop has a delay", (bp) => { backToWon(bp); partOf(bp, "back").delay = { after: "P30D" }; }],
    ["one hop is disabled", (bp) => { backToWon(bp); partOf(bp, "back").enabled = false; }],
    ["the path waits for a delayed 'move to a stage' robot", (bp) => {
      stageOf(bp, "care", "active").robots.push({ id: "back", type: "copyToTunnel", params: { pipeline: "sales", stage: "won", mode: "copy", carry: "all" } });
    }],
  ])("no cycle when %s", (_name, change) => {
    expect(issuesOf(change)).toEqual([]);
  });

  it("reports two separate loops once each", () => {
    expect(issuesOf((bp) => {
      backToWon(bp);
      stageOf(bp, "sales", "lost").robots.push({ id: "retry", type: "copyToTunnel", params: { pipeline: "sales", stage: "lost", mode: "copy", carry: "all" } });
    })).toEqual([
      ["tunnel.immediate-cycle", ["pipelines", 0, "stages", 3, "robots", 1]],
      ["tunnel.immediate-cycle", ["pipelines", 0, "stages", 4, "robots", 1]],
    ]);
  });
});

describe("stage.immediate-cycle", () => {
  it("reports immediate 'move to a stage' robots that send deals back and forth", () => {
    const issues = allIssues(broken((bp) => {
      delete partOf(bp, "autoActive").delay;
      stageOf(bp, "care", "active").robots.push({ id: "undo", type: "changeStage", params: { stage: "onboard" } });
    }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([["stage.immediate-cycle", ["pipelines", 1, "stages", 0, "robots", 0]]]);
    expect(issues[0]!.message).toMatch(/^Robots move deals round a loop with no pause: care\/onboard → care\/active → care\/onboard/);
  });

  it("is no loop when the pipeline's transitions forbid one of the moves", () => {
    expect(issuesOf((bp) => {
      stageOf(bp, "sales", "proposal").robots.push({ id: "fwd", type: "changeStage", params: { stage: "contract" } });
      stageOf(bp, "sales", "contract").robots.push({ id: "bwd", type: "changeStage", params: { stage: "proposal" } });
    })).toEqual([]);
  });
});

describe("tunnel.move-from-final", () => {
  it("reports a 'move' tunnel on a success or failure stage, at its mode", () => {
    const issues = allIssues(broken((bp) => { partOf(bp, "toCare").params.mode = "move"; }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([["tunnel.move-from-final", ["pipelines", 0, "stages", 3, "robots", 1, "params", "mode"]]]);
    expect(issues[0]!.message).toMatch(/use mode 'copy'/);
  });

  it("a 'move' tunnel on a process stage is fine", () => {
    expect(issuesOf((bp) => {
      stageOf(bp, "sales", "proposal").robots.push({ id: "handOver", type: "copyToTunnel", params: { pipeline: "care", stage: "active", mode: "move", carry: "all" } });
    })).toEqual([]);
  });
});
