import { describe, expect, it } from "vitest";
import { allIssues, broken, partOf, stageOf, type Draft } from "./fixtures.test-helpers";

type Case = [string, (bp: Draft) => void, (string | number)[]];

describe("id.duplicate", () => {
  it.each<Case>([
    ["a field", (bp) => bp.fields.push({ id: "note", label: "Another note", type: "text" }), ["fields", 7, "id"]],
    ["an activity type", (bp) => bp.activityTypes.push({ id: "call", label: "Call again" }), ["activityTypes", 2, "id"]],
    ["a survey", (bp) => bp.surveys.push({ ...bp.surveys[0] }), ["surveys", 1, "id"]],
    ["a calendar", (bp) => bp.calendars.push({ ...bp.calendars[0] }), ["calendars", 1, "id"]],
    ["a pipeline", (bp) => { bp.pipelines[1].id = "sales"; partOf(bp, "toCare").params.pipeline = "sales"; partOf(bp, "toCare").params.stage = "lead"; }, ["pipelines", 1, "id"]],
    ["a robot in another pipeline", (bp) => { partOf(bp, "autoActive").id = "callLead"; }, ["pipelines", 1, "stages", 0, "robots", 0, "id"]],
    ["a robot on the same stage", (bp) => { stageOf(bp, "sales", "lead").robots[1].id = "callLead"; }, ["pipelines", 0, "stages", 0, "robots", 1, "id"]],
    ["a trigger", (bp) => { partOf(bp, "promoter").id = "signed"; }, ["pipelines", 1, "stages", 1, "triggers", 0, "id"]],
    ["a stage within its pipeline", (bp) => { bp.pipelines[1].stages[1].id = "onboard"; bp.pipelines[1].stages[0].robots = []; }, ["pipelines", 1, "stages", 1, "id"]],
    ["an enum option within its field", (bp) => { bp.fields[5].options.push({ id: "b2b", label: "B2B again" }); }, ["fields", 5, "options", 2, "id"]],
  ])("%s", (_name, change, path) => {
    expect(allIssues(broken(change)).map((i) => [i.code, i.path])).toEqual([["id.duplicate", path]]);
  });

  it("says which thing is doubled, where, and what to do", () => {
    const [issue] = allIssues(broken((bp) => { bp.pipelines[0].stages[2].id = "proposal"; bp.pipelines[0].transitions = "any"; }));
    expect(issue!.message).toBe("Stage 'proposal' in pipeline 'sales' is listed twice: give each stage its own id.");
    const [robot] = allIssues(broken((bp) => { partOf(bp, "autoActive").id = "callLead"; }));
    expect(robot!.message).toBe("Robot 'callLead' on stage 'onboard' of pipeline 'care' is listed twice (also used on stage 'lead' of pipeline 'sales'): robot ids must be unique across the whole blueprint, so give this one its own id.");
  });

  it("the same stage id in two pipelines, or a robot and a trigger sharing an id, are fine", () => {
    expect(allIssues(broken((bp) => { partOf(bp, "promoter").id = "autoActive"; }))).toEqual([]);
    expect(stageOf(broken(() => undefined), "care", "lost").kind).toBe("failure");
  });
});

describe("fields", () => {
  it.each(["amount", "title", "stage", "responsible", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"])(
    "field.reserved-name: '%s'", (id) => {
      const issues = allIssues(broken((bp) => bp.fields.push({ id, label: "X", type: "string" })));
      expect(issues.map((i) => [i.code, i.path])).toEqual([["field.reserved-name", ["fields", 7, "id"]]]);
      expect(issues[0]!.message).toMatch(/give the field another id/);
    });

  it.each<[string, (bp: Draft) => void, (string | number)[]]>([
    ["field.options-missing", (bp) => { delete bp.fields[5].options; }, ["fields", 5]],
    ["field.options-missing", (bp) => { bp.fields[5].options = []; }, ["fields", 5, "options"]],
    ["field.options-not-enum", (bp) => { bp.fields[2].options = [{ id: "a", label: "A" }]; }, ["fields", 2, "options"]],
  ])("%s", (code, change, path) => {
    expect(allIssues(broken(change)).map((i) => [i.code, i.path])).toEqual([[code, path]]);
  });
});
