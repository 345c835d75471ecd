/**
 * Builders for test data: a small valid blueprint, a fake clock, deterministic ids and an engine
 * wired with them. Shared by the engine's tests, the standards' scenarios and the server's tests.
 */
import type { Blueprint, Pipeline, Robot, Stage, Trigger } from "../blueprint/blueprint.schema";
import { createEngine, type Engine, type EngineOptions } from "../runtime/engine";
import type { Ids } from "../runtime/step-state";
import { createMemoryStore } from "../store/memory-store";
import type { Store } from "../store/store";
import { addDuration } from "../time";

/** A clock a test moves by hand. */
export interface FakeClock {
  now(): Date;
  set(at: Date | string): void;
  /** Moves time on by an ISO-8601 duration (`PT1H`, `P2D`) or milliseconds. */
  advance(by: string | number): Date;
}

/** A fake clock starting at `start` (default Monday 2026-03-02 09:00 UTC). */
export function fakeClock(start: Date | string = "2026-03-02T09:00:00.000Z"): FakeClock {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set: (at) => { t = new Date(at); },
    advance: (by) => {
      t = typeof by === "number" ? new Date(t.getTime() + by) : addDuration(t, by, { timeZone: "UTC" });
      return new Date(t);
    },
  };
}

/** Ids `deal-1`, `task-1`, … and tokens `token-1`, … so tests read well. */
export function sequentialIds(): Ids {
  const counters = new Map<string, number>();
  return {
    id: (kind) => {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return `${kind}-${n}`;
    },
    token: () => {
      const n = (counters.get("token") ?? 0) + 1;
      counters.set("token", n);
      return `token-${n}`;
    },
  };
}

/** A stage with sensible defaults. */
export function stage(id: string, kind: Stage["kind"] = "process", robots: Robot[] = [], triggers: Trigger[] = []): Stage {
  return { id, label: { en: id, ru: id }, kind, robots, triggers };
}

/** A pipeline with sensible defaults. */
export function pipeline(id: string, stages: Stage[], extra: Partial<Pipeline> = {}): Pipeline {
  return { id, label: { en: id, ru: id }, stages, ...extra };
}

/**
 * A small valid blueprint: pipeline `sales` (lead → proposal → contract → won | lost) and
 * pipeline `warmup` (nurture → won | lost), a few fields, a survey, a Mon-Fri calendar.
 */
export function testBlueprint(overrides: Partial<Blueprint> = {}): Blueprint {
  return {
    format: "voronka.blueprint/v1",
    id: "test",
    name: { en: "Test", ru: "Тест" },
    fields: [
      { id: "email", label: "E-mail", type: "email" },
      { id: "eventDate", label: "Event date", type: "date" },
      { id: "contractNo", label: "Contract number", type: "string" },
      { id: "segment", label: "Segment", type: "enum", options: [{ id: "b2b", label: "B2B" }, { id: "b2c", label: "B2C" }] },
      { id: "lossReason", label: "Loss reason", type: "enum", options: [{ id: "expensive", label: "Too expensive" }, { id: "competitor", label: "Competitor" }] },
      { id: "note", label: "Note", type: "text" },
    ],
    activityTypes: [{ id: "call", label: "Call" }, { id: "meeting", label: "Meeting" }],
    surveys: [{
      id: "nps", question: "How likely are you to recommend us?", scale: { min: 0, max: 10 },
      bands: { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] },
    }],
    calendars: [{ id: "office", timeZone: "Europe/Moscow", workingDays: [1, 2, 3, 4, 5], hours: { from: "09:00", to: "18:00" }, holidays: [] }],
    defaultCalendar: "office",
    pipelines: [
      pipeline("sales", [
        stage("lead"),
        stage("proposal"),
        stage("contract", "process", [{ id: "needContract", type: "requireFields", params: { fields: ["contractNo"], scope: "enter" } }]),
        stage("won", "success"),
        stage("lost", "failure", [{ id: "needReason", type: "requireFields", params: { fields: ["lossReason"], scope: "enter" } }]),
      ]),
      pipeline("warmup", [stage("nurture"), stage("warm-won", "success"), stage("warm-lost", "failure")]),
    ],
    ...overrides,
  };
}

/** Puts robots/triggers on a stage of a blueprint (returns a new blueprint). */
export function withStage(bp: Blueprint, pipelineId: string, stageId: string, add: { robots?: Robot[]; triggers?: Trigger[] }): Blueprint {
  const copy: Blueprint = JSON.parse(JSON.stringify(bp));
  const st = copy.pipelines.find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId);
  if (!st) throw new Error(`no stage ${pipelineId}/${stageId}`);
  st.robots.push(...(add.robots ?? []));
  st.triggers.push(...(add.triggers ?? []));
  return copy;
}

/** An engine on a memory store with a fake clock and sequential ids. */
export function testEngine(blueprint: unknown, options: Partial<EngineOptions> = {}): { engine: Engine; clock: FakeClock; store: Store } {
  const clock = fakeClock();
  const store = options.store ?? createMemoryStore({ now: () => clock.now() });
  const engine = createEngine({ blueprint, store, clock, ids: sequentialIds(), settings: { timeZone: "Europe/Moscow", currency: "RUB" }, ...options });
  return { engine, clock, store };
}
