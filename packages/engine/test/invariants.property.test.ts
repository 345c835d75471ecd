/**
 * Property tests: random valid blueprints and random event sequences keep DESIGN.md's semantics.
 * One stage at a time; guards hold on every path; a stale timer never fires; robots run once per
 * entry; final stages stay final unless reopened; a refused command changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Blueprint, Robot, Stage, Trigger } from "../src/blueprint/blueprint.schema";
import { EngineError } from "../src/errors";
import { validateBlueprint } from "../src/lint";
import type { HistoryRow } from "../src/store/records";
import { testEngine } from "../src/testing";

const FIELDS = ["f1", "f2", "f3"] as const;

const conditionArb = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 3000 }).map((n) => ({ ">=": [{ var: "deal.amount" }, n] })),
  fc.constantFrom(...FIELDS).map((f) => ({ "!!": [{ var: `deal.fields.${f}` }] })),
);

function robotArb(stageIndex: number, stageCount: number) {
  return fc.tuple(
    fc.constantFrom("createTask", "setField", "changeStage", "requireFields", "delayedTask"),
    conditionArb,
    fc.constantFrom(...FIELDS),
    fc.integer({ min: 0, max: stageCount - 1 }),
    fc.constantFrom("PT1H", "PT3H", "P1D"),
  ).map(([type, condition, field, target, after]): Omit<Robot, "id"> => {
    const c = condition === undefined ? {} : { condition };
    switch (type) {
      case "createTask":
        return { type, params: { title: "t", responsible: { kind: "dealResponsible" }, deadline: { after } }, ...c };
      case "delayedTask":
        return { type: "createTask", delay: { after }, params: { title: "later", responsible: { kind: "dealResponsible" } }, ...c };
      case "setField":
        return { type, params: { field, value: "x" }, ...c };
      case "changeStage":
        return { type, params: { stage: `s${target === stageIndex ? (target + 1) % stageCount : target}` }, ...c };
      default:
        return { type: "requireFields", params: { fields: [field], scope: "enter" }, ...c };
    }
  });
}

function triggerArb(stageCount: number) {
  return fc.tuple(fc.constantFrom("activity", "fieldChanged", "taskCompleted", "overdue"), fc.boolean(), conditionArb, fc.constantFrom(...FIELDS))
    .map(([type, allowBackward, condition, field]): Omit<Trigger, "id"> => ({
      type,
      params: type === "activity" ? { types: ["call"] } : type === "fieldChanged" ? { fields: [field] } : {},
      ...(allowBackward ? { allowBackward } : {}),
      ...(condition === undefined ? {} : { condition }),
    }));
  void stageCount;
}

const blueprintArb = fc.integer({ min: 2, max: 5 }).chain((n) => {
  const stageCount = n + 2;
  return fc.tuple(
    ...Array.from({ length: stageCount }, (_, i) => fc.tuple(
      fc.array(robotArb(i, n), { maxLength: 3 }),
      fc.array(triggerArb(n), { maxLength: 2 }),
    )),
  ).map((perStage): Blueprint => {
    let robotId = 0;
    let triggerId = 0;
    const stages: Stage[] = perStage.map(([robots, triggers], i) => ({
      id: i < n ? `s${i}` : i === n ? "won" : "lost",
      label: `Stage ${i}`,
      kind: i < n ? "process" : i === n ? "success" : "failure",
      robots: robots.map((r) => ({ ...r, id: `r${robotId++}` }) as Robot),
      triggers: i === 0 ? [] : triggers.map((t) => ({ ...t, id: `t${triggerId++}` }) as Trigger),
    }));
    return {
      format: "voronka.blueprint/v1", id: "prop", name: "Property", activityTypes: [{ id: "call", label: "Call" }],
      fields: FIELDS.map((id) => ({ id, label: id, type: "string" as const })), surveys: [], calendars: [],
      pipelines: [{ id: "p", label: "P", stages }],
    };
  });
});

type Op =
  | { op: "move"; stage: number; fill: boolean }
  | { op: "update"; field: string; value: string | null }
  | { op: "complete"; pick: number }
  | { op: "activity" }
  | { op: "tick"; hours: number }
  | { op: "reopen"; stage: number }
  | { op: "reschedule"; pick: number; reason: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("move" as const), stage: fc.integer({ min: 0, max: 6 }), fill: fc.boolean() }),
  fc.record({ op: fc.constant("update" as const), field: fc.constantFrom(...FIELDS), value: fc.constantFrom("a", "b", null) }),
  fc.record({ op: fc.constant("complete" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("activity" as const) }),
  fc.record({ op: fc.constant("tick" as const), hours: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant("reopen" as const), stage: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant("reschedule" as const), pick: fc.nat(), reason: fc.boolean() }),
);

/** Replays a deal's history and checks the per-entry invariants. */
function checkHistory(bp: Blueprint, rows: HistoryRow[]): void {
  const stages = new Map(bp.pipelines[0]!.stages.map((s) => [s.id, s]));
  const robotStage = new Map(bp.pipelines[0]!.stages.flatMap((s) => s.robots.map((r) => [r.id, s.id] as const)));
  let stage: string | null = null;
  let ranThisEntry = new Set<string>();
  for (const row of rows) {
    if (row.type === "deal.created") { stage = String(row.data["stage"]); ranThisEntry = new Set(); continue; }
    if (row.type === "deal.moved") {
      const from = stages.get(String(row.data["from"]));
      if (from && from.kind !== "process") expect(["reopen", "publish"], "final stages stay final unless reopened").toContain(row.data["by"]);
      stage = String(row.data["to"]);
      ranThisEntry = new Set();
      continue;
    }
    if (row.type === "robot.ran") {
      const robot = String(row.data["robot"]);
      expect(robotStage.get(robot), "a robot runs only while the deal is in its stage").toBe(stage);
      expect(ranThisEntry.has(robot), "a robot runs once per entry").toBe(false);
      ranThisEntry.add(robot);
    }
  }
}

describe("engine invariants (property)", () => {
  it("random blueprints and event sequences keep the semantics", async () => {
    const seen = { runs: 0, moved: 0, robots: 0, refused: 0, timers: 0 };
    await fc.assert(
      fc.asyncProperty(blueprintArb, fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 3000 }), async (bp, ops, amount) => {
        const valid = validateBlueprint(bp);
        fc.pre(valid.ok);
        const { engine, clock, store } = testEngine(bp);
        seen.runs++;
        const stageIds = bp.pipelines[0]!.stages.map((s) => s.id);
        const pipelineStages = new Map(bp.pipelines[0]!.stages.map((s) => [s.id, s]));
        let dealId: string;
        try {
          dealId = (await engine.createDeal({ pipeline: "p", title: "D", responsible: "ann", amount, fields: { f1: "v" } })).id;
        } catch (e) {
          expect(e).toBeInstanceOf(EngineError);
          expect(await store.deals({}), "a refused creation stores nothing").toEqual([]);
          return;
        }
        for (const op of ops) {
          const before = await engine.deal(dealId);
          const historyBefore = (await engine.history(dealId)).length;
          const actor = { user: "ann" };
          const tasks = (await engine.tasks({ deal: dealId, status: "open" }));
          try {
            switch (op.op) {
              case "move": {
                const to = stageIds[op.stage % stageIds.length]!;
                const fields = op.fill ? Object.fromEntries(FIELDS.map((f) => [f, "filled"])) : undefined;
                await engine.move(dealId, to, { actor, ...(fields ? { fields } : {}) });
                break;
              }
              case "update": await engine.updateDeal(dealId, { [op.field]: op.value }, { actor }); break;
              case "complete": if (tasks.length) await engine.completeTask(tasks[op.pick % tasks.length]!.id, { actor }); break;
              case "activity": await engine.logActivity(dealId, { type: "call", actor }); break;
              case "tick": clock.advance(op.hours * 3_600_000); await engine.tick(); break;
              case "reopen": await engine.reopen(dealId, stageIds[op.stage % stageIds.length]!, { reason: "again", actor }); break;
              case "reschedule":
                if (tasks.length) await engine.rescheduleTask(tasks[op.pick % tasks.length]!.id, { deadline: "2026-04-01T09:00:00Z", ...(op.reason ? { reason: "r" } : {}), actor });
                break;
            }
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(EngineError);
            seen.refused++;
            const after = await engine.deal(dealId);
            expect(after.record, "a refused command changes nothing").toEqual(before.record);
            expect((await engine.history(dealId)).length).toBe(historyBefore);
            expect(after.timers).toEqual(before.timers);
          }
          const now = (await engine.deal(dealId)).record;
          const st = pipelineStages.get(now.stage);
          expect(st, "one stage of its pipeline at a time").toBeDefined();
          expect(now.status).toBe(st!.kind === "process" ? "open" : st!.kind === "success" ? "won" : "lost");
          if (now.stage !== before.record.stage) {
            for (const g of st!.robots.filter((r) => r.type === "requireFields" && r.condition === undefined)) {
              for (const f of (g.params as { fields: string[] }).fields) {
                expect(now.fields[f], `guards hold: '${f}' is required to enter ${now.stage}`).toBeTruthy();
              }
            }
          }
          for (const t of (await engine.deal(dealId)).timers) {
            if (t.kind === "robot") expect(t.entry, "pending robot timers belong to the current entry").toBe(now.entry);
          }
        }
        for (const d of await store.deals({})) {
          const rows = await engine.history(d.id);
          checkHistory(bp, rows);
          seen.moved += rows.filter((r) => r.type === "deal.moved").length;
          seen.robots += rows.filter((r) => r.type === "robot.ran").length;
          seen.timers += rows.filter((r) => r.actor && "system" in r.actor && r.actor.system === "timer").length;
        }
      }),
      { numRuns: 150 },
    );
    // The generators must exercise the engine, or the property proves nothing.
    expect(seen.runs).toBeGreaterThan(75);
    for (const k of ["moved", "robots", "refused", "timers"] as const) expect(seen[k], k).toBeGreaterThan(20);
  }, 120_000);
});
