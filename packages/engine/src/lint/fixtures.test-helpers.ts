/**
 * Test builders for the linter: one small blueprint that is valid yet uses every robot and trigger
 * type, every condition context, delays, deadlines, templates, a tunnel and a transitions list, so
 * that "zero issues" means something; and helpers to break one thing at a time.
 */
import type { Blueprint, Pipeline } from "../blueprint/blueprint.schema";
import type { Issue } from "../errors";
import type { Registry } from "../registry/registry";
import { validateBlueprint } from "./validate";

/** A JSON-like blueprint that tests may break in any way (typed loosely on purpose). */
export type Draft = any;

/**
 * A valid blueprint. Pipeline `sales` (lead → proposal → contract → won | lost, with a transitions
 * list) tunnels won deals into pipeline `care` (onboard → active → done | churned, any moves).
 */
export function validBlueprint(): Blueprint {
  const sales: Pipeline = {
    id: "sales",
    label: { en: "Sales", ru: "Продажи" },
    stages: [
      {
        id: "lead", label: "Lead", kind: "process", triggers: [],
        robots: [
          { id: "callLead", type: "createTask", params: { title: { en: "Call the lead", ru: "Позвонить" }, responsible: { kind: "dealResponsible" }, deadline: { after: "PT2H", workingTime: true } } },
          { id: "assign", type: "changeResponsible", params: { to: { kind: "roundRobin", users: ["ann", "bob"] } } },
          {
            id: "setSegment", type: "setField",
            params: { field: "segment", expression: { if: [{ ">": [{ var: "deal.amount" }, 100000] }, "b2b", "b2c"] } },
          },
          {
            id: "notifyBoss", type: "notify", params: { to: { kind: "supervisor" }, text: { en: "New deal {{deal.title}} ({{deal.fields.email}})", ru: "Новая сделка {{ deal.title }}" } },
            condition: { and: [{ "==": [{ var: "event.type" }, "stage.entered"] }, { "!": { var: "event.from" } }, { var: "event.by" }] },
          },
        ],
      },
      {
        id: "proposal", label: "Proposal", kind: "process",
        robots: [
          {
            id: "sendCp", type: "createTask",
            params: {
              title: "Send the CP", responsible: { kind: "user", user: "ann" }, checklist: ["Prices", "Terms"], keepOnExit: true,
              deadline: { afterEvent: { type: "activity", match: { "==": [{ var: "event.activityType" }, "meeting"] } }, after: "P1D", workingTime: true },
            },
          },
          { id: "crmHook", type: "webhook", params: { url: "https://crm.example.com/hook", method: "POST", headers: { "X-Source": "voronka" }, body: { title: "{{deal.title}}", lines: ["{{deal.amount}}", { note: "{{deal.fields.note}}" }] } } },
          {
            id: "remind", type: "createTask", params: { title: "Remind about the event", responsible: { kind: "dealResponsible" } },
            delay: { field: "eventDate", offset: "-P1D", time: "10:00" },
            condition: { "==": [{ var: "event.robot" }, "remind"] },
          },
        ],
        triggers: [
          { id: "meetingHeld", type: "activity", params: { types: ["meeting"] }, condition: { "==": [{ var: "event.activityType" }, "meeting"] } },
          { id: "segmentSet", type: "fieldChanged", params: { fields: ["segment", "amount"] }, condition: { "==": [{ var: "event.new" }, "b2b"] } },
        ],
      },
      {
        id: "contract", label: "Contract", kind: "process",
        robots: [{
          id: "needEmail", type: "requireFields", params: { fields: ["email", "amount"], scope: "enter" },
          condition: { "==": [{ var: "event.to" }, "contract"] },
        }],
        triggers: [
          { id: "cpDone", type: "taskCompleted", params: { robot: "sendCp" } },
          { id: "signed", type: "webhook", params: {}, condition: { "==": [{ var: "event.body.status.code" }, "signed"] } },
        ],
      },
      {
        id: "won", label: "Won", kind: "success", triggers: [],
        robots: [
          { id: "askNps", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "link" } },
          { id: "toCare", type: "copyToTunnel", params: { pipeline: "care", stage: "onboard", mode: "copy", carry: ["email", "segment"] } },
        ],
      },
      {
        id: "lost", label: "Lost", kind: "failure",
        robots: [{ id: "needReason", type: "requireFields", params: { fields: ["lossReason"], scope: "enter" } }],
        triggers: [{ id: "late", type: "overdue", params: { robot: "sendCp" }, condition: { some: [{ var: "deal.fields.tags" }, { "==": [{ var: "" }, "vip"] }] } }],
      },
    ],
    transitions: [
      { from: "lead", to: "proposal" },
      { from: "proposal", to: "contract", guard: { "!!": [{ var: "deal.fields.email" }] }, label: "E-mail known" },
      { from: "contract", to: "won", guard: { in: [{ var: "event.by" }, ["manual", "trigger"]] } },
      { from: "*", to: "lost" },
    ],
    ui: { color: "#3366ff" },
  };
  const care: Pipeline = {
    id: "care",
    label: "Care",
    stages: [
      { id: "onboard", label: "Onboarding", kind: "process", triggers: [], robots: [{ id: "autoActive", type: "changeStage", params: { stage: "active" }, delay: { after: "P7D" } }] },
      {
        id: "active", label: "Active", kind: "process", robots: [],
        triggers: [{ id: "promoter", type: "surveyAnswered", params: { survey: "nps" }, condition: { "==": [{ var: "event.band" }, "promoter"] } }],
      },
      { id: "done", label: "Done", kind: "success", robots: [], triggers: [] },
      { id: "lost", label: "Churned", kind: "failure", robots: [], triggers: [] },
    ],
  };
  return {
    format: "voronka.blueprint/v1",
    id: "test",
    name: { en: "Test", ru: "Тест" },
    description: "A small blueprint for the linter's tests",
    fields: [
      { id: "email", label: "E-mail", type: "email" },
      { id: "eventDate", label: { en: "Event date", ru: "Дата события" }, type: "date" },
      { id: "note", label: "Note", type: "text" },
      { id: "budget", label: "Budget", type: "money" },
      { id: "tags", label: "Tags", type: "string", multiple: true },
      { id: "segment", label: "Segment", type: "enum", options: [{ id: "b2b", label: "B2B" }, { id: "b2c", label: "B2C" }] },
      { id: "lossReason", label: "Loss reason", type: "enum", options: [{ id: "expensive", label: "Too expensive" }, { id: "competitor", label: "Competitor" }] },
    ],
    activityTypes: [{ id: "call", label: "Call" }, { id: "meeting", label: "Meeting" }],
    surveys: [{ id: "nps", question: "How likely are you to recommend us?", scale: { min: 0, max: 10 }, bands: { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] } }],
    calendars: [{ id: "office", timeZone: "Europe/Moscow", workingDays: [1, 2, 3, 4, 5], hours: { from: "09:00", to: "18:00" }, holidays: ["2026-01-01"] }],
    defaultCalendar: "office",
    activityNorms: [{ activityType: "call", perDay: 30, role: "manager" }, { activityType: "meeting", perDay: 2 }],
    pipelines: [sales, care],
  };
}

/** A deep copy of the valid blueprint, changed by `change` (which may break it in any way). */
export function broken(change: (bp: Draft) => void): Draft {
  const bp: Draft = structuredClone(validBlueprint());
  change(bp);
  return bp;
}

/** The stage `pipelineId/stageId` of a draft (loosely typed, to be broken). */
export function stageOf(bp: Draft, pipelineId: string, stageId: string): Draft {
  const st = (bp.pipelines as Pipeline[]).find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId);
  if (!st) throw new Error(`no stage ${pipelineId}/${stageId}`);
  return st;
}

/** The robot or trigger with this id, wherever it is (loosely typed, to be broken). */
export function partOf(bp: Draft, id: string): Draft {
  for (const p of bp.pipelines as Pipeline[]) {
    for (const s of p.stages) {
      const found = [...s.robots, ...s.triggers].find((x) => x.id === id);
      if (found) return found;
    }
  }
  throw new Error(`no robot or trigger ${id}`);
}

/** Every issue (errors and warnings) `validateBlueprint` reports for an input. */
export function allIssues(input: unknown, registry?: Registry): Issue[] {
  const result = validateBlueprint(input, registry ? { registry } : {});
  return [...(result.ok ? [] : result.issues), ...(result.warnings ?? [])];
}

/** The codes of `allIssues`, sorted and without repeats. */
export function codesOf(input: unknown, registry?: Registry): string[] {
  return [...new Set(allIssues(input, registry).map((i) => i.code))].sort();
}
