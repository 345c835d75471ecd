/**
 * The working state of one step: the deals it touches, and everything it will commit. A step is
 * pure: it reads only what it was given (the loaded deals, the blueprint, `now`, ids and lookups)
 * and produces one {@link Commit}; nothing is written until the store applies that commit.
 */
import type { CompiledBlueprint, CompiledPipeline, CompiledStage } from "../compile/compile-blueprint";
import { EngineError } from "../errors";
import type { DealView } from "../registry/definitions";
import type {
  Actor, DealRecord, HistoryRow, HistoryType, OutboxRecord, SurveyRecord, TaskRecord, TimerRecord,
} from "../store/records";
import { copyDeal } from "../store/copy-records";
import type { Commit, LoadedDeal } from "../store/store";

/** Id and token makers: random by default, deterministic in tests. */
export interface Ids {
  id(kind: "deal" | "task" | "timer" | "outbox" | "event"): string;
  token(): string;
}

/**
 * Synchronous look-ups a step may need. A host whose data is async answers from a prefetched
 * cache and throws {@link NeedLookup} on a miss; the runtime fetches and runs the step again.
 */
export interface Lookups {
  supervisorOf(userId: string): string | null;
  roundRobin(robotId: string, n: number): number;
}

/** Thrown by {@link Lookups} when a value must be fetched first; never escapes the runtime. */
export class NeedLookup extends Error {
  constructor(readonly lookup: "supervisor" | "roundRobin", readonly key: string, readonly n = 0) {
    super(`lookup ${lookup}:${key}`);
  }
}

export interface StepEnv {
  now: string;
  nowDate: Date;
  ids: Ids;
  /** The workspace's time zone, for deadlines without a calendar. */
  timeZone: string;
  currency: string;
  lookups: Lookups;
  /** At most this many automatic moves per external event (normative: 20). */
  cascadeLimit: number;
}

/** A deal inside a step. */
export interface WorkingDeal {
  record: DealRecord;
  expectedVersion: number | null;
  openTasks: Map<string, TaskRecord>;
  timers: Map<string, TimerRecord>;
  view: DealView | null;
  /** Whether the step wrote a history row for it (a deal without one is not committed). */
  touched: boolean;
}

/** The mutable state of one step; turned into a {@link Commit} at the end. */
export class StepState {
  readonly deals = new Map<string, WorkingDeal>();
  readonly history: HistoryRow[] = [];
  readonly tasks = new Map<string, TaskRecord>();
  readonly surveys: SurveyRecord[] = [];
  readonly timersAdd = new Map<string, TimerRecord>();
  readonly timersCancel = new Set<string>();
  readonly timersDone: string[] = [];
  readonly outbox: OutboxRecord[] = [];
  autoMoves = 0;

  constructor(readonly bp: CompiledBlueprint, readonly env: StepEnv, readonly actor: Actor) {}

  /** Brings a loaded deal into the step (copying what the step may change). */
  adopt(loaded: LoadedDeal): WorkingDeal {
    const existing = this.deals.get(loaded.record.id);
    if (existing) return existing;
    const openTasks = new Map<string, TaskRecord>();
    for (const t of loaded.openTasks) openTasks.set(t.id, t);
    const timers = new Map<string, TimerRecord>();
    for (const t of loaded.timers) timers.set(t.id, t);
    // The loaded records stay as they are (a store's fast path may hand over its own): the step
    // changes only this copy of the deal, and replaces task and timer records instead of changing them.
    const w: WorkingDeal = { record: copyDeal(loaded.record), expectedVersion: loaded.record.version, openTasks, timers, view: null, touched: false };
    this.deals.set(w.record.id, w);
    return w;
  }

  /** Adds a deal the step creates. */
  create(record: DealRecord): WorkingDeal {
    const w: WorkingDeal = { record, expectedVersion: null, openTasks: new Map(), timers: new Map(), view: null, touched: false };
    this.deals.set(record.id, w);
    return w;
  }

  /** Appends a history row for a deal. */
  record(w: WorkingDeal, type: HistoryType, data: Record<string, unknown>, actor: Actor = this.actor): void {
    const r = w.record;
    r.seq += 1;
    w.touched = true;
    this.history.push({ deal: r.id, seq: r.seq, type, at: this.env.now, actor, data });
  }

  pipelineOf(w: WorkingDeal): CompiledPipeline {
    const p = this.bp.pipelines.get(w.record.pipeline);
    if (!p) throw new EngineError("NOT_FOUND", `Deal '${w.record.id}' is in pipeline '${w.record.pipeline}', which the published blueprint no longer has. Publish with a mapping for its stages.`);
    return p;
  }

  stageOf(w: WorkingDeal): CompiledStage {
    const s = this.pipelineOf(w).stages.get(w.record.stage);
    if (!s) throw new EngineError("NOT_FOUND", `Deal '${w.record.id}' is in stage '${w.record.pipeline}/${w.record.stage}', which the published blueprint no longer has. Publish with a mapping for it.`);
    return s;
  }

  /** The deal as conditions and robots see it (cached until the deal changes). */
  view(w: WorkingDeal): DealView {
    if (w.view) return w.view;
    const r = w.record;
    w.view = {
      id: r.id, externalId: r.externalId ?? null, title: r.title, amount: r.amount, currency: r.currency,
      pipeline: r.pipeline, stage: r.stage, status: r.status, responsible: r.responsible, client: r.client ?? null,
      createdAt: r.createdAt, stageEnteredAt: r.stageEnteredAt, fields: r.fields,
    };
    return w.view;
  }

  changed(w: WorkingDeal): void {
    w.view = null;
  }

  saveTask(w: WorkingDeal, task: TaskRecord): void {
    this.tasks.set(task.id, task);
    if (task.status === "open") w.openTasks.set(task.id, task);
    else w.openTasks.delete(task.id);
  }

  addTimer(w: WorkingDeal, timer: TimerRecord): void {
    this.timersAdd.set(timer.id, timer);
    w.timers.set(timer.id, timer);
  }

  cancelTimer(w: WorkingDeal, id: string): void {
    w.timers.delete(id);
    if (this.timersAdd.has(id)) this.timersAdd.delete(id);
    else this.timersCancel.add(id);
  }

  /** Counts an automatic move of the cascade; past the limit the whole step is refused. */
  countAutomaticMove(): void {
    this.autoMoves += 1;
    if (this.autoMoves > this.env.cascadeLimit) {
      throw new EngineError(
        "CASCADE_LIMIT",
        `This event set off more than ${this.env.cascadeLimit} automatic moves (triggers, robots and tunnels pulling deals around), so nothing was changed. Look for robots and triggers that send deals back and forth.`,
        { limit: this.env.cascadeLimit },
      );
    }
  }

  /** The commit for everything the step did. */
  toCommit(): Commit {
    const deals: Commit["deals"] = [];
    for (const w of this.deals.values()) {
      if (w.expectedVersion !== null && !w.touched) continue;
      w.record.version = (w.expectedVersion ?? 0) + 1;
      deals.push({ record: w.record, expectedVersion: w.expectedVersion });
    }
    const tasks: TaskRecord[] = [];
    for (const t of this.tasks.values()) tasks.push(t);
    const add: TimerRecord[] = [];
    for (const t of this.timersAdd.values()) add.push(t);
    const cancel: string[] = [];
    for (const id of this.timersCancel) cancel.push(id);
    return {
      blueprintVersion: this.bp.version,
      deals,
      history: this.history,
      tasks,
      surveys: this.surveys,
      timers: { add, cancel, done: this.timersDone },
      outbox: this.outbox,
    };
  }
}
