import { describe, expect, it } from "vitest";
import { allIssues, broken, partOf, stageOf, type Draft } from "./fixtures.test-helpers";

type Case = [string, string, (bp: Draft) => void, (string | number)[]];

const P0 = ["pipelines", 0, "stages"] as const;

describe("references", () => {
  it.each<Case>([
    ["ref.unknown-field", "setField's field", (bp) => { partOf(bp, "setSegment").params.field = "segmnet"; }, [...P0, 0, "robots", 2, "params", "field"]],
    ["ref.unknown-field", "a tunnel's carried field", (bp) => { partOf(bp, "toCare").params.carry = ["email", "phone"]; }, [...P0, 3, "robots", 1, "params", "carry", 1]],
    ["ref.unknown-field", "a survey's recipient field", (bp) => { partOf(bp, "askNps").params.recipient.field = "mail"; }, [...P0, 3, "robots", 0, "params", "recipient", "field"]],
    ["ref.unknown-field", "fieldChanged's fields", (bp) => { partOf(bp, "segmentSet").params.fields = ["segment", "sector"]; }, [...P0, 1, "triggers", 1, "params", "fields", 1]],
    ["ref.unknown-field", "a delay's date field", (bp) => { partOf(bp, "remind").delay.field = "eventDay"; }, [...P0, 1, "robots", 2, "delay", "field"]],
    ["ref.unknown-field", "a deadline's date field", (bp) => { partOf(bp, "callLead").params.deadline = { field: "eventDay", offset: "P1D" }; }, [...P0, 0, "robots", 0, "params", "deadline", "field"]],
    ["ref.unknown-stage", "changeStage's stage", (bp) => { stageOf(bp, "sales", "proposal").robots.push({ id: "skip", type: "changeStage", params: { stage: "contrat" } }); }, [...P0, 1, "robots", 3, "params", "stage"]],
    ["ref.unknown-stage", "a tunnel's stage", (bp) => { partOf(bp, "toCare").params.stage = "start"; }, [...P0, 3, "robots", 1, "params", "stage"]],
    ["ref.unknown-pipeline", "a tunnel's pipeline (not also its stage)", (bp) => { partOf(bp, "toCare").params.pipeline = "support"; }, [...P0, 3, "robots", 1, "params", "pipeline"]],
    ["ref.unknown-robot", "taskCompleted's robot", (bp) => { partOf(bp, "cpDone").params.robot = "sendCP"; }, [...P0, 2, "triggers", 0, "params", "robot"]],
    ["ref.unknown-robot", "overdue's robot", (bp) => { partOf(bp, "late").params.robot = "callLeed"; }, [...P0, 4, "triggers", 0, "params", "robot"]],
    ["ref.unknown-survey", "sendSurvey's survey", (bp) => { partOf(bp, "askNps").params.survey = "csat"; }, [...P0, 3, "robots", 0, "params", "survey"]],
    ["ref.unknown-survey", "surveyAnswered's survey", (bp) => { partOf(bp, "promoter").params.survey = "csat"; }, ["pipelines", 1, "stages", 1, "triggers", 0, "params", "survey"]],
    ["ref.unknown-activity-type", "activity's types", (bp) => { partOf(bp, "meetingHeld").params.types = ["meeting", "demo"]; }, [...P0, 1, "triggers", 0, "params", "types", 1]],
    ["ref.unknown-calendar", "the default calendar", (bp) => { bp.defaultCalendar = "ofice"; }, ["defaultCalendar"]],
    ["ref.not-a-task-robot", "a task trigger naming a robot that makes no tasks", (bp) => { partOf(bp, "cpDone").params.robot = "notifyBoss"; }, [...P0, 2, "triggers", 0, "params", "robot"]],
    ["require-fields.unknown-field", "requireFields' fields", (bp) => { partOf(bp, "needReason").params.fields = ["lossReason", "lossNote"]; }, [...P0, 4, "robots", 0, "params", "fields", 1]],
    ["require-fields.delay", "a requireFields robot with a delay", (bp) => { partOf(bp, "needReason").delay = { after: "P1D" }; }, [...P0, 4, "robots", 0, "delay"]],
    ["timing.not-date-field", "a deadline from a text field", (bp) => { partOf(bp, "callLead").params.deadline = { field: "note", offset: "P1D" }; }, [...P0, 0, "robots", 0, "params", "deadline", "field"]],
    ["timing.not-date-field", "a delay from an enum field", (bp) => { partOf(bp, "remind").delay.field = "segment"; }, [...P0, 1, "robots", 2, "delay", "field"]],
    ["timing.no-calendar", "a deadline in working time with no default calendar", (bp) => { delete bp.defaultCalendar; partOf(bp, "sendCp").params.deadline.workingTime = false; }, [...P0, 0, "robots", 0, "params", "deadline", "workingTime"]],
    ["timing.no-calendar", "a delay in working time with no default calendar", (bp) => { delete bp.defaultCalendar; partOf(bp, "sendCp").params.deadline.workingTime = false; delete partOf(bp, "callLead").params.deadline; partOf(bp, "autoActive").delay.workingTime = true; }, ["pipelines", 1, "stages", 0, "robots", 0, "delay", "workingTime"]],
    ["timing.bad-event-type", "a deadline after an event no trigger type has", (bp) => { partOf(bp, "sendCp").params.deadline.afterEvent = { type: "meetingHeld" }; }, [...P0, 1, "robots", 0, "params", "deadline", "afterEvent", "type"]],
    ["template.unknown-path", "a notification naming an unknown field", (bp) => { partOf(bp, "notifyBoss").params.text.ru = "Сделка {{deal.fields.phone}}"; }, [...P0, 0, "robots", 3, "params", "text", "ru"]],
    ["template.unknown-path", "a webhook body naming a non-deal value", (bp) => { partOf(bp, "crmHook").params.body.lines[1].note = "{{ env.SECRET }}"; }, [...P0, 1, "robots", 1, "params", "body", "lines", 1, "note"]],
    ["template.unknown-path", "a webhook body naming an unknown attribute", (bp) => { partOf(bp, "crmHook").params.body.title = "{{deal.name}}"; }, [...P0, 1, "robots", 1, "params", "body", "title"]],
    ["norm.unknown-activity-type", "an activity norm", (bp) => { bp.activityNorms[1].activityType = "demo"; }, ["activityNorms", 1, "activityType"]],
    ["norm.duplicate", "two norms for one activity type and role", (bp) => { bp.activityNorms.push({ activityType: "call", perDay: 10, role: "manager" }); }, ["activityNorms", 2]],
  ])("%s: %s", (code, _name, change, path) => {
    const issues = allIssues(broken(change));
    expect(issues.map((i) => [i.code, i.path])).toEqual([[code, path]]);
    expect(issues[0]!.message).toMatch(/: /);
  });

  it("messages name the thing and say what to do", () => {
    const message = (change: (bp: Draft) => void) => allIssues(broken(change))[0]!.message;
    expect(message((bp) => { partOf(bp, "callLead").params.deadline = { field: "note", offset: "P1D" }; }))
      .toBe("The task deadline of robot 'callLead' on stage 'lead' of pipeline 'sales' counts from field 'note', which is a text field: choose a date field.");
    expect(message((bp) => { partOf(bp, "setSegment").params.field = "segmnet"; }))
      .toBe("Robot 'setSegment' on stage 'lead' of pipeline 'sales' uses field 'segmnet', which the blueprint does not have: add the field, or choose an existing one.");
    expect(message((bp) => { partOf(bp, "toCare").params.carry = ["client"]; }))
      .toMatch(/field 'client', which the blueprint does not have \('client' is a built-in deal attribute, not a field\)/);
    expect(message((bp) => { partOf(bp, "toCare").params.stage = "start"; }))
      .toBe("Robot 'toCare' on stage 'won' of pipeline 'sales' goes to stage 'start', which pipeline 'care' does not have: choose one of 'onboard', 'active', 'done', 'lost'.");
    expect(message((bp) => { partOf(bp, "notifyBoss").params.text.ru = "Сделка {{deal.fields.phone}}"; }))
      .toBe("Robot 'notifyBoss' on stage 'lead' of pipeline 'sales': '{{deal.fields.phone}}' names field 'phone', which the blueprint does not have.");
  });

  it("core attributes are not fields: requireFields may name amount, client and title; setField and fieldChanged may name them too", () => {
    expect(allIssues(broken((bp) => {
      partOf(bp, "needReason").params.fields = ["lossReason", "amount", "client", "title"];
      partOf(bp, "setSegment").params = { field: "title", value: "Renamed" };
      partOf(bp, "segmentSet").params.fields = ["amount", "currency"];
    }))).toEqual([]);
  });

  it("a disabled robot is not an issue, and is still checked", () => {
    expect(allIssues(broken((bp) => { partOf(bp, "assign").enabled = false; }))).toEqual([]);
    expect(allIssues(broken((bp) => { partOf(bp, "setSegment").enabled = false; partOf(bp, "setSegment").params.field = "nope"; })).map((i) => i.code))
      .toEqual(["ref.unknown-field"]);
  });
});
