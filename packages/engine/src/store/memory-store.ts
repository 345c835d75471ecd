/**
 * An in-memory {@link Store}: for embedders' tests, the browser simulator and benchmarks. It keeps
 * the same contract as the SQL store (it passes `describeStoreContract`), including atomic
 * commits, version checks and leases; it just forgets everything when the process ends. It also
 * answers the runtime's synchronous fast path ({@link SYNC_STORE}): the same `load` and `commit`
 * without the promise round trips.
 */
import type { Blueprint } from "../blueprint/blueprint.schema";
import { EngineError } from "../errors";
import { copyDeal } from "./copy-records";
import type { DealRecord, HistoryRow, OutboxRecord, SurveyRecord, TaskRecord, TimerRecord } from "./records";
import type {
  BlueprintSave, Commit, CommitResult, DealFilter, HistoryFilter, LoadedDeal, Store, StoredBlueprint, TaskFilter,
} from "./store";
import { SYNC_STORE, type SyncStore } from "./sync-store";

const asList = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

interface Leased<T> { value: T; leaseUntil: string | null }

/** Creates an empty in-memory store. */
export function createMemoryStore(options: { now?: () => Date } = {}): Store {
  return new MemoryStore(options.now ?? (() => new Date()));
}

/** Adds `value` under `key` to the inner map of `outer[owner]`, creating it on first use. */
function addTo<V>(outer: Map<string, Map<string, V>>, owner: string, key: string, value: V): void {
  let inner = outer.get(owner);
  if (!inner) outer.set(owner, (inner = new Map()));
  inner.set(key, value);
}

function valuesOf<V>(inner: Map<string, V> | undefined): V[] {
  const out: V[] = [];
  if (inner) for (const v of inner.values()) out.push(v);
  return out;
}

class MemoryStore implements Store {
  #deals = new Map<string, DealRecord>();
  #byExternalId = new Map<string, string>();
  #tasks = new Map<string, TaskRecord>();
  /** Open tasks by deal, then by task id. */
  #openTasksByDeal = new Map<string, Map<string, TaskRecord>>();
  #timers = new Map<string, Leased<TimerRecord>>();
  /** Pending timers by deal, then by timer id. */
  #timersByDeal = new Map<string, Map<string, TimerRecord>>();
  #surveys = new Map<string, SurveyRecord>();
  #history: HistoryRow[] = [];
  #historyByDeal = new Map<string, HistoryRow[]>();
  #outbox = new Map<string, Leased<OutboxRecord> & { error?: string }>();
  #outboxKeys = new Set<string>();
  #roundRobin = new Map<string, number>();
  #published: StoredBlueprint[] = [];
  #drafts: StoredBlueprint[] = [];
  #cursor = 0;
  readonly [SYNC_STORE]: SyncStore;

  constructor(private readonly now: () => Date) {
    this[SYNC_STORE] = {
      load: (dealId) => this.#load(dealId),
      commit: (c) => this.#commit(c),
      mirrors: { load: MemoryStore.prototype.load, commit: MemoryStore.prototype.commit },
    };
  }

  /** The stored deal with its open tasks and timers; the record itself, not a copy. */
  #load(dealId: string): LoadedDeal | null {
    const record = this.#deals.get(dealId);
    if (!record) return null;
    return { record, openTasks: valuesOf(this.#openTasksByDeal.get(dealId)), timers: valuesOf(this.#timersByDeal.get(dealId)) };
  }

  async load(dealId: string): Promise<LoadedDeal | null> {
    const loaded = this.#load(dealId);
    if (loaded) loaded.record = copyDeal(loaded.record);
    return loaded;
  }

  async loadByExternalId(externalId: string): Promise<LoadedDeal | null> {
    const id = this.#byExternalId.get(externalId);
    return id === undefined ? null : this.load(id);
  }

  async loadTask(taskId: string): Promise<TaskRecord | null> {
    return this.#tasks.get(taskId) ?? null;
  }

  async findSurvey(token: string): Promise<SurveyRecord | null> {
    return this.#surveys.get(token) ?? null;
  }

  async commit(c: Commit): Promise<CommitResult> {
    return this.#commit(c);
  }

  #commit(c: Commit): CommitResult {
    const latest = this.#published.at(-1)?.version ?? null;
    if (latest !== null && c.blueprintVersion !== latest) {
      throw new EngineError("BLUEPRINT_STALE", `This step was computed on blueprint version ${c.blueprintVersion}, but version ${latest} is published. Reload and retry.`, { published: latest });
    }
    for (const { record, expectedVersion } of c.deals) {
      const current = this.#deals.get(record.id);
      if (expectedVersion === null ? current !== undefined : current?.version !== expectedVersion) {
        throw new EngineError("VERSION_CONFLICT", `Deal '${record.id}' was changed by another request.`, { deal: record.id });
      }
      if (record.externalId !== undefined) {
        const owner = this.#byExternalId.get(record.externalId);
        if (owner !== undefined && owner !== record.id) {
          throw new EngineError("VALIDATION_FAILED", `Another deal already has externalId '${record.externalId}'.`, { externalId: record.externalId });
        }
      }
    }
    // Checks passed: apply everything (nothing below can fail).
    for (const { record } of c.deals) {
      const previous = this.#deals.get(record.id);
      if (previous?.externalId !== undefined && previous.externalId !== record.externalId) this.#byExternalId.delete(previous.externalId);
      this.#deals.set(record.id, copyDeal(record));
      if (record.externalId !== undefined) this.#byExternalId.set(record.externalId, record.id);
    }
    const cursors: number[] = [];
    let list: HistoryRow[] | undefined;
    for (const row of c.history) {
      const cursor = ++this.#cursor;
      // The caller's row is not changed: the stored one carries the cursor.
      const stored: HistoryRow = { deal: row.deal, seq: row.seq, type: row.type, at: row.at, actor: row.actor, data: row.data, cursor };
      cursors.push(cursor);
      this.#history.push(stored);
      if (list === undefined || list[0]!.deal !== row.deal) {
        list = this.#historyByDeal.get(row.deal);
        if (!list) this.#historyByDeal.set(row.deal, (list = []));
      }
      list.push(stored);
    }
    for (const task of c.tasks) {
      this.#tasks.set(task.id, task);
      if (task.status === "open") addTo(this.#openTasksByDeal, task.deal, task.id, task);
      else this.#openTasksByDeal.get(task.deal)?.delete(task.id);
    }
    for (const s of c.surveys) this.#surveys.set(s.token, s);
    for (const id of c.timers.cancel) this.#dropTimer(id);
    for (const id of c.timers.done) this.#dropTimer(id);
    for (const t of c.timers.add) {
      this.#timers.set(t.id, { value: t, leaseUntil: null });
      addTo(this.#timersByDeal, t.deal, t.id, t);
    }
    for (const o of c.outbox) {
      if (this.#outboxKeys.has(o.key)) continue;
      this.#outboxKeys.add(o.key);
      this.#outbox.set(o.id, { value: o, leaseUntil: null });
    }
    return { cursors };
  }

  #dropTimer(id: string): void {
    const t = this.#timers.get(id);
    if (!t) return;
    this.#timers.delete(id);
    this.#timersByDeal.get(t.value.deal)?.delete(id);
  }

  async claimDueTimers(now: string, limit: number, leaseMs: number): Promise<TimerRecord[]> {
    const wall = this.now().toISOString();
    const due = [...this.#timers.values()]
      .filter((t) => t.value.dueAt !== null && t.value.dueAt <= now && (t.leaseUntil === null || t.leaseUntil <= wall))
      .sort((a, b) => (a.value.dueAt! < b.value.dueAt! ? -1 : a.value.dueAt! > b.value.dueAt! ? 1 : 0))
      .slice(0, limit);
    const until = new Date(this.now().getTime() + leaseMs).toISOString();
    for (const t of due) t.leaseUntil = until;
    return due.map((t) => t.value);
  }

  async claimOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxRecord[]> {
    const wall = this.now().toISOString();
    const due = [...this.#outbox.values()]
      .filter((o) => o.value.nextAttemptAt <= now && (o.leaseUntil === null || o.leaseUntil <= wall))
      .slice(0, limit);
    const until = new Date(this.now().getTime() + leaseMs).toISOString();
    for (const o of due) {
      o.leaseUntil = until;
      o.value = { ...o.value, attempts: o.value.attempts + 1 };
    }
    return due.map((o) => o.value);
  }

  async ackOutbox(ids: string[]): Promise<void> {
    for (const id of ids) this.#outbox.delete(id);
  }

  async failOutbox(id: string, retryAt: string, error: string): Promise<void> {
    const o = this.#outbox.get(id);
    if (!o) return;
    o.value = { ...o.value, nextAttemptAt: retryAt };
    o.leaseUntil = null;
    o.error = error;
  }

  async nextRoundRobin(robotId: string, n: number): Promise<number> {
    const next = this.#roundRobin.get(robotId) ?? 0;
    this.#roundRobin.set(robotId, next + 1);
    return next % Math.max(1, n);
  }

  async saveBlueprint(save: BlueprintSave): Promise<number> {
    const savedAt = this.now().toISOString();
    if (save.kind === "published") {
      const version = (this.#published.at(-1)?.version ?? 0) + 1;
      this.#published.push({ version, kind: "published", blueprint: save.blueprint as Blueprint, issues: [], savedAt });
      return version;
    }
    const current = this.#drafts.at(-1)?.version ?? 0;
    if (save.expectedRevision !== undefined && save.expectedRevision !== current) {
      throw new EngineError("VERSION_CONFLICT", `The draft was saved by someone else (revision ${current}, you had ${save.expectedRevision}). Reload it first.`, { revision: current });
    }
    this.#drafts.push({ version: current + 1, kind: "draft", blueprint: save.blueprint, issues: save.issues, savedAt });
    return current + 1;
  }

  async loadBlueprint(version?: number): Promise<StoredBlueprint | null> {
    if (version === undefined) return this.#published.at(-1) ?? null;
    return this.#published.find((b) => b.version === version) ?? null;
  }

  async loadDraft(): Promise<StoredBlueprint | null> {
    return this.#drafts.at(-1) ?? null;
  }

  async publishedVersion(): Promise<number | null> {
    return this.#published.at(-1)?.version ?? null;
  }

  async listBlueprintVersions(): Promise<{ version: number; savedAt: string }[]> {
    return this.#published.map((b) => ({ version: b.version, savedAt: b.savedAt }));
  }

  async tasks(filter: TaskFilter): Promise<TaskRecord[]> {
    const responsible = asList(filter.responsible);
    const out: TaskRecord[] = [];
    for (const t of this.#tasks.values()) {
      if (filter.deal !== undefined && t.deal !== filter.deal) continue;
      if (responsible && !responsible.includes(t.responsible)) continue;
      if (filter.status !== undefined && t.status !== filter.status) continue;
      if (filter.overdueAt !== undefined && !(t.status === "open" && t.deadline !== undefined && t.deadline < filter.overdueAt)) continue;
      if (filter.dueBefore !== undefined && !(t.status === "open" && t.deadline !== undefined && t.deadline < filter.dueBefore)) continue;
      out.push(t);
    }
    out.sort((a, b) => (a.deadline ?? "~").localeCompare(b.deadline ?? "~") || a.createdAt.localeCompare(b.createdAt));
    return filter.limit === undefined ? out : out.slice(0, filter.limit);
  }

  #matchDeal(d: DealRecord, f: DealFilter, responsible: string[] | undefined): boolean {
    return (f.pipeline === undefined || d.pipeline === f.pipeline) && (f.stage === undefined || d.stage === f.stage)
      && (f.status === undefined || d.status === f.status) && (!responsible || responsible.includes(d.responsible));
  }

  async deals(filter: DealFilter): Promise<DealRecord[]> {
    const responsible = asList(filter.responsible);
    const out = [...this.#deals.values()].filter((d) => this.#matchDeal(d, filter, responsible)).map(copyDeal);
    return filter.limit === undefined ? out : out.slice(0, filter.limit);
  }

  async dealsWithoutOpenTask(filter: DealFilter): Promise<DealRecord[]> {
    const responsible = asList(filter.responsible);
    const out = [...this.#deals.values()]
      .filter((d) => d.status === "open" && !(this.#openTasksByDeal.get(d.id)?.size) && this.#matchDeal(d, filter, responsible))
      .map(copyDeal);
    return filter.limit === undefined ? out : out.slice(0, filter.limit);
  }

  async history(filter: HistoryFilter): Promise<HistoryRow[]> {
    const rows = filter.deal !== undefined ? (this.#historyByDeal.get(filter.deal) ?? []) : this.#history;
    const out = rows.filter((r) => (filter.since === undefined || r.cursor! > filter.since) && (!filter.types || filter.types.includes(r.type)));
    return filter.limit === undefined ? out : out.slice(0, filter.limit);
  }

  async countDealsByStage(): Promise<{ pipeline: string; stage: string; deals: number }[]> {
    const counts = new Map<string, { pipeline: string; stage: string; deals: number }>();
    for (const d of this.#deals.values()) {
      const key = `${d.pipeline}/${d.stage}`;
      const c = counts.get(key) ?? { pipeline: d.pipeline, stage: d.stage, deals: 0 };
      c.deals++;
      counts.set(key, c);
    }
    return [...counts.values()];
  }
}
