import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS, Registry, defaultRegistry } from "../registry/registry";
import { allIssues, broken, codesOf, partOf, stageOf, validBlueprint } from "./fixtures.test-helpers";
import { lintBlueprint, validateBlueprint } from "./validate";

describe("validateBlueprint", () => {
  it("finds zero issues in a valid blueprint that uses every robot and trigger type", () => {
    const bp = validBlueprint();
    const types = new Set(bp.pipelines.flatMap((p) => p.stages.flatMap((s) => [...s.robots, ...s.triggers].map((x) => x.type))));
    for (const def of [...BUILT_IN_ROBOTS, ...BUILT_IN_TRIGGERS]) expect(types).toContain(def.type);
    expect(validateBlueprint(bp)).toEqual({ ok: true, value: bp });
    expect(lintBlueprint(bp, defaultRegistry())).toEqual([]);
  });

  it("returns the parsed blueprint, without keys the schema does not know", () => {
    const result = validateBlueprint({ ...validBlueprint(), extra: 1 });
    expect(result.ok && "extra" in result.value).toBe(false);
  });

  it("reports all problems at once: three different problems give three issues", () => {
    const bp = broken((bp) => {
      bp.fields.push({ ...bp.fields[0] });                             // id.duplicate
      partOf(bp, "setSegment").params.field = "segmnet";               // ref.unknown-field
      bp.calendars[0].timeZone = "Europe/Mosow";                       // calendar.bad-time-zone
    });
    const result = validateBlueprint(bp);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.path])).toEqual([
      ["id.duplicate", ["fields", 7, "id"]],
      ["ref.unknown-field", ["pipelines", 0, "stages", 0, "robots", 2, "params", "field"]],
      ["calendar.bad-time-zone", ["calendars", 0, "timeZone"]],
    ]);
  });

  it("reports schema problems and lint problems together", () => {
    const bp = broken((bp) => {
      stageOf(bp, "sales", "proposal").kind = "procces";
      partOf(bp, "crmHook").params.method = "GET";
      bp.fields[2].options = [{ id: "a", label: "A" }];
      bp.activityNorms[1].activityType = "meetings";
    });
    expect(allIssues(bp).map((i) => [i.code, i.path])).toEqual([
      ["schema.invalid", ["pipelines", 0, "stages", 1, "kind"]],
      ["params.invalid", ["pipelines", 0, "stages", 1, "robots", 1, "params", "method"]],
      ["field.options-not-enum", ["fields", 2, "options"]],
      ["norm.unknown-activity-type", ["activityNorms", 1, "activityType"]],
    ]);
  });

  it("holds back lint issues that may only echo a schema problem", () => {
    const bp = broken((bp) => {
      bp.surveys[0].scale.min = "0";                      // would also look like survey.bad-scale
      stageOf(bp, "care", "done").kind = "sucess";        // would also be pipeline.success-count
      bp.fields[5].type = "enun";                         // its options would be field.options-not-enum
      bp.fields[1].id = "event date";                     // the robot 'remind' counts from 'eventDate'
      stageOf(bp, "sales", "contract").kind = "won";      // 'won' would look unreachable, transition #3 from a final stage
      partOf(bp, "cpDone").params.robot = "sendCP";       // a reference in a pipeline with a schema problem
    });
    expect(codesOf(bp)).toEqual(["schema.invalid"]);
  });

  it("schema.invalid: messages name the place as the admin sees it and say what to do", () => {
    const issues = allIssues(broken((bp) => {
      stageOf(bp, "sales", "contract").kind = "won";
      delete stageOf(bp, "care", "active").label;
      bp.format = "voronka.blueprint/v2";
      bp.fields[1].id = "Event date";
      bp.pipelines[1].stages[0].robots[0].delay = { after: "7 days" };
      bp.pipelines[1].stages[0].robots[0].enabled = "yes";
      bp.fields[0].label = 5;
      bp.activityTypes[0] = { ...bp.activityTypes[0], colour: "red" }; // strict: a misspelt key is an error, never silently dropped
      bp.pipelines[1].stages = [];
    }));
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ["schema.invalid", ["format"], "The blueprint: 'format' must be 'voronka.blueprint/v1', not 'voronka.blueprint/v2'."],
      ["schema.invalid", ["fields", 0, "label"], "Field 'email': 'label' should be a text or an object { … }, not a number."],
      ["schema.invalid", ["fields", 1, "id"], "Field 'Event date': 'id' ('Event date') is not valid: use a letter first, then letters, digits, '-' or '_' (no dots or spaces)."],
      ["schema.invalid", ["activityTypes", 0, "colour"], "Activity type 'call': 'colour' is not a known setting here: remove it or check its spelling."],
      ["schema.invalid", ["pipelines", 0, "stages", 2, "kind"], "Stage 'contract' of pipeline 'sales': 'kind' must be one of 'process', 'success', 'failure', not 'won'."],
      ["schema.invalid", ["pipelines", 1, "stages"], "Pipeline 'care': 'stages' needs at least 1 item."],
    ]);
    const again = allIssues(broken((bp) => {
      delete stageOf(bp, "care", "active").label;
      bp.pipelines[1].stages[0].robots[0].delay = { after: "7 days" };
      bp.pipelines[1].stages[0].robots[0].enabled = "yes";
    }));
    expect(again.map((i) => [i.path, i.message])).toEqual([
      [["pipelines", 1, "stages", 0, "robots", 0, "delay", "after"], "Robot 'autoActive' on stage 'onboard' of pipeline 'care': 'delay.after' ('7 days') is not valid: use an ISO-8601 duration such as PT30M, PT4H or P2D."],
      [["pipelines", 1, "stages", 0, "robots", 0, "enabled"], "Robot 'autoActive' on stage 'onboard' of pipeline 'care': 'enabled' should be true or false, not a text."],
      [["pipelines", 1, "stages", 1, "label"], "Stage 'active' of pipeline 'care': 'label' is missing: add it."],
    ]);
  });

  it("params.invalid: each param is checked against its type's schema, at its path", () => {
    const issues = allIssues(broken((bp) => {
      partOf(bp, "callLead").params.deadline = { after: "2 days" };
      partOf(bp, "assign").params.to = { kind: "boss" };
      partOf(bp, "needEmail").params.scope = "exit";
      partOf(bp, "meetingHeld").params.types = [];
      partOf(bp, "signed").params.secret = "s3cret";
    }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["params.invalid", ["pipelines", 0, "stages", 0, "robots", 0, "params", "deadline", "after"]],
      ["params.invalid", ["pipelines", 0, "stages", 0, "robots", 1, "params", "to", "kind"]],
      ["params.invalid", ["pipelines", 0, "stages", 2, "robots", 0, "params", "scope"]],
      ["params.invalid", ["pipelines", 0, "stages", 1, "triggers", 0, "params", "types"]],
      ["params.invalid", ["pipelines", 0, "stages", 2, "triggers", 1, "params", "secret"]],
    ]);
    expect(issues[1]!.message).toBe("Robot 'assign' on stage 'lead' of pipeline 'sales': 'to.kind' must be one of 'dealResponsible', 'supervisor', 'user', 'roundRobin', not 'boss'.");
    expect(issues[4]!.message).toMatch(/'secret' is not a known setting here/);
  });

  it.each([
    ["robot.unknown-type", (bp: any) => { partOf(bp, "assign").type = "sendSlack"; }, ["pipelines", 0, "stages", 0, "robots", 1, "type"]],
    ["trigger.unknown-type", (bp: any) => { partOf(bp, "signed").type = "email"; }, ["pipelines", 0, "stages", 2, "triggers", 1, "type"]],
  ])("%s", (code, change, path) => {
    const issues = allIssues(broken(change));
    expect(issues.map((i) => [i.code, i.path])).toEqual([[code, path]]);
    expect(issues[0]!.message).toMatch(/which this system does not know: choose one of .*, or install the plugin/);
  });

  it("a custom type registered in the registry validates like a built-in one", () => {
    const registry = new Registry(BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS).with([{
      robots: [{
        type: "sendSlack", label: "Slack", help: "Posts to Slack", params: z.object({ channel: z.string().startsWith("#"), field: z.string() }),
        references: (p: { field: string }) => [{ kind: "field", id: p.field, path: ["field"] }],
        execute: () => [],
      }],
    }]);
    const ok = broken((bp) => { stageOf(bp, "sales", "lead").robots.push({ id: "slack", type: "sendSlack", params: { channel: "#sales", field: "email" } }); });
    expect(allIssues(ok, registry)).toEqual([]);
    const bad = broken((bp) => { stageOf(bp, "sales", "lead").robots.push({ id: "slack", type: "sendSlack", params: { channel: "sales", field: "mail" } }); });
    expect(codesOf(bad, registry)).toEqual(["params.invalid"]);
    const badRef = broken((bp) => { stageOf(bp, "sales", "lead").robots.push({ id: "slack", type: "sendSlack", params: { channel: "#sales", field: "mail" } }); });
    expect(allIssues(badRef, registry).map((i) => [i.code, i.path])).toEqual([["ref.unknown-field", ["pipelines", 0, "stages", 0, "robots", 4, "params", "field"]]]);
  });

  it("plugin.error: a custom type whose references() throws is reported, not a crash", () => {
    const registry = new Registry(BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS).with([{
      robots: [{ type: "flaky", label: "Flaky", help: "", params: z.object({}), references: () => { throw new Error("oops"); }, execute: () => [] }],
    }]);
    const bp = broken((bp) => { stageOf(bp, "sales", "lead").robots.push({ id: "flaky", type: "flaky", params: {} }); });
    const issues = allIssues(bp, registry);
    expect(issues.map((i) => [i.code, i.path])).toEqual([["plugin.error", ["pipelines", 0, "stages", 0, "robots", 4, "params"]]]);
    expect(issues[0]!.message).toMatch(/oops/);
  });

  it("lint.internal-error: a rule that fails on a valid blueprint makes it invalid rather than pass unchecked", () => {
    const base = defaultRegistry();
    const registry = { robots: base.robots, triggers: { get: () => { throw new Error("broken registry"); }, keys: () => [][Symbol.iterator](), has: () => false } } as unknown as Registry;
    const result = validateBlueprint(validBlueprint(), { registry });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(["lint.internal-error"]);
  });

  it("warnings come back in `warnings` and do not make a blueprint fail", () => {
    const bp = broken((bp) => { bp.pipelines[1].transitions = []; });
    const result = validateBlueprint(bp);
    expect(result.ok).toBe(true);
    expect(result.warnings?.map((w) => [w.code, w.severity])).toEqual([["pipeline.transitions-empty", "warning"]]);
    const failing = validateBlueprint(broken((bp) => { bp.pipelines[1].transitions = []; bp.defaultCalendar = "home"; }));
    expect(failing.ok).toBe(false);
    expect(failing.ok ? [] : failing.issues.map((i) => [i.code, i.severity])).toEqual([["ref.unknown-calendar", "error"]]);
    expect(failing.warnings?.map((w) => w.code)).toEqual(["pipeline.transitions-empty"]);
  });

  it("every issue has a code from the catalogue, a path that exists in the input (or its parent), and a message", () => {
    const bp = broken((bp) => {
      partOf(bp, "toCare").params.pipeline = "cares";
      partOf(bp, "askNps").params.survey = "csat";
      bp.surveys[0].bands.promoter = [9, 11];
    });
    for (const issue of allIssues(bp)) {
      expect(issue.message.length).toBeGreaterThan(20);
      let v: any = bp;
      for (const key of issue.path.slice(0, -1)) v = v[key];
      expect(v).toBeTypeOf("object");
    }
  });
});

describe("validateBlueprint never throws", () => {
  it("on any JSON value", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const result = validateBlueprint(value);
      return result.ok === false && result.issues.length > 0;
    }), { numRuns: 300 });
  });

  it("on the valid blueprint with any one part replaced by any JSON value", () => {
    const paths: (string | number)[][] = [];
    const collect = (v: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) collect(x, [...path, Array.isArray(v) ? Number(k) : k]);
    };
    collect(validBlueprint(), []);
    fc.assert(fc.property(fc.nat(paths.length - 1), fc.jsonValue({ maxDepth: 4 }), (n, value) => {
      const path = paths[n]!;
      const bp: any = structuredClone(validBlueprint());
      if (path.length === 0) return true;
      let parent = bp;
      for (const key of path.slice(0, -1)) parent = parent[key];
      parent[path[path.length - 1]!] = value;
      const result = validateBlueprint(bp);
      const issues = result.ok ? [] : result.issues;
      return result.ok || (issues.length > 0 && issues.every((i) => typeof i.code === "string" && Array.isArray(i.path) && i.message.length > 0));
    }), { numRuns: 500 });
  });
});
