import { describe, expect, it } from "vitest";
import { allIssues, broken, partOf, stageOf, type Draft } from "./fixtures.test-helpers";

type Case = [string, (bp: Draft) => void, (string | number)[][]];

const issuesOf = (change: (bp: Draft) => void) => allIssues(broken(change)).map((i) => [i.code, i.path]);

describe("pipelines and stages", () => {
  it.each<Case>([
    ["pipeline.success-count", (bp) => { stageOf(bp, "care", "done").kind = "failure"; }, [["pipelines", 1, "stages"]]],
    ["pipeline.success-count", (bp) => { stageOf(bp, "care", "lost").kind = "success"; bp.pipelines[1].stages.push({ id: "x", label: "X", kind: "failure", robots: [], triggers: [] }); }, [["pipelines", 1, "stages", 3, "kind"]]],
    ["pipeline.no-failure", (bp) => { bp.pipelines[1].stages.pop(); }, [["pipelines", 1, "stages"]]],
    ["pipeline.no-process-stage", (bp) => { bp.pipelines.push({ id: "closed", label: "Closed", stages: [{ id: "won", label: "Won", kind: "success", robots: [], triggers: [] }, { id: "lost", label: "Lost", kind: "failure", robots: [], triggers: [] }] }); }, [["pipelines", 2, "stages"]]],
  ])("%s", (code, change, paths) => {
    expect(issuesOf(change)).toEqual(paths.map((p) => [code, p]));
  });

  it("messages say what to do", () => {
    const [none] = allIssues(broken((bp) => { stageOf(bp, "care", "done").kind = "failure"; }));
    expect(none!.message).toBe("Pipeline 'care' has no success stage: mark the stage where a deal is won as 'success'.");
    const [two] = allIssues(broken((bp) => { stageOf(bp, "care", "lost").kind = "success"; bp.pipelines[1].stages.push({ id: "x", label: "X", kind: "failure", robots: [], triggers: [] }); }));
    expect(two!.message).toMatch(/has 2 success stages \('done', 'lost'\): keep exactly one/);
  });
});

describe("transitions", () => {
  it("pipeline.transitions-empty is a warning, and no stage is then called unreachable", () => {
    const issues = allIssues(broken((bp) => { bp.pipelines[0].transitions = []; }));
    expect(issues.map((i) => [i.code, i.path, i.severity])).toEqual([["pipeline.transitions-empty", ["pipelines", 0, "transitions"], "warning"]]);
  });

  it.each<Case>([
    ["transition.unknown-stage", (bp) => { bp.pipelines[0].transitions.push({ from: "contrat", to: "won" }); }, [["pipelines", 0, "transitions", 4, "from"]]],
    ["transition.unknown-stage", (bp) => { bp.pipelines[0].transitions.push({ from: "*", to: "paid" }); }, [["pipelines", 0, "transitions", 4, "to"]]],
    ["transition.from-final", (bp) => { bp.pipelines[0].transitions.push({ from: "won", to: "lead" }); }, [["pipelines", 0, "transitions", 4, "from"]]],
    ["stage.unreachable", (bp) => { bp.pipelines[0].transitions.splice(2, 1); }, [["pipelines", 0, "stages", 3]]],
    ["stage.unreachable", (bp) => { bp.pipelines[0].transitions.splice(0, 1); }, [["pipelines", 0, "stages", 1], ["pipelines", 0, "stages", 2], ["pipelines", 0, "stages", 3]]],
  ])("%s", (code, change, paths) => {
    expect(issuesOf(change)).toEqual(paths.map((p) => [code, p]));
  });

  it("stage.unreachable: a stage only a transition out of a final stage leads to is unreachable", () => {
    expect(issuesOf((bp) => {
      bp.pipelines[0].stages.splice(3, 0, { id: "nurture", label: "Nurture", kind: "process", robots: [], triggers: [] });
      bp.pipelines[0].transitions.push({ from: "lost", to: "nurture" });
    })).toEqual([
      ["stage.unreachable", ["pipelines", 0, "stages", 3]],
      ["transition.from-final", ["pipelines", 0, "transitions", 4, "from"]],
    ]);
  });

  it("stage.unreachable: a tunnel's target stage counts as an entry", () => {
    const bp = broken((bp) => {
      bp.pipelines[1].transitions = [{ from: "onboard", to: "done" }, { from: "*", to: "lost" }, { from: "active", to: "done" }];
      partOf(bp, "autoActive").type = "createTask";
      partOf(bp, "autoActive").params = { title: "Welcome", responsible: { kind: "dealResponsible" } };
    });
    expect(allIssues(bp).map((i) => [i.code, i.path])).toEqual([["stage.unreachable", ["pipelines", 1, "stages", 1]]]);
    partOf(bp, "toCare").params.stage = "active";
    expect(allIssues(bp).map((i) => [i.code, i.path])).toEqual([]);
  });

  it("stage.unreachable: the message names the stage and the start", () => {
    const [issue] = allIssues(broken((bp) => { bp.pipelines[0].transitions.splice(2, 1); }));
    expect(issue!.message).toBe("Stage 'won' of pipeline 'sales' can never be reached: no chain of transitions leads to it from 'lead', where deals start. Add a transition to it, or remove the stage.");
  });
});

describe("triggers and robots that can never act", () => {
  it("trigger.never-fires: a trigger on the first process stage, unless it allows backward moves", () => {
    const trigger = { id: "again", type: "activity", params: { types: ["call"] } };
    expect(issuesOf((bp) => { stageOf(bp, "sales", "lead").triggers.push(trigger); })).toEqual([["trigger.never-fires", ["pipelines", 0, "stages", 0, "triggers", 0]]]);
    expect(issuesOf((bp) => { stageOf(bp, "sales", "lead").triggers.push({ ...trigger, allowBackward: true }); })).toEqual([]);
  });

  it("change-stage.from-final: a 'move to a stage' robot on a success or failure stage (a warning)", () => {
    const issues = allIssues(broken((bp) => { stageOf(bp, "care", "done").robots.push({ id: "back", type: "changeStage", params: { stage: "active" } }); }));
    expect(issues.map((i) => [i.code, i.path, i.severity])).toEqual([["change-stage.from-final", ["pipelines", 1, "stages", 2, "robots", 0], "warning"]]);
  });
});
