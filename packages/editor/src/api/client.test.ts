import { describe, expect, it, vi } from "vitest";
import { tokenFromHash } from "./auth";
import { ApiClient } from "./client";
import { ApiError } from "./errors";

function fakeFetch(answers: { status: number; body?: unknown; etag?: string }[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const a = answers.shift() ?? { status: 500 };
    return new Response(a.body === undefined ? "" : JSON.stringify(a.body), { status: a.status, headers: a.etag ? { etag: a.etag } : {} });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

describe("ApiClient", () => {
  it("sends the bearer token and reads the draft revision from the ETag", async () => {
    const { fetch, calls } = fakeFetch([{ status: 200, etag: '"7"', body: { published: { version: 3, blueprint: {} }, draft: { revision: 7, blueprint: { id: "x" }, issues: [] } } }]);
    const state = await new ApiClient({ token: "secret", fetch }).blueprint();
    expect((calls[0]!.init.headers as Record<string, string>)["authorization"]).toBe("Bearer secret");
    expect(state.etag).toBe("7");
    expect(state.published?.version).toBe(3);
  });

  it("saves a draft with If-Match and turns a 412 into a VERSION_CONFLICT error", async () => {
    const { fetch, calls } = fakeFetch([
      { status: 200, etag: '"8"', body: { revision: 8, issues: [{ code: "x", path: [], message: "m" }] } },
      { status: 412, body: { error: { code: "VERSION_CONFLICT", message: "Someone saved", details: { revision: 9 } } } },
    ]);
    const client = new ApiClient({ token: "t", fetch });
    expect(await client.saveDraft({ id: "bp" }, "7")).toEqual({ revision: "8", issues: [{ code: "x", path: [], message: "m" }] });
    expect((calls[0]!.init.headers as Record<string, string>)["if-match"]).toBe('"7"');
    expect(calls[0]!.init.method).toBe("PUT");
    const error = await client.saveDraft({ id: "bp" }, "8").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 412, code: "VERSION_CONFLICT", details: { revision: 9 } });
  });

  it("reads lists bare or wrapped in { items }", async () => {
    const { fetch } = fakeFetch([{ status: 200, body: { items: [{ version: 1 }, { version: 2 }] } }, { status: 200, body: [{ pipeline: "p", stage: "s", deals: 1, overdueTasks: 0, conversionToNext: null }] }]);
    const client = new ApiClient({ token: "t", fetch });
    expect((await client.versions()).map((v) => v.version)).toEqual([2, 1]);
    expect(await client.stageFigures()).toHaveLength(1);
  });

  it("reads the caller's scope from /api/me", async () => {
    const sue = { id: "sue", name: "Susanna Ivanova", role: "supervisor", supervisor: "olga", team: "B2B", active: true };
    const { fetch, calls } = fakeFetch([{ status: 200, body: { user: sue, role: "supervisor", scope: ["ann", "sue"], people: [sue] } }, { status: 200, body: {} }]);
    const client = new ApiClient({ token: "t", fetch });
    expect(await client.me()).toEqual({ user: sue, role: "supervisor", scope: ["ann", "sue"], people: [sue] });
    expect(calls[0]!.url).toBe("/api/me");
    expect(await client.me()).toEqual({ user: null, role: "", scope: [], people: [] });
  });

  it("reports an unreachable server as NETWORK", async () => {
    const fetch = vi.fn(async () => { throw new TypeError("Failed to fetch"); }) as unknown as typeof globalThis.fetch;
    await expect(new ApiClient({ token: "t", fetch }).catalogue()).rejects.toMatchObject({ code: "NETWORK", status: 0 });
  });

  it("puts the token in the event stream URL (EventSource sends no headers)", () => {
    expect(new ApiClient({ token: "a b", baseUrl: "http://x" }).eventsUrl()).toBe("http://x/api/events?access_token=a+b");
  });

  it.each([["#token=abc", "abc"], ["#/editor&token=x%2By", "x+y"], ["#/editor", null]])("reads the login URL hash %s", (hash, token) => {
    expect(tokenFromHash(hash)).toBe(token);
  });
});
