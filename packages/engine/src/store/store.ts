/**
 * The store interface (normative): every durable fact the engine needs, behind async calls, with
 * one atomic `commit` per event. The in-memory store and the server's SQL store both implement it
 * and both pass `describeStoreContract` from `@voronka/engine/testing`.
 */
import type { Blueprint } from "../blueprint/blueprint.schema";
import type { Issue } from "../errors";
import type {
  DealRecord, HistoryRow, HistoryType, OutboxRecord, SurveyRecord, TaskRecord, TimerRecord,
} from "./records";

/** A deal with what a step needs beside it: its open tasks and pending timers. */
export interface LoadedDeal {
  record: DealRecord;
  openTasks: TaskRecord[];
  timers: TimerRecord[];
}

/** Everything one event changed, applied atomically or not at all. */
export interface Commit {
  /** The blueprint version the step was computed on; a store refuses it once a newer one is published. */
  blueprintVersion: number;
  /** `expectedVersion` is the version read before the step; `null` for a deal the step created. */
  deals: { record: DealRecord; expectedVersion: number | null }[];
  history: HistoryRow[];
  /** Upserts of whole task records. */
  tasks: TaskRecord[];
  /** Upserts of whole survey records. */
  surveys: SurveyRecord[];
  timers: { add: TimerRecord[]; cancel: string[]; done: string[] };
  outbox: OutboxRecord[];
}

/** What `commit` answers: the cursors given to the history rows, in order. */
export interface CommitResult {
  cursors: number[];
}

export type BlueprintSave =
  | { kind: "draft"; blueprint: unknown; issues: Issue[]; expectedRevision?: number }
  | { kind: "published"; blueprint: Blueprint };

export interface StoredBlueprint {
  /** Published version number, or the draft's revision. */
  version: number;
  kind: "draft" | "published";
  blueprint: unknown;
  issues: Issue[];
  savedAt: string;
}

export interface TaskFilter {
  deal?: string;
  responsible?: string | string[];
  status?: TaskRecord["status"];
  /** Open tasks whose deadline is before this instant. */
  overdueAt?: string;
  /** Open tasks due before this instant (e.g. the end of today). */
  dueBefore?: string;
  limit?: number;
}

export interface DealFilter {
  pipeline?: string;
  stage?: string;
  responsible?: string | string[];
  status?: DealRecord["status"];
  limit?: number;
}

export interface HistoryFilter {
  deal?: string;
  types?: HistoryType[];
  /** Rows with a cursor greater than this one. */
  since?: number;
  limit?: number;
}

/** Durable storage for the engine. Every method is async; `commit` is the only writer of deal state. */
export interface Store {
  load(dealId: string): Promise<LoadedDeal | null>;
  loadByExternalId(externalId: string): Promise<LoadedDeal | null>;
  loadTask(taskId: string): Promise<TaskRecord | null>;
  findSurvey(token: string): Promise<SurveyRecord | null>;
  /**
   * Applies a step atomically. Rejects with `EngineError("VERSION_CONFLICT")` when an expected deal
   * version differs (or a deal to create exists), and `EngineError("BLUEPRINT_STALE")` when
   * `blueprintVersion` is not the published one. A rejected commit changes nothing.
   */
  commit(commit: Commit): Promise<CommitResult>;
  /** Leases due timers to this process for `leaseMs`; completion goes through `commit`. */
  claimDueTimers(now: string, limit: number, leaseMs: number): Promise<TimerRecord[]>;
  claimOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxRecord[]>;
  ackOutbox(ids: string[]): Promise<void>;
  failOutbox(id: string, retryAt: string, error: string): Promise<void>;
  /** Atomically advances a robot's round-robin counter; answers the index to use, in [0, n). */
  nextRoundRobin(robotId: string, n: number): Promise<number>;
  /** Saves a draft (a new revision) or publishes (a new version). Answers the revision or version. */
  saveBlueprint(save: BlueprintSave): Promise<number>;
  /** The published version `version`, the latest published one, or null. */
  loadBlueprint(version?: number): Promise<StoredBlueprint | null>;
  loadDraft(): Promise<StoredBlueprint | null>;
  publishedVersion(): Promise<number | null>;
  listBlueprintVersions(): Promise<{ version: number; savedAt: string }[]>;
  tasks(filter: TaskFilter): Promise<TaskRecord[]>;
  deals(filter: DealFilter): Promise<DealRecord[]>;
  dealsWithoutOpenTask(filter: DealFilter): Promise<DealRecord[]>;
  history(filter: HistoryFilter): Promise<HistoryRow[]>;
  /** Deals per stage of a pipeline (for publish mapping checks). */
  countDealsByStage(): Promise<{ pipeline: string; stage: string; deals: number }[]>;
}
