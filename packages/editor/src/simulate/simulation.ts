/**
 * The simulator's core: the real engine (`createEngine` + `createMemoryStore`) running the drawn
 * blueprint in the browser on a virtual clock. A test deal is created, moved, filled in; tasks are
 * completed, activities logged, surveys answered; the clock is advanced and `engine.tick(now)`
 * fires what is due. Custom robots the browser does not know run as stand-ins that do nothing
 * (the history says "not simulated"). Nothing leaves the page: outbox effects are only listed.
 */
import {
  addDuration, createEngine, createMemoryStore, type Blueprint, type CatalogueEntry, type DealRecord, type Engine,
  type HistoryRow, type Ids, type OutboxRecord, type TaskRecord,
} from "@voronka/engine";
import { standInPlugin } from "../model/registry";

/** The simulated user (the test deal's responsible). */
export const SIM_USER = "manager";
/** The simulated user's supervisor (for `supervisor` roles and reopening). */
export const SIM_SUPERVISOR = "supervisor";

/** How a simulation starts. */
export interface SimulationOptions {
  blueprint: Blueprint;
  catalogue: readonly CatalogueEntry[];
  /** The virtual clock's start (default: now, to the minute). */
  start?: Date;
  /** The workspace time zone (default: the default calendar's, else UTC). */
  timeZone?: string;
  ids?: Ids;
}

/** What the simulator shows after each step. */
export interface SimulationSnapshot {
  now: Date;
  deals: DealRecord[];
  tasks: TaskRecord[];
  history: HistoryRow[];
  outbox: OutboxRecord[];
}

/** Ids `deal-1`, `task-1`, … (readable, and deterministic for tests). */
export function sequentialIds(): Ids {
  const counters = new Map<string, number>();
  const next = (kind: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${kind}-${n}`;
  };
  return { id: next, token: () => next("token") };
}

/**
 * One simulation: an engine over a memory store and a virtual clock.
 *
 * @example
 * const sim = await Simulation.start({ blueprint, catalogue, start: new Date("2026-03-02T09:00:00Z") });
 * const deal = await sim.createDeal({ pipeline: "sales", title: "ACME" });
 * await sim.advance("P1D");
 * const { history, tasks } = await sim.snapshot();
 */
export class Simulation {
  readonly engine: Engine;
  readonly timeZone: string;
  #now: Date;
  #outbox: OutboxRecord[] = [];

  private constructor(engine: Engine, now: Date, timeZone: string) {
    this.engine = engine;
    this.#now = now;
    this.timeZone = timeZone;
  }

  /** Starts a simulation; rejects with the engine's `BLUEPRINT_INVALID` while the blueprint has errors. */
  static async start(options: SimulationOptions): Promise<Simulation> {
    const start = options.start ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const calendarZone = options.blueprint.calendars.find((c) => c.id === options.blueprint.defaultCalendar)?.timeZone;
    const timeZone = options.timeZone ?? calendarZone ?? "UTC";
    let sim: Simulation | null = null;
    const clock = () => sim?.now() ?? start;
    const engine = createEngine({
      blueprint: options.blueprint,
      store: createMemoryStore({ now: clock }),
      clock,
      ids: options.ids ?? sequentialIds(),
      plugins: [standInPlugin(options.catalogue)],
      settings: { timeZone },
      directory: { supervisorOf: (u) => (u === SIM_SUPERVISOR ? null : SIM_SUPERVISOR), exists: () => true },
      deliver: (effect) => { if (sim) sim.#outbox.push(effect); },
    });
    sim = new Simulation(engine, start, timeZone);
    await engine.compiled();
    return sim;
  }

  /** The virtual time. */
  now(): Date {
    return new Date(this.#now);
  }

  /** Runs a command, then delivers what it queued (timers due now fire too). */
  async #step<T>(command: () => Promise<T>): Promise<T> {
    const result = await command();
    await this.engine.tick(this.now());
    return result;
  }

  /** Creates the test deal (creation counts as entering the stage: its robots run). */
  createDeal(input: { pipeline: string; stage?: string; title: string; amount?: number; fields?: Record<string, unknown> }): Promise<DealRecord> {
    return this.#step(() => this.engine.createDeal({ ...input, responsible: SIM_USER }, { actor: { user: SIM_USER } }));
  }

  /** Moves a deal, with field updates applied first. */
  move(dealId: string, stage: string, fields?: Record<string, unknown>): Promise<DealRecord> {
    return this.#step(() => this.engine.move(dealId, stage, { actor: { user: SIM_USER }, ...(fields ? { fields } : {}) }));
  }

  /** Sets fields (may fire `fieldChanged` triggers). */
  update(dealId: string, fields: Record<string, unknown>): Promise<DealRecord> {
    return this.#step(() => this.engine.updateDeal(dealId, fields, { actor: { user: SIM_USER } }));
  }

  /** Completes a task (fires `taskCompleted` triggers). */
  completeTask(taskId: string): Promise<DealRecord> {
    return this.#step(() => this.engine.completeTask(taskId, { actor: { user: SIM_USER } }));
  }

  /** Logs an activity (fires `activity` triggers). */
  logActivity(dealId: string, type: string): Promise<DealRecord> {
    return this.#step(() => this.engine.logActivity(dealId, { type, actor: { user: SIM_USER } }));
  }

  /** Answers a sent survey by its token (fires `surveyAnswered` triggers). */
  answerSurvey(token: string, score: number): Promise<DealRecord> {
    return this.#step(() => this.engine.answerSurvey(token, { score }));
  }

  /** Calls a `webhook` trigger for a deal, as an external system would. */
  webhook(triggerId: string, dealId: string): Promise<{ deal: DealRecord; fired: boolean }> {
    return this.#step(() => this.engine.receiveWebhook(triggerId, { dealId }));
  }

  /** Returns a won or lost deal to a process stage. */
  reopen(dealId: string, stage: string, reason: string): Promise<DealRecord> {
    return this.#step(() => this.engine.reopen(dealId, stage, { reason, actor: { user: SIM_SUPERVISOR } }));
  }

  /**
   * Moves the virtual clock on by an ISO-8601 duration (`PT1H`, `P1D`) or milliseconds, and fires
   * what became due. Answers how many timers fired.
   */
  async advance(by: string | number): Promise<number> {
    this.#now = typeof by === "number" ? new Date(this.#now.getTime() + by) : addDuration(this.#now, by, { timeZone: this.timeZone });
    return (await this.engine.tick(this.now())).timers;
  }

  /** Publishes a changed blueprint into the running simulation (deals keep running on it). */
  async republish(blueprint: Blueprint): Promise<void> {
    await this.engine.publish(blueprint);
  }

  /** Every deal, open task, history row (oldest first) and delivered outbox effect. */
  async snapshot(): Promise<SimulationSnapshot> {
    const store = this.engine.store;
    const [deals, tasks, history] = await Promise.all([store.deals({}), store.tasks({ status: "open" }), store.history({})]);
    return { now: this.now(), deals, tasks, history, outbox: [...this.#outbox] };
  }
}
