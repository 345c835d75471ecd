import { describe, expect, it } from "vitest";
import { EngineError } from "../src/errors";
import { testBlueprint, testEngine, withStage } from "../src/testing";
import type { Blueprint } from "../src/blueprint/blueprint.schema";

const ann = { user: "ann" };

async function refused(p: Promise<unknown>): Promise<EngineError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(EngineError);
  return e as EngineError;
}

function withTask(bp: Blueprint, stageId: string, robotId: string, extra: Record<string, unknown> = {}): Blueprint {
  return withStage(bp, "sales", stageId, {
    robots: [{ id: robotId, type: "createTask", params: { title: { en: `Do ${stageId}`, ru: `Сделать ${stageId}` }, responsible: { kind: "dealResponsible" }, deadline: { after: "P1D" }, ...extra } }],
  });
}

describe("creating deals", () => {
  it("creates a deal in the first process stage, runs its robots and writes deal.created", async () => {
    const { engine } = testEngine(withTask(testBlueprint(), "lead", "callLead"));
    const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann", amount: 5000 });
    expect(deal).toMatchObject({ stage: "lead", status: "open", version: 1, amount: 5000, currency: "RUB" });
    const history = await engine.history(deal.id);
    expect(history.map((h) => h.type)).toEqual(["deal.created", "robot.ran", "task.created"]);
    const tasks = await engine.tasks({ deal: deal.id });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ responsible: "ann", deadline: "2026-03-03T09:00:00.000Z", status: "open" });
  });

  it("refuses creation in a stage whose enter guard is unmet, naming the field, and stores nothing", async () => {
    const { engine, store } = testEngine(testBlueprint());
    const e = await refused(engine.createDeal({ pipeline: "sales", stage: "contract", title: "X", responsible: "ann" }));
    expect(e.code).toBe("MOVE_BLOCKED");
    expect(e.details["missing"]).toEqual(["contractNo"]);
    expect(await store.deals({})).toEqual([]);
  });

  it.each([
    [{ pipeline: "nope", title: "x", responsible: "ann" }, "NOT_FOUND"],
    [{ pipeline: "sales", stage: "nope", title: "x", responsible: "ann" }, "NOT_FOUND"],
    [{ pipeline: "sales", title: "", responsible: "ann" }, "VALIDATION_FAILED"],
    [{ pipeline: "sales", title: "x", responsible: "ann", fields: { unknown: 1 } }, "VALIDATION_FAILED"],
    [{ pipeline: "sales", title: "x", responsible: "ann", fields: { eventDate: "tomorrow" } }, "VALIDATION_FAILED"],
    [{ pipeline: "sales", title: "x", responsible: "ann", fields: JSON.parse('{"__proto__": {"polluted": 1}}') }, "VALIDATION_FAILED"],
  ])("refuses bad input %j with %s", async (input, code) => {
    const { engine } = testEngine(testBlueprint());
    expect((await refused(engine.createDeal(input as never))).code).toBe(code);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("moves and guards", () => {
  it("moves manually, cancels the previous stage's robot tasks and runs the new stage's robots", async () => {
    const bp = withTask(withTask(testBlueprint(), "lead", "callLead"), "proposal", "sendCp");
    const { engine } = testEngine(bp);
    const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann" });
    const moved = await engine.move(deal.id, "proposal", { actor: ann });
    expect(moved).toMatchObject({ stage: "proposal", version: 2, entry: 2 });
    const tasks = await engine.tasks({ deal: deal.id });
    expect(tasks).toHaveLength(2);
    expect(tasks.map((t) => [t.robot, t.status])).toEqual(expect.arrayContaining([["callLead", "cancelled"], ["sendCp", "open"]]));
    const types = (await engine.history(deal.id)).map((h) => h.type);
    expect(types).toContain("task.cancelled");
    expect(types.slice(-3)).toEqual(["deal.moved", "robot.ran", "task.created"]);
  });

  it("keeps a task with keepOnExit open after the deal leaves", async () => {
    const { engine } = testEngine(withTask(testBlueprint(), "lead", "callLead", { keepOnExit: true }));
    const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann" });
    await engine.move(deal.id, "proposal", { actor: ann });
    expect((await engine.tasks({ deal: deal.id, status: "open" })).map((t) => t.robot)).toEqual(["callLead"]);
  });

  it("refuses a move blocked by requireFields with the missing fields, then moves with them in one request", async () => {
    const { engine } = testEngine(testBlueprint());
    const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann" });
    const e = await refused(engine.move(deal.id, "contract", { actor: ann }));
    expect(e.code).toBe("MOVE_BLOCKED");
    expect(e.details).toEqual({ to: "contract", missing: ["contractNo"] });
    expect(e.message).toContain("Contract number");
    expect((await engine.deal(deal.id)).record.version).toBe(1);
    const moved = await engine.move(deal.id, "contract", { actor: ann, fields: { contractNo: "C-1" } });
    expect(moved).toMatchObject({ stage: "contract", fields: { contractNo: "C-1" } });
  });

  it("applies leave guards forward but never on the way to failure", async () => {
    const bp = withStage(testBlueprint(), "sales", "proposal", { robots: [{ id: "leaveNote", type: "requireFields", params: { fields: ["note"], scope: "leave" } }] });
    const { engine } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", stage: "proposal", title: "A", responsible: "ann" });
    expect((await refused(engine.move(d.id, "won", { actor: ann }))).details["missing"]).toEqual(["note"]);
    expect((await engine.move(d.id, "lead", { actor: ann })).stage).toBe("lead");
    await engine.move(d.id, "proposal", { actor: ann });
    expect((await engine.move(d.id, "lost", { actor: ann, fields: { lossReason: "expensive" } })).status).toBe("lost");
  });

  it("keeps final stages final until a reopen with a reason", async () => {
    const { engine } = testEngine(testBlueprint());
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    await engine.move(d.id, "won", { actor: ann });
    expect((await refused(engine.move(d.id, "lead", { actor: ann }))).code).toBe("FINAL_STAGE");
    expect((await refused(engine.reopen(d.id, "proposal", { reason: " ", actor: { user: "sue" } }))).code).toBe("REASON_REQUIRED");
    const reopened = await engine.reopen(d.id, "proposal", { reason: "client came back", actor: { user: "sue" } });
    expect(reopened).toMatchObject({ stage: "proposal", status: "open" });
    expect(reopened.closedAt).toBeUndefined();
    const h = await engine.history(d.id);
    expect(h.find((r) => r.type === "deal.reopened")).toMatchObject({ actor: { user: "sue" }, data: { reason: "client came back" } });
  });

  it("enforces declared transitions and their guards", async () => {
    const bp = testBlueprint();
    bp.pipelines[0]!.transitions = [
      { from: "lead", to: "proposal" },
      { from: "proposal", to: "contract" },
      { from: "proposal", to: "won", guard: { ">": [{ var: "deal.amount" }, 0] }, label: "has an amount" },
      { from: "*", to: "lost" },
    ];
    bp.pipelines[0]!.stages[2]!.robots = [];
    const { engine } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect((await refused(engine.move(d.id, "won", { actor: ann }))).code).toBe("TRANSITION_NOT_ALLOWED");
    await engine.move(d.id, "proposal", { actor: ann });
    const e = await refused(engine.move(d.id, "won", { actor: ann }));
    expect(e.code).toBe("MOVE_BLOCKED");
    expect(e.details["guard"]).toBe("has an amount");
    expect((await engine.move(d.id, "won", { actor: ann, fields: { amount: 10 } })).status).toBe("won");
  });

  it("refuses a stale expected version with VERSION_CONFLICT and changes nothing", async () => {
    const { engine } = testEngine(testBlueprint());
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    await engine.updateDeal(d.id, { note: "x" }, { actor: ann, expectedVersion: 1 });
    expect((await refused(engine.updateDeal(d.id, { note: "y" }, { actor: ann, expectedVersion: 1 }))).code).toBe("VERSION_CONFLICT");
    expect((await engine.deal(d.id)).record.fields["note"]).toBe("x");
  });
});

describe("robots", () => {
  it("skips a robot whose condition is false and says which condition", async () => {
    const cond = { ">=": [{ var: "deal.amount" }, 100000] };
    const bp = withStage(testBlueprint(), "sales", "proposal", {
      robots: [{ id: "bigCp", type: "createTask", condition: cond, params: { title: "Prepare the CP", responsible: { kind: "dealResponsible" } } }],
    });
    const { engine } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", amount: 500 });
    await engine.move(d.id, "proposal", { actor: ann });
    const skipped = (await engine.history(d.id)).find((h) => h.type === "robot.skipped");
    expect(skipped!.data).toEqual({ robot: "bigCp", reason: "condition-false", condition: cond });
    const why = await engine.explain(d.id);
    expect(why.skippedRobots).toEqual([{ robot: "bigCp", reason: "condition-false", condition: cond }]);
    expect(why.text.join(" ")).toContain("bigCp");
  });

  it("runs a delayed robot from a durable timer, once, and never from an earlier entry", async () => {
    const bp = withStage(testBlueprint(), "sales", "lead", {
      robots: [{ id: "remind", type: "createTask", delay: { after: "PT2H" }, params: { title: "Remind", responsible: { kind: "dealResponsible" } } }],
    });
    const { engine, clock } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect((await engine.deal(d.id)).timers).toHaveLength(1);
    clock.advance("PT3H");
    expect((await engine.tick()).timers).toBe(1);
    expect((await engine.tick()).timers).toBe(0);
    expect((await engine.tasks({ deal: d.id })).map((t) => t.robot)).toEqual(["remind"]);

    const d2 = await engine.createDeal({ pipeline: "sales", title: "B", responsible: "ann" });
    await engine.move(d2.id, "proposal", { actor: ann });
    await engine.move(d2.id, "lead", { actor: ann });
    expect((await engine.deal(d2.id)).timers).toHaveLength(1);
    clock.advance("PT3H");
    await engine.tick();
    expect((await engine.tasks({ deal: d2.id })).map((t) => t.robot)).toEqual(["remind"]);
  });

  it("makes a task overdue when its deadline passes and fires overdue triggers", async () => {
    let bp = withTask(testBlueprint(), "lead", "callLead");
    bp = withStage(bp, "sales", "proposal", { triggers: [{ id: "escalate", type: "overdue", params: { robot: "callLead" } }] });
    const { engine, clock } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    clock.advance("P2D");
    await engine.tick();
    const types = (await engine.history(d.id)).map((h) => h.type);
    expect(types).toEqual(expect.arrayContaining(["task.overdue", "trigger.fired", "deal.moved"]));
    expect((await engine.deal(d.id)).record.stage).toBe("proposal");
  });

  it("refuses a reschedule without a reason and records one with it", async () => {
    const { engine } = testEngine(withTask(testBlueprint(), "lead", "callLead"));
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    const [task] = await engine.tasks({ deal: d.id });
    expect((await refused(engine.rescheduleTask(task!.id, { deadline: "2026-03-05T09:00:00Z", actor: ann }))).code).toBe("REASON_REQUIRED");
    await engine.rescheduleTask(task!.id, { deadline: "2026-03-05T09:00:00Z", reason: "client on holiday", actor: ann });
    const t = (await engine.tasks({ deal: d.id }))[0]!;
    expect(t).toMatchObject({ deadline: "2026-03-05T09:00:00.000Z", reschedules: 1 });
    const row = (await engine.history(d.id)).find((h) => h.type === "task.rescheduled");
    expect(row!.data).toEqual({ task: t.id, from: "2026-03-03T09:00:00.000Z", to: "2026-03-05T09:00:00.000Z", reason: "client on holiday" });
    expect((await engine.deal(d.id)).timers.map((x) => x.dueAt)).toEqual(["2026-03-05T09:00:00.000Z"]);
  });

  it("copies a deal through a tunnel on failure, in the same commit, with the carried fields", async () => {
    const bp = withStage(testBlueprint(), "sales", "lost", {
      robots: [{ id: "toWarmup", type: "copyToTunnel", params: { pipeline: "warmup", stage: "nurture", mode: "copy", carry: ["segment"] } }],
    });
    const { engine, store } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", fields: { segment: "b2b", note: "n" } });
    await engine.move(d.id, "lost", { actor: ann, fields: { lossReason: "competitor" } });
    const copies = await store.deals({ pipeline: "warmup" });
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ stage: "nurture", sourceDeal: d.id, fields: { segment: "b2b" } });
    const created = (await engine.history(copies[0]!.id))[0]!;
    expect(created.data).toEqual({ pipeline: "warmup", stage: "nurture", by: "tunnel", source: d.id });
    expect((await engine.history(d.id)).find((h) => h.type === "deal.copied")!.data).toMatchObject({ toDeal: copies[0]!.id, mode: "copy" });
  });

  it("sends a survey, takes its answer once, and fires surveyAnswered triggers", async () => {
    const bp = withStage(testBlueprint(), "sales", "won", {
      robots: [{ id: "nps", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "link" } }],
    });
    const delivered: unknown[] = [];
    const { engine } = testEngine(bp, { deliver: (e) => { delivered.push(e); } });
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann", fields: { email: "c@x.ru" } });
    await engine.move(d.id, "won", { actor: ann });
    const sent = (await engine.history(d.id)).find((h) => h.type === "survey.sent")!;
    const token = sent.data["token"] as string;
    await engine.tick();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ kind: "survey", key: `${d.id}:2:nps`, payload: { token, recipient: "c@x.ru" } });
    expect((await refused(engine.answerSurvey(token, { score: 11 }))).code).toBe("VALIDATION_FAILED");
    await engine.answerSurvey(token, { score: 9, reason: "fast" });
    expect((await refused(engine.answerSurvey(token, { score: 3 }))).code).toBe("SURVEY_ANSWERED");
    expect((await refused(engine.answerSurvey("bogus", { score: 3 }))).code).toBe("NOT_FOUND");
    expect((await engine.history(d.id)).find((h) => h.type === "survey.answered")!.data).toMatchObject({ score: 9, band: "promoter", reason: "fast" });
  });
});

describe("triggers and cascades", () => {
  it("pulls a deal forward on a matching trigger; the furthest stage wins; never backward without allowBackward", async () => {
    let bp = testBlueprint();
    bp = withStage(bp, "sales", "proposal", { triggers: [{ id: "callToProposal", type: "activity", params: { types: ["call"] } }] });
    bp = withStage(bp, "sales", "won", { triggers: [{ id: "bigCallWins", type: "activity", params: { types: ["call"] }, condition: { ">": [{ var: "deal.amount" }, 1000] } }] });
    const { engine } = testEngine(bp);
    const small = await engine.createDeal({ pipeline: "sales", title: "S", responsible: "ann", amount: 10 });
    const big = await engine.createDeal({ pipeline: "sales", title: "B", responsible: "ann", amount: 5000 });
    expect((await engine.logActivity(small.id, { type: "call", actor: ann })).stage).toBe("proposal");
    expect((await engine.logActivity(big.id, { type: "call", actor: ann })).stage).toBe("won");
    const back = await engine.createDeal({ pipeline: "sales", title: "C", stage: "contract", responsible: "ann", fields: { contractNo: "1" } });
    expect((await engine.logActivity(back.id, { type: "call", actor: ann })).stage).toBe("contract");
  });

  it("refuses the whole step past the cascade limit and changes nothing", async () => {
    let bp = testBlueprint();
    // A loop the linter cannot see (it runs through field changes and triggers): only the runtime stops it.
    const grow = { field: "note", expression: { cat: [{ var: "deal.fields.note" }, "x"] } };
    bp = withStage(bp, "sales", "lead", {
      robots: [{ id: "growLead", type: "setField", params: grow }],
      triggers: [{ id: "backToLead", type: "fieldChanged", params: { fields: ["note"] }, allowBackward: true }],
    });
    bp = withStage(bp, "sales", "proposal", {
      robots: [{ id: "growProposal", type: "setField", params: grow }],
      triggers: [{ id: "onToProposal", type: "fieldChanged", params: { fields: ["note"] } }],
    });
    const { engine, store } = testEngine(bp);
    const e = await refused(engine.createDeal({ pipeline: "sales", title: "Loop", responsible: "ann" }));
    expect(e.code).toBe("CASCADE_LIMIT");
    expect(await store.deals({})).toEqual([]);
  });

  it("a setField robot raises fieldChanged, whose trigger moves the deal and skips the rest of the robots", async () => {
    let bp = testBlueprint();
    bp = withStage(bp, "sales", "lead", {
      robots: [
        { id: "mark", type: "setField", params: { field: "segment", value: "b2b" } },
        { id: "later", type: "createTask", params: { title: "never", responsible: { kind: "dealResponsible" } } },
      ],
    });
    bp = withStage(bp, "sales", "proposal", { triggers: [{ id: "onSegment", type: "fieldChanged", params: { fields: ["segment"] }, condition: { "==": [{ var: "event.new" }, "b2b"] } }] });
    const { engine } = testEngine(bp);
    const d = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
    expect(d.stage).toBe("proposal");
    const h = await engine.history(d.id);
    expect(h.find((r) => r.type === "robot.skipped")!.data).toEqual({ robot: "later", reason: "deal-left-stage" });
  });
});

describe("importing historical deals", () => {
  it("imports rows with their timestamps, by: import, no guards and no robots, reporting bad rows", async () => {
    const { engine, store } = testEngine(withTask(testBlueprint(), "lead", "callLead"));
    const res = await engine.importDeals([
      { externalId: "x1", pipeline: "sales", stage: "won", title: "Old win", amount: 900, responsible: "ann", createdAt: "2025-01-10T10:00:00Z", closedAt: "2025-02-01T10:00:00Z", moves: [{ stage: "lead", at: "2025-01-10T10:00:00Z" }, { stage: "proposal", at: "2025-01-15T10:00:00Z" }] },
      { externalId: "x2", pipeline: "sales", stage: "lost", title: "Old loss", responsible: "bob", createdAt: "2025-01-11T10:00:00Z" },
      { pipeline: "sales", stage: "nope", title: "Bad", responsible: "ann", createdAt: "2025-01-11T10:00:00Z" },
      { pipeline: "sales", stage: "lead", title: "Bad date", responsible: "ann", createdAt: "yesterday" },
    ]);
    expect(res.imported).toBe(2);
    expect(res.errors.map((e) => e.index)).toEqual([2, 3]);
    const won = (await store.loadByExternalId("x1"))!.record;
    expect(won).toMatchObject({ status: "won", closedAt: "2025-02-01T10:00:00.000Z", createdAt: "2025-01-10T10:00:00.000Z", amount: 900 });
    const h = await engine.history(won.id);
    expect(h.map((r) => [r.type, r.at, r.data["by"]])).toEqual([
      ["deal.created", "2025-01-10T10:00:00.000Z", "import"],
      ["deal.moved", "2025-01-15T10:00:00.000Z", "import"],
      ["deal.moved", "2025-02-01T10:00:00.000Z", "import"],
    ]);
    expect(await engine.tasks({})).toEqual([]);
    const again = await engine.importDeals([{ externalId: "x1", pipeline: "sales", stage: "lead", title: "dup", responsible: "ann", createdAt: "2025-01-10T10:00:00Z" }]);
    expect(again.imported).toBe(0);
    expect(again.errors[0]!.message).toContain("x1");
  });
});

describe("settings", () => {
  it("reads the host's settings on every step, so a change applies to the next deal", async () => {
    const settings = { timeZone: "Europe/Moscow", currency: "RUB" };
    const { engine } = testEngine(testBlueprint(), { settings });
    expect((await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" })).currency).toBe("RUB");
    settings.currency = "EUR";
    expect((await engine.createDeal({ pipeline: "sales", title: "B", responsible: "ann" })).currency).toBe("EUR");
  });
});
