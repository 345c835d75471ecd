/**
 * The SQL store on PostgreSQL (`pnpm test:pg`): the store contract and the engine over it in one
 * fresh database for this file (tables truncated between tests), and two stores on two pools —
 * two "processes" — claiming due timers and outbox rows at once without ever sharing one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeStoreContract, testBlueprint } from "@voronka/engine/testing";
import type { Commit, TimerRecord } from "@voronka/engine";
import { openDatabase, type Database } from "../src/db/connect";
import { createSqlStore } from "../src/store/sql-store";
import { describeSqlEngineSuite, type DatabaseUnderTest } from "../src/store/testing";
import { createTestDatabase, type TestDatabase } from "./pg-database";

const TABLES = ["deals", "tasks", "timers", "history", "stage_entries", "outbox", "surveys", "round_robin", "blueprints"];

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url });
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

/** The file's database, emptied (identity counters too). */
async function emptied(): Promise<DatabaseUnderTest> {
  await db.knex.raw(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY`);
  return { db, close: async () => {} };
}

describeStoreContract("postgresql", async () => {
  const dut = await emptied();
  return { store: createSqlStore(dut.db), close: dut.close };
});

describeSqlEngineSuite("postgresql", emptied);

const empty = (v: number, over: Partial<Commit>): Commit => ({
  blueprintVersion: v, deals: [], history: [], tasks: [], surveys: [], timers: { add: [], cancel: [], done: [] }, outbox: [], ...over,
});

describe("SQL store on PostgreSQL, two processes", () => {
  it("never lets two processes claim the same due timer or outbox row", async () => {
    await emptied();
    const other = await openDatabase({ databaseUrl: testDb.url, pool: { max: 4 } });
    try {
      const a = createSqlStore(db);
      const b = createSqlStore(other);
      const v = await a.saveBlueprint({ kind: "published", blueprint: testBlueprint() });
      const timers: TimerRecord[] = Array.from({ length: 100 }, (_, i) => ({
        id: `t${String(i).padStart(3, "0")}`, kind: "robot", dueAt: new Date(Date.UTC(2026, 2, 2, 9, 0, i)).toISOString(), deal: "d", entry: 1, blueprintVersion: v, robot: "r",
      }));
      const outbox = Array.from({ length: 100 }, (_, i) => ({
        id: `o${i}`, key: `d:1:r${i}`, kind: "webhook", deal: "d", payload: { i }, createdAt: "2026-03-02T09:00:00.000Z", attempts: 0, nextAttemptAt: "2026-03-02T09:00:00.000Z",
      }));
      await a.commit(empty(v, { timers: { add: timers, cancel: [], done: [] }, outbox }));
      const claim = async (store: typeof a, kind: "timers" | "outbox"): Promise<string[]> => {
        const got: string[] = [];
        for (;;) {
          const batch = kind === "timers"
            ? await store.claimDueTimers("2026-03-03T00:00:00.000Z", 3, 60_000)
            : await store.claimOutbox("2026-03-03T00:00:00.000Z", 3, 60_000);
          if (!batch.length) return got;
          got.push(...batch.map((x) => x.id));
        }
      };
      for (const kind of ["timers", "outbox"] as const) {
        // Several claimers per "process" too, so each pool has claims in flight at once.
        const [a1, a2, b1, b2] = await Promise.all([claim(a, kind), claim(a, kind), claim(b, kind), claim(b, kind)]);
        const fromA = [...a1!, ...a2!];
        const fromB = [...b1!, ...b2!];
        const all = [...fromA, ...fromB];
        expect(new Set(all).size, `${kind}: no row claimed twice`).toBe(all.length);
        expect(all.length, `${kind}: every row claimed`).toBe(100);
        expect(fromA.length, `${kind}: both processes took part`).toBeGreaterThan(0);
        expect(fromB.length, `${kind}: both processes took part`).toBeGreaterThan(0);
      }
    } finally {
      await other.close();
    }
  });

  it("serialises commits against a publish from another process", async () => {
    await emptied();
    const other = await openDatabase({ databaseUrl: testDb.url, pool: { max: 4 } });
    try {
      const a = createSqlStore(db);
      const b = createSqlStore(other);
      const v = await a.saveBlueprint({ kind: "published", blueprint: testBlueprint() });
      // Commits computed on v race a publish of v + 1: each either lands before it or is refused as stale.
      const deal = (i: number) => ({
        id: `d${i}`, title: "D", pipeline: "sales", stage: "lead", status: "open" as const, amount: 0, currency: "RUB", responsible: "ann",
        createdAt: "2026-03-02T09:00:00.000Z", stageEnteredAt: "2026-03-02T09:00:00.000Z", version: 1, entry: 1, seq: 1, fields: {},
      });
      const commits = Array.from({ length: 30 }, (_, i) => a.commit(empty(v, { deals: [{ record: deal(i), expectedVersion: null }] })).then(() => "ok", (e: { code?: string }) => e.code));
      const published = b.saveBlueprint({ kind: "published", blueprint: testBlueprint({ id: "newer" }) });
      const outcomes = await Promise.all(commits);
      expect(await published).toBe(v + 1);
      expect(outcomes.every((o) => o === "ok" || o === "BLUEPRINT_STALE")).toBe(true);
      expect((await a.deals({})).length).toBe(outcomes.filter((o) => o === "ok").length);
      expect(await a.commit(empty(v, { deals: [{ record: deal(99), expectedVersion: null }] })).catch((e: { code?: string }) => e.code)).toBe("BLUEPRINT_STALE");
    } finally {
      await other.close();
    }
  });
});
