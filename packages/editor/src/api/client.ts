/**
 * The typed API client: `fetch` with the bearer token, JSON in and out, `ETag` / `If-Match` for
 * drafts, and every failure as an {@link ApiError}. One instance per signed-in session.
 */
import type { CatalogueEntry, Issue } from "@voronka/engine";
import { ApiError, errorFromBody } from "./errors";
import type { BlueprintState, DraftSaved, MeAnswer, StageFigures, VersionSummary } from "./types";

/** What the client needs: where the server is, the token, and a `fetch` (tests pass their own). */
export interface ApiClientOptions {
  baseUrl?: string;
  token: string;
  fetch?: typeof fetch;
}

interface Answer<T> {
  data: T;
  etag: string | null;
}

/** Lists come as `{ items }` or as a bare array. */
function items<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const list = (data as { items?: unknown } | null)?.items;
  return Array.isArray(list) ? (list as T[]) : [];
}

/** An `ETag` value without quotes or the weak prefix. */
export function unquoteEtag(etag: string | null): string | null {
  if (etag === null) return null;
  return etag.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

/** The API client (see the module comment). */
export class ApiClient {
  readonly baseUrl: string;
  readonly token: string;
  readonly #fetch: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? "";
    this.token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Sends one request; answers the JSON body and the `ETag`, or rejects with an {@link ApiError}. */
  async request<T>(method: string, path: string, options: { body?: unknown; ifMatch?: string | null } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch) headers["if-match"] = `"${options.ifMatch}"`;
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (cause) {
      throw new ApiError(0, "NETWORK", `The server could not be reached (${cause instanceof Error ? cause.message : String(cause)}).`);
    }
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, text.slice(0, 300));
        throw new ApiError(response.status, "BAD_RESPONSE", "The server's answer was not JSON.");
      }
    }
    if (!response.ok) throw errorFromBody(response.status, body);
    return { data: body as T, etag: unquoteEtag(response.headers.get("etag")) };
  }

  /** `GET /api/blueprint`: the published version and the draft, with the draft's revision. */
  async blueprint(): Promise<BlueprintState> {
    const { data, etag } = await this.request<Partial<BlueprintState>>("GET", "/api/blueprint");
    const draft = data.draft ?? null;
    return {
      published: data.published ?? null,
      draft: draft ? { ...draft, revision: String(draft.revision), issues: draft.issues ?? [] } : null,
      etag: etag ?? (draft ? String(draft.revision) : null),
    };
  }

  /** `PUT /api/blueprint/draft` with `If-Match: <revision>`; a 412 means someone saved meanwhile. */
  async saveDraft(blueprint: unknown, revision: string | null): Promise<DraftSaved> {
    const { data, etag } = await this.request<{ revision?: unknown; issues?: Issue[]; draft?: { revision?: unknown; issues?: Issue[] } }>(
      "PUT", "/api/blueprint/draft", { body: blueprint, ifMatch: revision },
    );
    const rev = data?.revision ?? data?.draft?.revision;
    return { revision: etag ?? (rev !== undefined ? String(rev) : null), issues: data?.issues ?? data?.draft?.issues ?? [] };
  }

  /**
   * `POST /api/blueprint/publish { mapping? }` → the new version. With `revision`, the server
   * publishes only if the draft is still that revision (412 otherwise).
   */
  async publish(mapping?: Record<string, string>, revision?: string | null): Promise<{ version: number }> {
    const { data } = await this.request<{ version: number }>("POST", "/api/blueprint/publish", { body: mapping ? { mapping } : {}, ifMatch: revision ?? null });
    return data;
  }

  /** `GET /api/blueprint/versions`, newest first. */
  async versions(): Promise<VersionSummary[]> {
    const { data } = await this.request<unknown>("GET", "/api/blueprint/versions");
    return items<VersionSummary>(data).slice().sort((a, b) => b.version - a.version);
  }

  /** `GET /api/blueprint/versions/:n` → the blueprint of that version. */
  async version(n: number): Promise<{ version: number; blueprint: unknown }> {
    const { data } = await this.request<{ version?: number; blueprint?: unknown }>("GET", `/api/blueprint/versions/${n}`);
    return { version: data.version ?? n, blueprint: data.blueprint ?? data };
  }

  /** `GET /api/catalogue`: every robot and trigger type the server knows, custom ones included. */
  async catalogue(): Promise<CatalogueEntry[]> {
    const { data } = await this.request<unknown>("GET", "/api/catalogue");
    return items<CatalogueEntry>(data);
  }

  /** `GET /api/reports/stages`: deals, overdue tasks and conversion per stage. */
  async stageFigures(): Promise<StageFigures[]> {
    const { data } = await this.request<unknown>("GET", "/api/reports/stages");
    return items<StageFigures>(data);
  }

  /** `GET /api/me`: who the caller is and the people in their scope (any role may ask). */
  async me(): Promise<MeAnswer> {
    const { data } = await this.request<Partial<MeAnswer>>("GET", "/api/me");
    return { user: data.user ?? null, role: data.role ?? "", scope: data.scope ?? [], people: Array.isArray(data.people) ? data.people : [] };
  }

  /** The URL of the event stream, with the token in the query (EventSource sends no headers). */
  eventsUrl(since?: number): string {
    const query = new URLSearchParams({ access_token: this.token });
    if (since !== undefined) query.set("since", String(since));
    return `${this.baseUrl}/api/events?${query.toString()}`;
  }
}
