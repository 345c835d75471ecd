/**
 * Rate limits over real HTTP (DESIGN.md "Conventions": 429 `RATE_LIMITED`): per signed-in user,
 * whichever token they present; per IP address for everyone else; the refused request changes
 * nothing; `0` turns a limit off; bad settings stop the server with a clear message.
 */
import { testBlueprint } from "@voronka/engine/testing";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { startTestServer, type TestServer } from "./helpers";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("rate limits", () => {
  it("answers 429 RATE_LIMITED with Retry-After once a user has used their minute, and the move changes nothing", async () => {
    server = await startTestServer({ blueprint: testBlueprint(), config: { rateLimit: { perUser: 4, perAddress: 100 } } });
    const s = server;
    const created = await s.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "ACME", responsible: "ann" });
    expect(created.status).toBe(201);
    expect(created.headers.get("x-ratelimit-limit")).toBe("4");
    expect(created.headers.get("x-ratelimit-remaining")).toBe("3");
    for (let i = 0; i < 3; i++) expect((await s.api("ann", "GET", `/api/deals/${created.body.id}`)).status).toBe(200);

    const refused = await s.api("ann", "POST", `/api/deals/${created.body.id}/move`, { stage: "qualified" });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(refused.body.error.message).toMatch(/at most 4 a minute/);
    expect(refused.body.error.details).toMatchObject({ limit: 4, windowSeconds: 60 });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    // Nothing moved: the deal is where it was, at its version.
    const deal = await s.ctx.store.load(created.body.id);
    expect(deal?.record.stage).toBe(created.body.stage);
    expect(deal?.record.version).toBe(created.body.version);
    // Another user has their own count.
    expect((await s.api("boris", "GET", "/api/deals?limit=1")).status).toBe(200);
  });

  it("counts a user's requests together whichever of their tokens they use", async () => {
    server = await startTestServer({ config: { rateLimit: { perUser: 3, perAddress: 100 } } });
    const s = server;
    const second = (await s.ctx.host.tokens.create("ann", "second device")).token;
    const get = (token: string) => fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(s.tokens["ann"]!)).status).toBe(200);
    expect((await get(second)).status).toBe(200);
    expect((await get(s.tokens["ann"]!)).status).toBe(200);
    expect((await get(second)).status).toBe(429);
  });

  it("limits requests that are not signed in by address: the survey page", async () => {
    server = await startTestServer({ config: { rateLimit: { perUser: 100, perAddress: 2 } } });
    const s = server;
    expect((await fetch(`${s.url}/s/no-such-token`)).status).toBe(404);
    expect((await fetch(`${s.url}/s/no-such-token`)).status).toBe(404);
    const third = await fetch(`${s.url}/s/no-such-token`);
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    // Signed-in users are not affected by the address's count.
    expect((await s.api("ann", "GET", "/api/me")).status).toBe(200);
  });

  it("does not count when the limits are 0", async () => {
    server = await startTestServer({ config: { rateLimit: { perUser: 0, perAddress: 0 } } });
    const s = server;
    for (let i = 0; i < 5; i++) {
      const r = await s.api("ann", "GET", "/api/me");
      expect(r.status).toBe(200);
      expect(r.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });

  it("reads the limits from the environment, with clear messages for bad values", () => {
    expect(loadConfig({}).rateLimit).toEqual({ perUser: 6000, perAddress: 600 });
    expect(loadConfig({ VORONKA_RATE_LIMIT: "120", VORONKA_RATE_LIMIT_ANONYMOUS: "0" }).rateLimit).toEqual({ perUser: 120, perAddress: 0 });
    expect(() => loadConfig({ VORONKA_RATE_LIMIT: "lots" })).toThrow(/VORONKA_RATE_LIMIT="lots": must be a number of requests a minute/);
    expect(() => loadConfig({ VORONKA_RATE_LIMIT_ANONYMOUS: "-1" })).toThrow(/VORONKA_RATE_LIMIT_ANONYMOUS="-1": must be 0 \(no limit\) or more/);
  });
});
