/**
 * The board's calls to the server (packages/server README, "deals", "tasks", "users"): thin typed
 * wrappers over {@link ApiClient.request}, so the board shares the session's token, its error
 * class ({@link ApiError}: 422 `MOVE_BLOCKED`, `REASON_REQUIRED`, …) and its ETag handling.
 */
import type { Blueprint, DealRecord, Explanation, HistoryRow, TaskRecord } from "@voronka/engine";
import type { ApiClient } from "../api/client";

/** A survey sent for a deal, as `GET /api/deals/:id` lists it. */
export interface DealSurvey {
  survey: string;
  url: string;
  status: string;
  sentAt: string;
  answeredAt: string | null;
  score: number | null;
  band: string | null;
}

/** `GET /api/deals/:id`: the deal with its open tasks and surveys, and its version for `If-Match`. */
export type DealView = DealRecord & { openTasks: TaskRecord[]; surveys: DealSurvey[] };

/** Someone in the caller's scope (`GET /api/me`). */
export interface Person {
  id: string;
  name: string;
  role: "admin" | "supervisor" | "manager" | string;
  supervisor: string | null;
  team: string | null;
  active: boolean;
}

/** `GET /api/me`: the caller, their role and the people in their scope. */
export interface Me {
  user: Person | null;
  role: Person["role"];
  scope: "all" | string[];
  people: Person[];
}

/** Workspace settings (`GET /api/settings`). */
export interface Settings {
  timeZone: string;
  currency: string;
}

/** The filters of `GET /api/deals`. */
export interface DealQuery {
  pipeline?: string;
  responsible?: string;
  team?: string;
  status?: "open" | "won" | "lost";
  noOpenTask?: boolean;
  limit?: number;
}

/** The filters of `GET /api/tasks`. */
export interface TaskQuery {
  deal?: string;
  responsible?: string;
  status?: "open" | "completed" | "cancelled";
  overdue?: boolean;
  dueBefore?: string;
  limit?: number;
}

/** A page of a list. */
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** How many pages a list read follows at most (the board is not an export). */
const MAX_PAGES = 10;

function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const enc = encodeURIComponent;

/** The board's API (see the module comment); one per API client. */
export class BoardApi {
  readonly client: ApiClient;

  constructor(client: ApiClient) {
    this.client = client;
  }

  async #all<T>(path: string, query: Record<string, string | number | boolean | undefined>, maxPages = MAX_PAGES): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const { data } = await this.client.request<Page<T>>("GET", `${path}${queryString({ ...query, cursor })}`);
      out.push(...(data.items ?? []));
      if (!data.nextCursor) break;
      cursor = data.nextCursor;
    }
    return out;
  }

  /** `GET /api/me`. */
  async me(): Promise<Me> {
    return (await this.client.request<Me>("GET", "/api/me")).data;
  }

  /** The published blueprint (`GET /api/blueprint`), or null when nothing is published. */
  async publishedBlueprint(): Promise<Blueprint | null> {
    const { data } = await this.client.request<{ published: { blueprint: Blueprint } | null }>("GET", "/api/blueprint");
    return data.published?.blueprint ?? null;
  }

  /** `GET /api/settings`. */
  async settings(): Promise<Settings> {
    return (await this.client.request<Settings>("GET", "/api/settings")).data;
  }

  /** Every deal matching the filters that the caller may see (paged through, newest first). */
  async deals(query: DealQuery, maxPages?: number): Promise<DealRecord[]> {
    return this.#all<DealRecord>("/api/deals", { limit: 500, ...query }, maxPages);
  }

  /** `GET /api/deals/:id` with its ETag (the deal's version). */
  async deal(id: string): Promise<DealView> {
    return (await this.client.request<DealView>("GET", `/api/deals/${enc(id)}`)).data;
  }

  /** The deal's whole history, oldest first. */
  async history(id: string): Promise<HistoryRow[]> {
    return this.#all<HistoryRow>(`/api/deals/${enc(id)}/history`, { limit: 1000 });
  }

  /** `GET /api/deals/:id/explain`: why the deal is here and what it waits for. */
  async explain(id: string): Promise<Explanation> {
    return (await this.client.request<Explanation>("GET", `/api/deals/${enc(id)}/explain`)).data;
  }

  /** `POST /api/deals/:id/move { stage, fields? }`: field updates and the move in one request. */
  async move(id: string, stage: string, fields?: Record<string, unknown>): Promise<DealRecord> {
    const body = fields && Object.keys(fields).length ? { stage, fields } : { stage };
    return (await this.client.request<DealRecord>("POST", `/api/deals/${enc(id)}/move`, { body })).data;
  }

  /** `PATCH /api/deals/:id { fields }` with `If-Match` on the version the user edited. */
  async updateFields(id: string, fields: Record<string, unknown>, version?: number): Promise<DealRecord> {
    return (await this.client.request<DealRecord>("PATCH", `/api/deals/${enc(id)}`, { body: { fields }, ifMatch: version !== undefined ? String(version) : null })).data;
  }

  /** `POST /api/deals/:id/activities { type, at?, data? }`. */
  async logActivity(id: string, activity: { type: string; at?: string; data?: unknown }): Promise<DealRecord> {
    return (await this.client.request<DealRecord>("POST", `/api/deals/${enc(id)}/activities`, { body: activity })).data;
  }

  /** Tasks in the caller's scope, overdue first (paged through). */
  async tasks(query: TaskQuery, maxPages?: number): Promise<TaskRecord[]> {
    return this.#all<TaskRecord>("/api/tasks", { limit: 1000, ...query }, maxPages);
  }

  /** `POST /api/tasks/:id/complete`. */
  async completeTask(id: string): Promise<{ task: TaskRecord; deal: DealRecord }> {
    return (await this.client.request<{ task: TaskRecord; deal: DealRecord }>("POST", `/api/tasks/${enc(id)}/complete`, { body: {} })).data;
  }

  /** `POST /api/tasks/:id/reschedule { deadline, reason }` (422 `REASON_REQUIRED` without a reason). */
  async rescheduleTask(id: string, deadline: string, reason: string): Promise<{ task: TaskRecord; deal: DealRecord }> {
    return (await this.client.request<{ task: TaskRecord; deal: DealRecord }>("POST", `/api/tasks/${enc(id)}/reschedule`, { body: { deadline, reason } })).data;
  }
}
