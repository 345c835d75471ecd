/**
 * An in-memory {@link Store}: for embedders' tests, the browser simulator and benchmarks. It keeps
 * the same contract as the SQL store (it passes `describeStoreContract`), including atomic
 * commits, version checks and leases; it just forgets everything when the process ends.
 */
import type { Blueprint } from "../blueprint/blueprint.schema";
import { EngineError } from "../errors";
import type { DealRecord, HistoryRow, OutboxRecord, SurveyRecord, TaskRecord, TimerRecord } from "./records";
import type {
  BlueprintSave, Commit, CommitResult, DealFilter, HistoryFilter, LoadedDeal, Store, StoredBlueprint, TaskFilter,
} from "./store";

const asList = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const copyDeal = (d: DealRecord): DealRecord => ({ ...d, fields: { ...d.fields } });

interface Leased<T> { value: T; leaseUntil: string | null }

/** Creates an empty in-memory store. */
export function createMemoryStore(options: { now?: () => Date } = {}): Store {
  return new MemoryStore(options.now ?? (() => new Date()));
}

class MemoryStore implements Store {
  #deals = new Map<string, DealRecord>();
  #byExternalId = new Map<string, string>();
  #tasks = new Map<string, TaskRecord>();
  #openTasksByDeal = new Map<string, Set<string>>();
  #timers = new Map<string, Leased<TimerRecord>>();
  #timersByDeal = new Map<string, Set<string>>();
  #surveys = new Map<string, SurveyRecord>();
  #history: HistoryRow[] = [];
  #historyByDeal = new Map<string, HistoryRow[]>();
  #outbox = new Map<string, Leased<OutboxRecord> & { error?: string }>();
  #outboxKeys = new Set<string>();
  #roundRobin = new Map<string, number>();
  #published: StoredBlueprint[] = [];
  #drafts: StoredBlueprint[] = [];
  #cursor = 0;

  constructor(private readonly now: () => Date) {}

  async load(dealId: string): Promise<LoadedDeal | null> {
    const record = this.#deals.get(dealId);
    if (!record) return null;
    const openTasks: TaskRecord[] = [];
    for (const id of this.#openTasksByDeal.get(dealId) ?? []) openTasks.push(this.#tasks.get(id)!);
    const timers: TimerRecord[] = [];
    for (const id of this.#timersByDeal.get(dealId) ?? []) timers.push(this.#timers.get(id)!.value);
    return { record: copyDeal(record), openTasks, timers };
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
    for (const row of c.history) {
      const stored = { ...row, cursor: ++this.#cursor };
      cursors.push(stored.cursor);
      this.#history.push(stored);
      let list = this.#historyByDeal.get(row.deal);
      if (!list) this.#historyByDeal.set(row.deal, (list = []));
      list.push(stored);
    }
    for (const task of c.tasks) {
      this.#tasks.set(task.id, task);
      let open = this.#openTasksByDeal.get(task.deal);
      if (!open) this.#openTasksByDeal.set(task.deal, (open = new Set()));
      if (task.status === "open") open.add(task.id);
      else open.delete(task.id);
    }
    for (const s of c.surveys) this.#surveys.set(s.token, s);
    for (const id of [...c.timers.cancel, ...c.timers.done]) {
      const t = this.#timers.get(id);
      if (!t) continue;
      this.#timers.delete(id);
      this.#timersByDeal.get(t.value.deal)?.delete(id);
    }
    for (const t of c.timers.add) {
      this.#timers.set(t.id, { value: t, leaseUntil: null });
      let set = this.#timersByDeal.get(t.deal);
      if (!set) this.#timersByDeal.set(t.deal, (set = new Set()));
      set.add(t.id);
    }
    for (const o of c.outbox) {
      if (this.#outboxKeys.has(o.key)) continue;
      this.#outboxKeys.add(o.key);
      this.#outbox.set(o.id, { value: o, leaseUntil: null });
    }
    return { cursors };
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
