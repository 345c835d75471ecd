/**
 * One test per robot type, trigger type, delay kind, deadline kind and error code.
 */
import { describe, expect, it } from "vitest";
import type { Blueprint, Robot, Trigger } from "../src/blueprint/blueprint.schema";
import { EngineError, type EngineErrorCode } from "../src/errors";
import { createEngine } from "../src/runtime/engine";
import { createMemoryStore } from "../src/store/memory-store";
import { testBlueprint, testEngine, withStage } from "../src/testing";

const ann = { user: "ann" };
const directory = { supervisorOf: (u: string) => (u === "ann" ? "sue" : null), exists: () => true };

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(EngineError);
  return (e as EngineError).code;
}

function on(stageId: string, robots: Robot[] = [], triggers: Trigger[] = [], bp: Blueprint = testBlueprint()): Blueprint {
  return withStage(bp, "sales", stageId, { robots, triggers });
}

describe("robot types", () => {
  it("createTask: title, responsible by role, deadline, checklist", async () => {
    const { engine } = testEngine(on("lead", [{ id: "t", type: "createTask", params: { title: "Call", responsible: { kind: "supervisor" }, deadline: { after: "PT2H" }, checklist: ["a", "b"] } }]), { directory });
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect((await engine.tasks({ deal: d.id }))[0]).toMatchObject({ responsible: "sue", deadline: "2026-03-02T11:00:00.000Z", checklist: ["a", "b"], robot: "t" });
  });

  it("requireFields: a guard only, with a condition deciding whether it applies", async () => {
    const { engine } = testEngine(on("proposal", [{ id: "g", type: "requireFields", condition: { ">": [{ var: "deal.amount" }, 1000] }, params: { fields: ["note"], scope: "enter" } }]));
    const small = await engine.createDeal({ pipeline: "sales", title: "S", responsible: "ann", amount: 10 });
    const big = await engine.createDeal({ pipeline: "sales", title: "B", responsible: "ann", amount: 5000 });
    expect((await engine.move(small.id, "proposal", { actor: ann })).stage).toBe("proposal");
    expect(await codeOf(engine.move(big.id, "proposal", { actor: ann }))).toBe("MOVE_BLOCKED");
  });

  it("copyToTunnel (move): the same deal changes pipeline", async () => {
    const { engine } = testEngine(on("proposal", [{ id: "mv", type: "copyToTunnel", params: { pipeline: "warmup", stage: "nurture", mode: "move", carry: "all" } }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect(await engine.move(d.id, "proposal", { actor: ann })).toMatchObject({ id: d.id, pipeline: "warmup", stage: "nurture" });
  });

  it("copyToTunnel (copy) blocked by the target's guard records deal.move.blocked and creates nothing", async () => {
    let bp = on("lost", [{ id: "cp", type: "copyToTunnel", params: { pipeline: "warmup", stage: "nurture", mode: "copy", carry: [] } }]);
    bp = withStage(bp, "warmup", "nurture", { robots: [{ id: "needNote", type: "requireFields", params: { fields: ["note"], scope: "enter" } }] });
    const { engine, store } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    await engine.move(d.id, "lost", { actor: ann, fields: { lossReason: "expensive" } });
    expect(await store.deals({ pipeline: "warmup" })).toEqual([]);
    expect((await engine.history(d.id)).find((h) => h.type === "deal.move.blocked")!.data).toMatchObject({ to: "warmup/nurture", missing: ["note"] });
  });

  it("sendSurvey: a one-time link and an outbox delivery", async () => {
    const { engine, store } = testEngine(on("won", [{ id: "s", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "webhook" } }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", fields: { email: "a@b.ru" } });
    await engine.move(d.id, "won", { actor: ann });
    expect(await store.findSurvey("token-1")).toMatchObject({ channel: "webhook", status: "sent", recipient: "a@b.ru", url: "/s/token-1" });
  });

  it.each([
    [{ field: "note", value: "fixed" }, "fixed"],
    [{ field: "note", expression: { cat: ["Deal ", { var: "deal.title" }] } }, "Deal A"],
    [{ field: "amount", expression: { "*": [{ var: "deal.amount" }, 2] } }, 20],
  ])("setField %j", async (params, expected) => {
    const { engine } = testEngine(on("lead", [{ id: "sf", type: "setField", params }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", amount: 10 });
    expect(params.field === "amount" ? d.amount : d.fields["note"]).toBe(expected);
  });

  it("setField with a value of the wrong type fails the robot and changes nothing else", async () => {
    const { engine } = testEngine(on("lead", [{ id: "sf", type: "setField", params: { field: "eventDate", value: "not a date" } }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect(d.fields["eventDate"]).toBeUndefined();
    expect((await engine.history(d.id)).find((h) => h.type === "robot.failed")!.data).toMatchObject({ robot: "sf" });
  });

  it("changeResponsible: round-robin takes turns from the store's counter", async () => {
    const { engine } = testEngine(on("lead", [{ id: "rr", type: "changeResponsible", params: { to: { kind: "roundRobin", users: ["bob", "cat"] } } }]));
    const owners = [];
    for (let i = 0; i < 3; i++) owners.push((await engine.createDeal({ pipeline: "sales", title: `D${i}`, responsible: "ann" })).responsible);
    expect(owners).toEqual(["bob", "cat", "bob"]);
  });

  it("changeStage: moves on, and a blocked automatic move stays and is recorded", async () => {
    const { engine } = testEngine(on("lead", [{ id: "go", type: "changeStage", params: { stage: "contract" } }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect(d.stage).toBe("lead");
    expect((await engine.history(d.id)).find((h) => h.type === "deal.move.blocked")!.data).toEqual({ to: "contract", missing: ["contractNo"] });
    const d2 = await engine.createDeal({ pipeline: "sales", title: "B", responsible: "ann", fields: { contractNo: "1" } });
    expect(d2.stage).toBe("contract");
  });

  it("notify: a rendered template through the outbox", async () => {
    const sent: unknown[] = [];
    const { engine } = testEngine(on("lead", [{ id: "n", type: "notify", params: { to: { kind: "user", user: "bob" }, text: { en: "New: {{deal.title}} ({{deal.fields.note}})", ru: "Новая" } } }]), { deliver: (e) => { sent.push(e.payload); } });
    await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann", fields: { note: "hot" } });
    await engine.tick();
    expect(sent).toEqual([{ to: "bob", text: "New: ACME (hot)", texts: { en: "New: ACME (hot)", ru: "Новая" }, deal: "deal-1" }]);
  });

  it("webhook: retried with backoff until delivered, with one idempotency key", async () => {
    let calls = 0;
    const keys: string[] = [];
    const { engine, clock } = testEngine(on("lead", [{ id: "wh", type: "webhook", params: { url: "https://crm.example.com/hook", method: "POST", body: { title: "{{deal.title}}" } } }]), {
      deliver: (e) => { keys.push(e.key); if (++calls < 3) throw new Error("503"); },
    });
    await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    await engine.tick();
    await engine.tick();
    clock.advance("PT1M");
    await engine.tick();
    clock.advance("PT2M");
    await engine.tick();
    expect(calls).toBe(3);
    expect(new Set(keys)).toEqual(new Set(["deal-1:1:wh"]));
  });
});

describe("trigger types", () => {
  const cases: [string, Trigger, (engine: ReturnType<typeof testEngine>["engine"], id: string) => Promise<unknown>][] = [
    ["taskCompleted", { id: "tc", type: "taskCompleted", params: { robot: "call" } }, async (e, id) => e.completeTask((await e.tasks({ deal: id }))[0]!.id, { actor: ann })],
    ["fieldChanged", { id: "fc", type: "fieldChanged", params: { fields: ["note"] }, condition: { "==": [{ var: "event.new" }, "go"] } }, (e, id) => e.updateDeal(id, { note: "go" }, { actor: ann })],
    ["activity", { id: "ac", type: "activity", params: { types: ["meeting"] } }, (e, id) => e.logActivity(id, { type: "meeting", actor: ann })],
    ["webhook", { id: "wh", type: "webhook", params: {} }, (e, id) => e.receiveWebhook("wh", { dealId: id })],
    ["overdue", { id: "od", type: "overdue", params: {} }, async (e) => { await e.tick(new Date("2026-03-10T00:00:00Z")); }],
  ];
  it.each(cases)("%s pulls the deal forward", async (_name, trigger, act) => {
    let bp = on("lead", [{ id: "call", type: "createTask", params: { title: "Call", responsible: { kind: "dealResponsible" }, deadline: { after: "P1D" } } }]);
    bp = withStage(bp, "sales", "proposal", { triggers: [trigger] });
    const { engine } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    await act(engine, d.id);
    expect((await engine.deal(d.id)).record.stage).toBe("proposal");
    expect((await engine.history(d.id)).some((h) => h.type === "trigger.fired" && h.data["trigger"] === trigger.id)).toBe(true);
  });

  it("two answers to one survey at once: one is recorded, the other is told it was answered (regression: a retried step reused the stale survey)", async () => {
    const { engine, store } = testEngine(on("won", [{ id: "s", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "link" } }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", fields: { email: "a@b.ru" } });
    await engine.move(d.id, "won", { actor: ann });
    const results = await Promise.allSettled([engine.answerSurvey("token-1", { score: 9 }), engine.answerSurvey("token-1", { score: 2 })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as EngineError).code).toBe("SURVEY_ANSWERED");
    expect((await store.history({ deal: d.id, types: ["survey.answered"] }))).toHaveLength(1);
  });

  it("surveyAnswered pulls a deal on a promoter's answer", async () => {
    let bp = on("proposal", [{ id: "s", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "link" } }]);
    bp = withStage(bp, "sales", "contract", { triggers: [] });
    bp.pipelines[0]!.stages[2]!.robots = [];
    bp = withStage(bp, "sales", "contract", { triggers: [{ id: "sa", type: "surveyAnswered", params: { survey: "nps" }, condition: { "==": [{ var: "event.band" }, "promoter"] } }] });
    const { engine } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", stage: "proposal", title: "A", responsible: "ann", fields: { email: "a@b.ru" } });
    await engine.answerSurvey("token-1", { score: 10 });
    expect((await engine.deal(d.id)).record.stage).toBe("contract");
  });

  it("a webhook trigger whose stage the deal is past does not fire and says so", async () => {
    const { engine } = testEngine(on("lead", [], [], withStage(testBlueprint(), "sales", "proposal", { triggers: [{ id: "wh", type: "webhook", params: {} }] })));
    const d = await engine.createDeal({ pipeline: "sales", stage: "proposal", title: "A", responsible: "ann" });
    expect((await engine.receiveWebhook("wh", { dealId: d.id })).fired).toBe(false);
  });
});

describe("delay kinds", () => {
  it.each([
    [{ after: "PT3H" }, {}, "2026-03-02T12:00:00.000Z"],
    [{ after: "PT10H", workingTime: true }, {}, "2026-03-03T10:00:00.000Z"],
    [{ field: "eventDate", offset: "-P1D", time: "10:00" }, { eventDate: "2026-03-20" }, "2026-03-19T07:00:00.000Z"],
    [{ at: "2026-04-01T12:00:00+03:00" }, {}, "2026-04-01T09:00:00.000Z"],
  ])("delay %j", async (delay, fields, dueAt) => {
    const { engine } = testEngine(on("lead", [{ id: "later", type: "createTask", delay, params: { title: "Later", responsible: { kind: "dealResponsible" } } } as Robot]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", fields });
    expect((await engine.deal(d.id)).timers.map((t) => t.dueAt)).toEqual([dueAt]);
  });

  it("a field-relative delay waits for the field and is rescheduled when it changes", async () => {
    const { engine } = testEngine(on("lead", [{ id: "later", type: "createTask", delay: { field: "eventDate", offset: "-P2D" }, params: { title: "Prepare", responsible: { kind: "dealResponsible" } } }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect((await engine.deal(d.id)).timers.map((t) => t.dueAt)).toEqual([null]);
    await engine.updateDeal(d.id, { eventDate: "2026-03-20" }, { actor: ann });
    expect((await engine.deal(d.id)).timers.map((t) => t.dueAt)).toEqual(["2026-03-18T06:00:00.000Z"]);
  });

  it("a due timer whose robot was removed by a publish is dropped with robot-removed", async () => {
    const bp = on("lead", [{ id: "later", type: "createTask", delay: { after: "PT1H" }, params: { title: "L", responsible: { kind: "dealResponsible" } } }]);
    const { engine, clock } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    await engine.publish(testBlueprint());
    clock.advance("PT2H");
    await engine.tick();
    expect((await engine.history(d.id)).at(-1)).toMatchObject({ type: "timer.dropped", data: { reason: "robot-removed" } });
    expect(await engine.tasks({ deal: d.id })).toEqual([]);
  });
});

describe("deadline kinds", () => {
  it.each([
    [{ after: "P2D" }, {}, "2026-03-04T09:00:00.000Z"],
    [{ after: "PT9H", workingTime: true }, {}, "2026-03-03T09:00:00.000Z"], // Mon 12:00 MSK + 6h today + 3h Tue,
    [{ field: "eventDate", offset: "-P3D", workingTime: true }, { eventDate: "2026-03-13" }, "2026-03-10T06:00:00.000Z"],
    [{ at: "2026-03-31T18:00:00+03:00" }, {}, "2026-03-31T15:00:00.000Z"],
  ])("deadline %j", async (deadline, fields, due) => {
    const { engine } = testEngine(on("lead", [{ id: "t", type: "createTask", params: { title: "T", responsible: { kind: "dealResponsible" }, deadline } } as Robot]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", fields });
    expect((await engine.tasks({ deal: d.id }))[0]!.deadline).toBe(due);
  });

  it("afterEvent: no deadline until the first matching event, then event time + after", async () => {
    const { engine, clock } = testEngine(on("lead", [{ id: "t", type: "createTask", params: { title: "Follow up", responsible: { kind: "dealResponsible" }, deadline: { afterEvent: { type: "activity", match: { "==": [{ var: "event.activityType" }, "meeting"] } }, after: "PT4H" } } }]));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect((await engine.tasks({ deal: d.id }))[0]!.deadline).toBeUndefined();
    await engine.logActivity(d.id, { type: "call", actor: ann });
    expect((await engine.tasks({ deal: d.id }))[0]!.deadline).toBeUndefined();
    clock.advance("PT1H");
    await engine.logActivity(d.id, { type: "meeting", actor: ann });
    expect((await engine.tasks({ deal: d.id }))[0]!.deadline).toBe("2026-03-02T14:00:00.000Z");
    expect((await engine.explain(d.id)).openTasks[0]!.deadline).toBe("2026-03-02T14:00:00.000Z");
  });
});

describe("error codes", () => {
  const cases: [EngineErrorCode, () => Promise<unknown>][] = [
    ["NOT_FOUND", async () => testEngine(testBlueprint()).engine.move("nope", "lead", { actor: ann })],
    ["VALIDATION_FAILED", async () => testEngine(testBlueprint()).engine.createDeal({ pipeline: "sales", title: "x", responsible: "ann", amount: -1 })],
    ["MOVE_BLOCKED", async () => { const { engine } = testEngine(testBlueprint()); const d = await engine.createDeal({ pipeline: "sales", title: "x", responsible: "ann" }); return engine.move(d.id, "lost", { actor: ann }); }],
    ["FINAL_STAGE", async () => { const { engine } = testEngine(testBlueprint()); const d = await engine.createDeal({ pipeline: "sales", stage: "won", title: "x", responsible: "ann" }); return engine.move(d.id, "lead", { actor: ann }); }],
    ["NOT_FINAL", async () => { const { engine } = testEngine(testBlueprint()); const d = await engine.createDeal({ pipeline: "sales", title: "x", responsible: "ann" }); return engine.reopen(d.id, "lead", { reason: "r", actor: ann }); }],
    ["REASON_REQUIRED", async () => { const { engine } = testEngine(testBlueprint()); const d = await engine.createDeal({ pipeline: "sales", stage: "won", title: "x", responsible: "ann" }); return engine.reopen(d.id, "lead", { reason: "", actor: ann }); }],
    ["TASK_CLOSED", async () => {
      const { engine } = testEngine(on("lead", [{ id: "t", type: "createTask", params: { title: "T", responsible: { kind: "dealResponsible" } } }]));
      const d = await engine.createDeal({ pipeline: "sales", title: "x", responsible: "ann" });
      const [t] = await engine.tasks({ deal: d.id });
      await engine.completeTask(t!.id, { actor: ann });
      return engine.completeTask(t!.id, { actor: ann });
    }],
    ["VERSION_CONFLICT", async () => { const { engine } = testEngine(testBlueprint()); const d = await engine.createDeal({ pipeline: "sales", title: "x", responsible: "ann" }); return engine.updateDeal(d.id, { note: "n" }, { actor: ann, expectedVersion: 7 }); }],
    ["BLUEPRINT_INVALID", async () => testEngine(testBlueprint()).engine.publish({ format: "voronka.blueprint/v1" })],
    ["MAPPING_REQUIRED", async () => {
      const { engine } = testEngine(testBlueprint());
      await engine.createDeal({ pipeline: "sales", stage: "proposal", title: "x", responsible: "ann" });
      const bp = testBlueprint();
      bp.pipelines[0]!.stages.splice(1, 1);
      return engine.publish(bp);
    }],
    ["UNKNOWN_TRIGGER_TYPE", async () => { const { engine } = testEngine(testBlueprint()); const d = await engine.createDeal({ pipeline: "sales", title: "x", responsible: "ann" }); return engine.signal(d.id, { type: "nope" }); }],
    ["NO_BLUEPRINT", async () => createEngine({ store: createMemoryStore() }).createDeal({ pipeline: "sales", title: "x", responsible: "ann" })],
  ];
  it.each(cases)("%s", async (code, run) => {
    expect(await codeOf(run())).toBe(code);
  });

  it("MAPPING_REQUIRED names the stages and counts; a mapping moves the deals by: publish", async () => {
    const { engine } = testEngine(testBlueprint());
    const d = await engine.createDeal({ pipeline: "sales", stage: "proposal", title: "x", responsible: "ann" });
    const bp = testBlueprint();
    bp.pipelines[0]!.stages.splice(1, 1);
    const e = await engine.publish(bp).catch((err: EngineError) => err);
    expect((e as EngineError).details).toEqual({ stages: [{ ref: "sales/proposal", deals: 1 }] });
    await engine.publish(bp, { mapping: { "sales/proposal": "sales/lead" } });
    expect((await engine.deal(d.id)).record.stage).toBe("lead");
    expect((await engine.history(d.id)).at(-1)).toMatchObject({ type: "deal.moved", data: { from: "sales/proposal", to: "lead", by: "publish" }, actor: { system: "publish" } });
  });
});

describe("several processes on one store", () => {
  it("a worker with an older blueprint reloads before firing a deadline in a newly published pipeline (regression)", async () => {
    const { store, engine: api, clock } = testEngine(testBlueprint());
    await api.compiled();
    const worker = createEngine({ store, clock });
    await worker.compiled();
    const bp = testBlueprint();
    bp.pipelines.push({ id: "fresh", label: "Fresh", stages: [
      { id: "open", label: "Open", kind: "process", triggers: [], robots: [{ id: "call", type: "createTask", params: { title: "Call", responsible: { kind: "dealResponsible" }, deadline: { after: "PT1H" } } }] },
      { id: "done", label: "Done", kind: "success", robots: [], triggers: [] },
      { id: "gone", label: "Gone", kind: "failure", robots: [], triggers: [] },
    ] });
    await api.publish(bp);
    const d = await api.createDeal({ pipeline: "fresh", title: "D", responsible: "ann" });
    clock.advance("PT2H");
    expect((await worker.tick()).timers).toBe(1);
    expect((await api.history(d.id)).some((h) => h.type === "task.overdue")).toBe(true);
  });
});
