import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS, Registry } from "../registry/registry";
import { allIssues, broken, partOf, stageOf, type Draft } from "./fixtures.test-helpers";

type Path = (string | number)[];
const R = (stage: number, robot: number): Path => ["pipelines", 0, "stages", stage, "robots", robot];
const T = (stage: number, trigger: number): Path => ["pipelines", 0, "stages", stage, "triggers", trigger];

const issuesOf = (change: (bp: Draft) => void) => allIssues(broken(change)).map((i) => [i.code, i.path]);

describe("condition problems found by the analyzer, at their place in the blueprint", () => {
  const nest = (depth: number): unknown => (depth === 0 ? true : { "!": nest(depth - 1) });
  it.each<[string, (bp: Draft) => void, Path]>([
    ["condition.unknown-operator", (bp) => { partOf(bp, "assign").condition = { and: [true, { contains: ["a", "b"] }] }; }, [...R(0, 1), "condition", "and", 1]],
    ["condition.bad-arguments", (bp) => { partOf(bp, "assign").condition = { "==": [1, 2], "!=": [1, 2] }; }, [...R(0, 1), "condition"]],
    ["condition.too-deep", (bp) => { partOf(bp, "assign").condition = nest(40); }, [...R(0, 1), "condition", ...Array<string>(32).fill("!")]],
    ["condition.too-large", (bp) => { partOf(bp, "assign").condition = { and: Array<boolean>(2500).fill(true) }; }, [...R(0, 1), "condition"]],
    ["condition.too-large", (bp) => { partOf(bp, "assign").condition = { "==": [{ var: "deal.title" }, "x".repeat(10_001)] }; }, [...R(0, 1), "condition", "==", 1]],
    ["condition.unknown-operator", (bp) => { bp.pipelines[0].transitions[0].guard = { matches: [{ var: "deal.title" }, ".*"] }; }, ["pipelines", 0, "transitions", 0, "guard"]],
    ["condition.unknown-operator", (bp) => { partOf(bp, "setSegment").params.expression = { eval: "1" }; }, [...R(0, 2), "params", "expression"]],
  ])("%s", (code, change, path) => {
    const issues = allIssues(broken(change));
    expect(issues.map((i) => [i.code, i.path])).toEqual([[code, path]]);
    expect(issues[0]!.message).toMatch(/^The (condition|guard|expression) of /);
  });
});

describe("condition.unknown-var", () => {
  it.each<[string, (bp: Draft) => void, Path]>([
    ["an unknown field", (bp) => { partOf(bp, "assign").condition = { "==": [{ var: "deal.fields.sector" }, "it"] }; }, [...R(0, 1), "condition", "==", 0]],
    ["a core attribute read as a field", (bp) => { partOf(bp, "assign").condition = { ">": [{ var: "deal.fields.amount" }, 0] }; }, [...R(0, 1), "condition", ">", 0]],
    ["an unknown deal attribute", (bp) => { partOf(bp, "assign").condition = { var: "deal.source" }; }, [...R(0, 1), "condition"]],
    ["a field read without 'fields'", (bp) => { partOf(bp, "assign").condition = { var: "deal.segment" }; }, [...R(0, 1), "condition"]],
    ["a path inside a plain attribute", (bp) => { partOf(bp, "assign").condition = { var: "deal.title.length" }; }, [...R(0, 1), "condition"]],
    ["neither deal nor event", (bp) => { partOf(bp, "assign").condition = { var: "amount" }; }, [...R(0, 1), "condition"]],
    ["a name in missing", (bp) => { partOf(bp, "assign").condition = { missing: ["deal.fields.email", "deal.fields.phone"] }; }, [...R(0, 1), "condition", "missing", 1]],
    ["a name in missing_some", (bp) => { partOf(bp, "assign").condition = { missing_some: [1, ["deal.fields.phone"]] }; }, [...R(0, 1), "condition", "missing_some", 1, 0]],
    ["an immediate robot reading event.robot", (bp) => { partOf(bp, "assign").condition = { var: "event.robot" }; }, [...R(0, 1), "condition"]],
    ["a delayed robot reading event.from", (bp) => { partOf(bp, "remind").condition = { var: "event.from" }; }, [...R(1, 2), "condition"]],
    ["a guard (requireFields) reading event.robot", (bp) => { partOf(bp, "needEmail").condition = { var: "event.robot" }; }, [...R(2, 0), "condition"]],
    ["a transition guard reading event.task", (bp) => { bp.pipelines[0].transitions[0].guard = { var: "event.task" }; }, ["pipelines", 0, "transitions", 0, "guard"]],
    ["a setField expression reading event.to", (bp) => { partOf(bp, "setSegment").params.expression = { var: "event.to" }; }, [...R(0, 2), "params", "expression"]],
    ["an activity trigger reading event.score", (bp) => { partOf(bp, "meetingHeld").condition = { ">": [{ var: "event.score" }, 8] }; }, [...T(1, 0), "condition", ">", 0]],
    ["a webhook trigger reading event.headers", (bp) => { partOf(bp, "signed").condition = { var: "event.headers.x" }; }, [...T(2, 1), "condition"]],
    ["a deadline's event match reading another event's fields", (bp) => { partOf(bp, "sendCp").params.deadline.afterEvent.match = { var: "event.band" }; }, [...R(1, 0), "params", "deadline", "afterEvent", "match"]],
  ])("%s", (_name, change, path) => {
    expect(issuesOf(change)).toEqual([["condition.unknown-var", path]]);
  });

  it.each<[string, (bp: Draft) => void]>([
    ["the whole data and whole deal", (bp) => { partOf(bp, "assign").condition = { and: [{ var: "" }, { var: "deal" }, { var: "event" }, { var: [] }] }; }],
    ["every deal attribute", (bp) => { partOf(bp, "assign").condition = { and: ["id", "externalId", "title", "amount", "currency", "pipeline", "stage", "status", "responsible", "client", "createdAt", "stageEnteredAt", "fields"].map((a) => ({ var: `deal.${a}` })) }; }],
    ["a path inside a field's value", (bp) => { partOf(bp, "assign").condition = { ">": [{ var: "deal.fields.budget.amount" }, 1000] }; }],
    ["a default value", (bp) => { partOf(bp, "assign").condition = { var: ["deal.fields.note", "none"] }; }],
    ["the event fields of each trigger type", (bp) => {
      partOf(bp, "cpDone").condition = { and: [{ var: "event.type" }, { var: "event.task" }, { var: "event.robot" }] };
      partOf(bp, "segmentSet").condition = { and: [{ var: "event.field" }, { var: "event.old" }, { var: "event.new" }] };
      partOf(bp, "promoter").condition = { and: [{ var: "event.survey" }, { var: "event.score" }, { var: "event.band" }, { var: "event.reason" }] };
      partOf(bp, "meetingHeld").condition = { and: [{ var: "event.activityType" }, { var: "event.at" }, { var: "event.data.duration" }] };
      partOf(bp, "late").condition = { and: [{ var: "event.task" }, { var: "event.robot" }, { var: "event.deadline" }] };
      partOf(bp, "signed").condition = { var: "event.body.deal.fields.anything" };
    }],
    ["scoped names inside map, filter, reduce, all, some and none", (bp) => {
      partOf(bp, "assign").condition = {
        and: [
          { some: [{ var: "deal.fields.tags" }, { "==": [{ var: "" }, "vip"] }] },
          { all: [[1, 2], { ">": [{ var: "" }, 0] }] },
          { none: [{ map: [{ var: "deal.fields.tags" }, { var: "name" }] }, { var: "whatever" }] },
          { reduce: [{ filter: [[1, 2], { var: "" }] }, { "+": [{ var: "current" }, { var: "accumulator" }] }, 0] },
        ],
      };
    }],
  ])("accepts %s", (_name, change) => {
    expect(issuesOf(change)).toEqual([]);
  });

  it("does not check event names for a trigger of an unknown type (the type itself is the issue)", () => {
    expect(issuesOf((bp) => { partOf(bp, "signed").type = "email"; partOf(bp, "signed").condition = { var: "event.subject" }; }))
      .toEqual([["trigger.unknown-type", [...T(2, 1), "type"]]]);
  });

  it("uses a custom trigger type's event fields", () => {
    const registry = new Registry(BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS).with([{
      triggers: [{ type: "paymentReceived", label: "Payment", help: "", params: z.object({}), eventFields: ["sum"], matches: () => true }],
    }]);
    const bp = broken((bp) => { stageOf(bp, "sales", "contract").triggers.push({ id: "paid", type: "paymentReceived", params: {}, condition: { and: [{ var: "event.sum" }, { var: "event.total" }] } }); });
    expect(allIssues(bp, registry).map((i) => [i.code, i.path])).toEqual([["condition.unknown-var", [...T(2, 2), "condition", "and", 1]]]);
  });

  it("messages say what the context has", () => {
    const message = (change: (bp: Draft) => void) => allIssues(broken(change))[0]!.message;
    expect(message((bp) => { partOf(bp, "assign").condition = { var: "event.robot" }; }))
      .toBe("The condition of robot 'assign' on stage 'lead' of pipeline 'sales' reads 'event.robot', but here the event carries only event.type, event.from, event.by.");
    expect(message((bp) => { partOf(bp, "assign").condition = { var: "deal.fields.amount" }; }))
      .toMatch(/the blueprint has no field 'amount' \('amount' is a deal attribute: use deal\.amount\)/);
    expect(message((bp) => { partOf(bp, "assign").condition = { var: "deal.segment" }; }))
      .toMatch(/'segment' is a field: use deal\.fields\.segment/);
  });
});
