/**
 * The event stream on PostgreSQL (`pnpm test:pg`): with several writers, a history row can become
 * visible after rows with higher cursors (its transaction took the lower cursor but committed
 * later). The stream must hold the later rows back until the slower transaction commits and then
 * send every row in cursor order, so that no client skips a row it has not seen.
 */
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { testBlueprint } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type BuiltApp } from "../src/app";
import { configWith } from "../src/config";
import { openDatabase, type Database } from "../src/db/connect";
import { latestCursor, streamEvents } from "../src/http/deals/event-stream";
import { ADMIN_USER_ID, seedPeople } from "../src/seed";
import { createTestDatabase, type TestDatabase } from "./pg-database";

let testDb: TestDatabase;
let db: Database;
let built: BuiltApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, pool: { max: 6 } });
  built = await buildApp({ config: configWith({ databaseUrl: testDb.url, worker: false, seedDemo: false }), db });
  await seedPeople(built.ctx, { demo: true });
  await built.ctx.engine.publish(testBlueprint());
});
afterAll(async () => {
  await built?.app.close();
  await db?.close();
  await testDb?.drop();
});

const waitUntil = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("GET /api/events on PostgreSQL", () => {
  it("sends a row that commits after a higher cursor before that cursor, never skipping it", async () => {
    const { ctx } = built;
    const deal = await ctx.engine.createDeal({ pipeline: "sales", title: "Two writers", responsible: "ann" }, { actor: { user: ADMIN_USER_ID } });
    const start = await latestCursor(ctx);
    const raw = Object.assign(new EventEmitter(), { chunks: [] as string[], write(c: string) { raw.chunks.push(c); return true; }, end() { raw.emit("close"); } });
    const cursors = () => raw.chunks.flatMap((c) => [...c.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])));
    const end = streamEvents(ctx, { userId: "ann", role: "manager", scope: new Set(["ann"]) }, raw as unknown as ServerResponse, start, { pollMs: 30, gapWaitMs: 60_000 });
    const row = (seq: number) => ({ deal: deal.id, seq, type: "activity.logged", at: new Date().toISOString(), actor: JSON.stringify({ user: "ann" }), data: JSON.stringify({ type: "call" }) });
    const slow = await ctx.knex.transaction();
    try {
      // The slow writer takes the lower cursor first; the fast one takes the next and commits.
      const low = ((await slow("history").insert(row(901)).returning("cursor")) as { cursor: string }[])[0]!.cursor;
      const high = ((await ctx.knex("history").insert(row(902)).returning("cursor")) as { cursor: string }[])[0]!.cursor;
      expect(Number(high)).toBeGreaterThan(Number(low));
      await new Promise((r) => setTimeout(r, 400));
      expect(cursors()).toEqual([]);
      await slow.commit();
      await waitUntil(() => cursors().length === 2, "both rows");
      expect(cursors()).toEqual([Number(low), Number(high)]);
    } finally {
      if (!slow.isCompleted()) await slow.rollback();
      end();
    }
  });
});
