/**
 * `createEngine`: the runtime around the pure step. It loads a deal, runs the step, commits the
 * result in one store transaction, and retries on a version conflict or a stale blueprint. It
 * never reads the clock itself (the host passes `clock`) and performs outbox effects only through
 * the host's `deliver`.
 */
import type { Blueprint } from "../blueprint/blueprint.schema";
import { compileBlueprint, type CompiledBlueprint } from "../compile/compile-blueprint";
import { EngineError } from "../errors";
import { validateBlueprint } from "../lint";
import type { CatalogueEntry, Plugin, TriggerEvent } from "../registry/definitions";
import { defaultRegistry, type Registry } from "../registry/registry";
import type { Actor, DealRecord, HistoryRow, OutboxRecord, TaskRecord, TimerRecord } from "../store/records";
import type { Commit, DealFilter, LoadedDeal, Store, TaskFilter } from "../store/store";
import { syncStoreOf, type SyncStore } from "../store/sync-store";
import { explainDeal, type Explanation } from "./explain";
import { buildImport, type ImportResult } from "./import-deals";
import { answerSurveyStep, step, type Command, type DealInput, type StepOutput } from "./step";
import { NeedLookup, type Ids, type Lookups, type StepEnv } from "./step-state";

/** Where people live: the host's users. Answers may be sync or async. */
export interface Directory {
  supervisorOf(userId: string): string | null | Promise<string | null>;
  exists(userId: string): boolean | Promise<boolean>;
}

/** A clock: the host's (real time) or a test's (fake time). */
export type Clock = { now(): Date } | (() => Date);

/** What listeners hear after each commit. */
export interface EngineEvent {
  type: "committed";
  history: HistoryRow[];
  deals: DealRecord[];
}

export interface EngineOptions {
  /** The blueprint to run; published into the store when it differs from the store's latest. */
  blueprint?: Blueprint | unknown;
  store: Store;
  clock?: Clock;
  directory?: Directory;
  /** Performs outbox effects when headless (webhook calls, notifications, survey delivery). */
  deliver?: (effect: OutboxRecord) => void | Promise<void>;
  ids?: Ids;
  plugins?: Plugin[];
  /** Workspace settings: time zone and currency (defaults: UTC, RUB). */
  settings?: { timeZone?: string; currency?: string };
  /** Most automatic moves one event may cause (normative 20). */
  cascadeLimit?: number;
}

export interface CommandOptions {
  actor: Actor;
  expectedVersion?: number;
}

const DEFAULT_ACTOR: Actor = { system: "trigger" };

/** Random ids and unguessable tokens from Web Crypto (Node and browsers). */
export const randomIds: Ids = {
  id: () => {
    const id = globalThis.crypto.randomUUID();
    // Node builds the UUID by concatenation, a tree of ≈ 15 string pieces (≈ 500 bytes) that lives
    // as long as the id does (ids are kept in every record); reading a character flattens it into
    // one 36-character string, so a kept id costs ≈ 60 bytes.
    id.charCodeAt(0);
    return id;
  },
  token: () => {
    const bytes = new Uint8Array(24);
    globalThis.crypto.getRandomValues(bytes);
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  },
};

const nowOf = (clock: Clock | undefined): Date => (clock === undefined ? new Date() : typeof clock === "function" ? clock() : clock.now());

/**
 * Creates an engine over a store. Methods are async and reject with {@link EngineError}.
 *
 * @example
 * const engine = createEngine({ blueprint, store: createMemoryStore(), clock: () => new Date() });
 * const deal = await engine.createDeal({ pipeline: "b2b-new", title: "ACME", responsible: "ann" });
 * await engine.move(deal.id, "general-cp", { actor: { user: "ann" } });
 */
export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}

/** The engine's public API (DESIGN.md "The runtime around it"). */
export class Engine {
  readonly store: Store;
  readonly registry: Registry;
  #options: EngineOptions;
  #compiled: CompiledBlueprint | null = null;
  #ready: Promise<void>;
  #listeners = new Set<(e: EngineEvent) => void>();
  /** The store's synchronous `load`/`commit`, when it has them (the in-memory store). */
  #sync: SyncStore | null;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.store = options.store;
    this.#sync = syncStoreOf(options.store);
    this.registry = defaultRegistry().with(options.plugins ?? []);
    this.#ready = this.#init();
    this.#ready.catch(() => undefined);
  }

  async #init(): Promise<void> {
    const given = this.#options.blueprint;
    const stored = await this.store.loadBlueprint();
    if (given !== undefined && (!stored || JSON.stringify(stored.blueprint) !== JSON.stringify(given))) {
      await this.#publish(given, {});
      return;
    }
    if (stored) this.#compiled = compileBlueprint(stored.blueprint as Blueprint, stored.version, this.registry);
  }

  /** The compiled blueprint in use (after the engine is ready). */
  async compiled(): Promise<CompiledBlueprint> {
    await this.#ready;
    if (!this.#compiled) throw new EngineError("NO_BLUEPRINT", "No blueprint is published yet: pass one to createEngine or call publish().");
    return this.#compiled;
  }

  async #reload(): Promise<void> {
    const stored = await this.store.loadBlueprint();
    if (stored && stored.version !== this.#compiled?.version) {
      this.#compiled = compileBlueprint(stored.blueprint as Blueprint, stored.version, this.registry);
    }
  }

  #env(now: Date, lookups: Lookups): StepEnv {
    // Read on every step: a host may change its settings (time zone, currency) while running.
    const o = this.#options;
    return {
      now: now.toISOString(), nowDate: now, ids: o.ids ?? randomIds, timeZone: o.settings?.timeZone ?? "UTC",
      currency: o.settings?.currency ?? "RUB", lookups, cascadeLimit: o.cascadeLimit ?? 20,
    };
  }

  /**
   * Runs a step until it commits: look-ups it needs are fetched and the step re-run; a version
   * conflict (when the caller set no expected version) or a stale blueprint reloads and retries.
   */
  async #run(
    dealId: string | null, actor: Actor, expectedVersion: number | undefined,
    compute: (bp: CompiledBlueprint, loaded: LoadedDeal | null, env: StepEnv) => StepOutput,
  ): Promise<StepOutput> {
    if (this.#compiled === null) await this.compiled();
    const directory = this.#options.directory;
    const lookups = new PrefetchedLookups(directory);
    const sync = this.#sync;
    for (let attempt = 0; attempt < 8; attempt++) {
      const bp = this.#compiled!;
      const loaded = dealId === null ? null : sync !== null ? sync.load(dealId) : await this.store.load(dealId);
      if (dealId !== null && !loaded) throw new EngineError("NOT_FOUND", `There is no deal '${dealId}'.`, { deal: dealId });
      if (loaded && expectedVersion !== undefined && loaded.record.version !== expectedVersion) {
        throw new EngineError("VERSION_CONFLICT", `The deal was changed by someone else (version ${loaded.record.version}, you had ${expectedVersion}). Reload it and try again.`, { version: loaded.record.version });
      }
      if (loaded && directory && !lookups.hasSupervisor(loaded.record.responsible)) {
        lookups.setSupervisor(loaded.record.responsible, await directory.supervisorOf(loaded.record.responsible));
      }
      if (loaded && !bp.pipelines.get(loaded.record.pipeline)?.stages.has(loaded.record.stage)) {
        // The deal stands where this process's blueprint has no stage: another process published a
        // newer version. Reload it before stepping (a deal in a truly removed stage still fails).
        const before = bp.version;
        await this.#reload();
        if (this.#compiled!.version !== before) continue;
      }
      let out: StepOutput | null = null;
      for (let lookupsDone = 0; out === null; lookupsDone++) {
        try {
          out = compute(bp, loaded, this.#env(nowOf(this.#options.clock), lookups));
        } catch (e) {
          if (!(e instanceof NeedLookup) || lookupsDone > 50) throw e;
          if (e.lookup === "supervisor") lookups.setSupervisor(e.key, await directory!.supervisorOf(e.key));
          else lookups.setRoundRobin(e.key, e.n, await this.store.nextRoundRobin(e.key, e.n));
        }
      }
      if (isEmpty(out.commit)) return out;
      try {
        if (sync !== null) sync.commit(out.commit);
        else await this.store.commit(out.commit);
      } catch (e) {
        if (e instanceof EngineError && e.code === "BLUEPRINT_STALE") { await this.#reload(); continue; }
        if (e instanceof EngineError && e.code === "VERSION_CONFLICT" && expectedVersion === undefined) continue;
        throw e;
      }
      this.#emit(out.commit);
      return out;
    }
    throw new EngineError("VERSION_CONFLICT", "The deal kept changing under this request; try again.");
  }

  #emit(commit: Commit): void {
    if (!this.#listeners.size) return;
    const event: EngineEvent = { type: "committed", history: commit.history, deals: commit.deals.map((d) => d.record) };
    for (const l of this.#listeners) {
      try { l(event); } catch { /* a listener's failure is its own */ }
    }
  }

  #command(dealId: string | null, command: Command, opts: Partial<CommandOptions> = {}): Promise<StepOutput> {
    const actor = opts.actor ?? DEFAULT_ACTOR;
    return this.#run(dealId, actor, opts.expectedVersion, (bp, loaded, env) => step(bp, loaded, command, actor, env));
  }

  /** Creates a deal; creation counts as entering its stage (guards and robots apply). */
  async createDeal(input: DealInput, opts: Partial<CommandOptions> = {}): Promise<DealRecord> {
    // Without an actor, the deal is created on behalf of its responsible.
    const actor = opts.actor ?? (typeof input?.responsible === "string" ? { user: input.responsible } : { system: "import" as const });
    if (this.#options.directory && typeof input?.responsible === "string" && !(await this.#options.directory.exists(input.responsible))) {
      throw new EngineError("VALIDATION_FAILED", `There is no user '${input.responsible}' to be responsible for the deal.`, { responsible: input.responsible });
    }
    return (await this.#run(null, actor, undefined, (bp, _l, env) => step(bp, null, { type: "create", input }, actor, env))).deal;
  }

  /** Updates fields (and title, amount, currency, client); changes may fire `fieldChanged` triggers. */
  async updateDeal(id: string, fields: Record<string, unknown>, opts: CommandOptions): Promise<DealRecord> {
    return (await this.#command(id, { type: "update", fields }, opts)).deal;
  }

  /** Moves a deal to a stage of its pipeline, with field updates applied first in the same step. */
  async move(id: string, stage: string, opts: CommandOptions & { fields?: Record<string, unknown> }): Promise<DealRecord> {
    const command: Command = opts.fields ? { type: "move", stage, fields: opts.fields } : { type: "move", stage };
    return (await this.#command(id, command, opts)).deal;
  }

  /** Returns a won or lost deal to a process stage; the history says who and why. */
  async reopen(id: string, stage: string, opts: { reason: string; actor: Actor }): Promise<DealRecord> {
    return (await this.#command(id, { type: "reopen", stage, reason: opts.reason }, opts)).deal;
  }

  async #taskDeal(taskId: string): Promise<string> {
    const task = await this.store.loadTask(taskId);
    if (!task) throw new EngineError("NOT_FOUND", `There is no task '${taskId}'.`, { task: taskId });
    return task.deal;
  }

  /** Completes a task; fires `taskCompleted` triggers. */
  async completeTask(taskId: string, opts: { actor: Actor }): Promise<DealRecord> {
    return (await this.#command(await this.#taskDeal(taskId), { type: "completeTask", task: taskId }, opts)).deal;
  }

  /** Moves a task's deadline; a reason is required (standard 7). */
  async rescheduleTask(taskId: string, opts: { deadline: string; reason?: string; actor: Actor }): Promise<DealRecord> {
    const command: Command = { type: "rescheduleTask", task: taskId, deadline: opts.deadline, ...(opts.reason !== undefined ? { reason: opts.reason } : {}) };
    return (await this.#command(await this.#taskDeal(taskId), command, opts)).deal;
  }

  /** Logs an activity (call, meeting, CP sent…) on a deal; fires `activity` triggers. */
  async logActivity(dealId: string, opts: { type: string; at?: string; data?: unknown; actor: Actor }): Promise<DealRecord> {
    const command: Command = { type: "activity", activityType: opts.type, ...(opts.at !== undefined ? { at: opts.at } : {}), ...(opts.data !== undefined ? { data: opts.data } : {}) };
    return (await this.#command(dealId, command, opts)).deal;
  }

  /** Records a survey answer by its one-time token; fires `surveyAnswered` triggers. */
  async answerSurvey(token: string, answer: { score: number; reason?: string }): Promise<DealRecord> {
    // The survey's status is read outside the step, so the step runs at the deal version read with
    // it: a concurrent answer makes this one conflict, re-read the survey, and answer 410.
    for (let attempt = 0; attempt < 5; attempt++) {
      const survey = await this.store.findSurvey(token);
      if (!survey) throw new EngineError("NOT_FOUND", "This survey link is not valid. Check that it was copied whole.");
      if (survey.status === "answered") throw new EngineError("SURVEY_ANSWERED", "This survey has already been answered. Thank you!");
      const version = (await this.store.load(survey.deal))?.record.version;
      try {
        return (await this.#run(survey.deal, { system: "webhook" }, version, (bp, loaded, env) =>
          answerSurveyStep(bp, loaded!, survey, answer.score, answer.reason, env))).deal;
      } catch (e) {
        if (!(e instanceof EngineError) || e.code !== "VERSION_CONFLICT") throw e;
      }
    }
    throw new EngineError("VERSION_CONFLICT", "The deal kept changing while the answer was recorded; try again.");
  }

  /** An external system calls a `webhook` trigger with `{ dealId }` or `{ externalId }`. */
  async receiveWebhook(triggerId: string, body: unknown): Promise<{ deal: DealRecord; fired: boolean }> {
    const bp = await this.compiled();
    const trigger = bp.triggers.get(triggerId);
    if (!trigger || trigger.trigger.type !== "webhook") throw new EngineError("NOT_FOUND", `There is no webhook trigger '${triggerId}'.`);
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    let dealId: string | null = null;
    if (typeof b["dealId"] === "string") dealId = b["dealId"];
    else if (typeof b["externalId"] === "string") dealId = (await this.store.loadByExternalId(b["externalId"]))?.record.id ?? null;
    else throw new EngineError("VALIDATION_FAILED", "The webhook body must name the deal: { \"dealId\": \"…\" } or { \"externalId\": \"…\" }.");
    if (!dealId) throw new EngineError("NOT_FOUND", "No deal has that externalId.");
    const out = await this.#command(dealId, { type: "webhook", trigger: triggerId, body }, { actor: { system: "webhook" } });
    return { deal: out.deal, fired: out.fired === triggerId };
  }

  /** Sends a custom trigger's event to a deal: `{ type, …data }`. */
  async signal(dealId: string, event: TriggerEvent): Promise<{ deal: DealRecord; fired: string | null }> {
    if (typeof event?.type !== "string" || !this.registry.triggers.has(event.type)) {
      throw new EngineError("UNKNOWN_TRIGGER_TYPE", `No trigger type '${String(event?.type)}' is registered.`);
    }
    const out = await this.#command(dealId, { type: "signal", event }, { actor: { system: "trigger" } });
    return { deal: out.deal, fired: out.fired ?? null };
  }

  /**
   * Fires due timers (delayed robots, task deadlines) and, when `deliver` is set, delivers the
   * outbox. Timers missed while the host was down fire on the first tick. Returns the counts.
   */
  async tick(now?: Date): Promise<{ timers: number; outbox: number }> {
    await this.compiled();
    const at = now ?? nowOf(this.#options.clock);
    let timers = 0;
    for (;;) {
      const due = await this.store.claimDueTimers(at.toISOString(), 100, 60_000);
      if (!due.length) break;
      for (const timer of due) {
        try {
          await this.#fire(timer);
          timers++;
        } catch {
          // One timer's failure never stops the batch: it stays leased and is offered again later.
        }
      }
      if (due.length < 100) break;
    }
    return { timers, outbox: await this.#deliverOutbox(at) };
  }

  async #fire(timer: TimerRecord): Promise<void> {
    const actor: Actor = { system: "timer" };
    try {
      await this.#run(timer.deal, actor, undefined, (bp, loaded, env) => step(bp, loaded, { type: "timer", timer }, actor, env));
    } catch (e) {
      if (e instanceof EngineError && e.code === "NOT_FOUND" && !(await this.store.load(timer.deal))) {
        // The deal is gone: complete its timer (on the latest version, whichever process published it).
        await this.#reload();
        await this.store.commit({ blueprintVersion: this.#compiled!.version, deals: [], history: [], tasks: [], surveys: [], timers: { add: [], cancel: [], done: [timer.id] }, outbox: [] });
        return;
      }
      // An operational failure (a conflict that kept losing, a store hiccup) leaves the timer leased:
      // it is offered again when the lease runs out. Anything else drops it, with the reason.
      if (e instanceof EngineError && e.kind === "operational") return;
      const reason = e instanceof EngineError ? e.code : "UNEXPECTED";
      await this.#run(timer.deal, actor, undefined, (bp, loaded, env) => step(bp, loaded, { type: "dropTimer", timer, reason }, actor, env));
    }
  }

  async #deliverOutbox(now: Date): Promise<number> {
    const deliver = this.#options.deliver;
    if (!deliver) return 0;
    let n = 0;
    for (;;) {
      const batch = await this.store.claimOutbox(now.toISOString(), 50, 60_000);
      for (const effect of batch) {
        try {
          await deliver(effect);
          await this.store.ackOutbox([effect.id]);
          n++;
        } catch (e) {
          const backoff = Math.min(3_600_000, 30_000 * 2 ** Math.min(effect.attempts, 7));
          await this.store.failOutbox(effect.id, new Date(now.getTime() + backoff).toISOString(), e instanceof Error ? e.message : String(e));
        }
      }
      if (batch.length < 50) return n;
    }
  }

  /**
   * Publishes a blueprint as the new version. Refused with `BLUEPRINT_INVALID` while it has errors,
   * and with `MAPPING_REQUIRED` when a stage that holds deals disappears without a mapping.
   */
  async publish(blueprint: unknown, opts: { mapping?: Record<string, string> } = {}): Promise<{ version: number }> {
    await this.#ready.catch(() => undefined);
    return this.#publish(blueprint, opts);
  }

  async #publish(input: unknown, opts: { mapping?: Record<string, string> }): Promise<{ version: number }> {
    const result = validateBlueprint(input, { registry: this.registry });
    if (!result.ok) {
      throw new EngineError("BLUEPRINT_INVALID", `The blueprint has ${result.issues.length} problem(s); fix them before publishing. First: ${result.issues[0]?.message}`, { issues: result.issues });
    }
    const blueprint = result.value;
    const previous = await this.store.publishedVersion();
    const compiled = compileBlueprint(blueprint, (previous ?? 0) + 1, this.registry);
    const mapping = opts.mapping ?? {};
    const moves: { from: string; pipeline: string; stage: string }[] = [];
    const unmapped: { ref: string; deals: number }[] = [];
    for (const row of await this.store.countDealsByStage()) {
      if (row.deals === 0 || compiled.pipelines.get(row.pipeline)?.stages.has(row.stage)) continue;
      const ref = `${row.pipeline}/${row.stage}`;
      const target = mapping[ref];
      if (target === undefined) { unmapped.push({ ref, deals: row.deals }); continue; }
      const [pipeline = "", stage = ""] = target.split("/");
      if (!compiled.pipelines.get(pipeline)?.stages.has(stage)) {
        throw new EngineError("VALIDATION_FAILED", `The mapping sends '${ref}' to '${target}', which the new version does not have.`, { ref, target });
      }
      moves.push({ from: ref, pipeline, stage });
    }
    if (unmapped.length) {
      throw new EngineError("MAPPING_REQUIRED", `Stages that still hold deals would disappear: ${unmapped.map((u) => `${u.ref} (${u.deals})`).join(", ")}. Say where their deals go.`, { stages: unmapped });
    }
    const version = await this.store.saveBlueprint({ kind: "published", blueprint });
    this.#compiled = version === compiled.version ? compiled : compileBlueprint(blueprint, version, this.registry);
    const actor: Actor = { system: "publish" };
    for (const m of moves) {
      const [pipeline = "", stage = ""] = m.from.split("/");
      for (const deal of await this.store.deals({ pipeline, stage })) {
        await this.#run(deal.id, actor, undefined, (bp, loaded, env) => step(bp, loaded, { type: "publishMove", pipeline: m.pipeline, stage: m.stage }, actor, env));
      }
    }
    return { version };
  }

  /**
   * Imports historical deals (a migration from another CRM): timestamps, stages and outcomes kept,
   * recorded `by: import`, no guards, no robots. Rows are committed in batches; a row that cannot be
   * imported is reported with its index and does not stop the others.
   */
  async importDeals(rows: unknown[], opts: { batchSize?: number; onProgress?: (done: number) => void } = {}): Promise<ImportResult> {
    if (!Array.isArray(rows)) throw new EngineError("VALIDATION_FAILED", "Send the deals to import as a list.");
    const result: ImportResult = { imported: 0, deals: [], errors: [] };
    const size = opts.batchSize ?? 500;
    const ids = this.#options.ids ?? randomIds;
    const currency = this.#options.settings?.currency ?? "RUB";
    for (let start = 0; start < rows.length; start += size) {
      const batch = rows.slice(start, start + size);
      let bp = await this.compiled();
      let built = buildImport(bp, batch, ids, currency, start);
      try {
        if (built.deals.length) await this.store.commit(built.commit);
        result.deals.push(...built.deals);
        result.errors.push(...built.errors);
      } catch (e) {
        if (e instanceof EngineError && e.code === "BLUEPRINT_STALE") await this.#reload();
        else if (!(e instanceof EngineError)) throw e;
        // One row spoiled the batch (e.g. a taken externalId): import the rows one by one.
        for (let i = 0; i < batch.length; i++) {
          bp = await this.compiled();
          built = buildImport(bp, [batch[i]], ids, currency, start + i);
          try {
            if (built.deals.length) await this.store.commit(built.commit);
            result.deals.push(...built.deals);
            result.errors.push(...built.errors);
          } catch (err) {
            if (!(err instanceof EngineError)) throw err;
            result.errors.push({ index: start + i, message: err.message });
          }
        }
      }
      opts.onProgress?.(Math.min(rows.length, start + size));
    }
    result.imported = result.deals.length;
    result.errors.sort((a, b) => a.index - b.index);
    return result;
  }

  /** Robot and trigger types with their params' JSON Schemas, for forms. */
  catalogue(): CatalogueEntry[] {
    return this.registry.catalogue();
  }

  /** A deal with its open tasks and pending timers. */
  async deal(id: string): Promise<LoadedDeal> {
    const loaded = await this.store.load(id);
    if (!loaded) throw new EngineError("NOT_FOUND", `There is no deal '${id}'.`, { deal: id });
    return loaded;
  }

  tasks(filter: TaskFilter = {}): Promise<TaskRecord[]> {
    return this.store.tasks(filter);
  }

  dealsWithoutOpenTask(filter: DealFilter = {}): Promise<DealRecord[]> {
    return this.store.dealsWithoutOpenTask(filter);
  }

  /** The deal's history, oldest first. */
  history(dealId: string): Promise<HistoryRow[]> {
    return this.store.history({ deal: dealId });
  }

  /** Why the deal is where it is, and what it is waiting for. */
  async explain(dealId: string): Promise<Explanation> {
    const bp = await this.compiled();
    const loaded = await this.deal(dealId);
    return explainDeal(bp, loaded, await this.history(dealId), nowOf(this.#options.clock));
  }

  /** Listens to every commit; returns the function that stops listening. */
  on(listener: (e: EngineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/**
 * The look-ups of one command: answered from what was fetched so far; a miss throws
 * {@link NeedLookup}, and `#run` fetches the value and runs the step again.
 */
class PrefetchedLookups implements Lookups {
  #supervisors: Map<string, string | null> | null = null;
  #roundRobin: Map<string, number> | null = null;

  constructor(private readonly directory: Directory | undefined) {}

  hasSupervisor(userId: string): boolean {
    return this.#supervisors !== null && this.#supervisors.has(userId);
  }

  setSupervisor(userId: string, supervisor: string | null): void {
    (this.#supervisors ??= new Map()).set(userId, supervisor);
  }

  setRoundRobin(robotId: string, n: number, index: number): void {
    (this.#roundRobin ??= new Map()).set(`${robotId}:${n}`, index);
  }

  supervisorOf(userId: string): string | null {
    if (!this.directory) return null;
    if (!this.hasSupervisor(userId)) throw new NeedLookup("supervisor", userId);
    return this.#supervisors!.get(userId)!;
  }

  roundRobin(robotId: string, n: number): number {
    const v = this.#roundRobin?.get(`${robotId}:${n}`);
    if (v === undefined) throw new NeedLookup("roundRobin", robotId, n);
    return v;
  }
}

function isEmpty(c: Commit): boolean {
  return !c.deals.length && !c.history.length && !c.tasks.length && !c.timers.add.length && !c.timers.cancel.length && !c.timers.done.length && !c.outbox.length && !c.surveys.length;
}
