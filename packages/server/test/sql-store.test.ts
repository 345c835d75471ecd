/**
 * The SQL store on SQLite: the store contract and the engine over it on `better-sqlite3` (its
 * prepared-statement path and its knex path) and on `sqlite3`, each test in its own temp directory;
 * plus what only SQLite's shared single connection can get wrong.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Commit } from "@voronka/engine";
import { testBlueprint } from "@voronka/engine/testing";
import { describeStoreContract } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { openDatabase, type SqliteDriver } from "../src/db/connect";
import { createSqlStore, type SqlStoreOptions } from "../src/store/sql-store";
import { countRows, describeSqlEngineSuite, type DatabaseUnderTest } from "../src/store/testing";

async function tempDatabase(driver: SqliteDriver): Promise<DatabaseUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), "voronka-"));
  const db = await openDatabase({ dataDir: dir, sqliteDriver: driver });
  return {
    db,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const variants: { name: string; driver: SqliteDriver; options: SqlStoreOptions }[] = [
  { name: "sqlite (better-sqlite3)", driver: "better-sqlite3", options: {} },
  { name: "sqlite (better-sqlite3, no group commit)", driver: "better-sqlite3", options: { groupCommit: false } },
  { name: "sqlite (better-sqlite3, knex path)", driver: "better-sqlite3", options: { preparedStatements: false } },
  { name: "sqlite (sqlite3)", driver: "sqlite3", options: {} },
];

for (const v of variants) {
  describeStoreContract(v.name, async () => {
    const dut = await tempDatabase(v.driver);
    return { store: createSqlStore(dut.db, v.options), close: dut.close };
  });
  describeSqlEngineSuite(v.name, () => tempDatabase(v.driver), v.options);
}

describe("SQL store on SQLite", () => {
  it("takes the prepared-statement path on better-sqlite3 only", async () => {
    for (const [driver, path] of [["better-sqlite3", "better-sqlite3 prepared"], ["sqlite3", "knex"]] as const) {
      const dut = await tempDatabase(driver);
      expect(createSqlStore(dut.db).path).toBe(path);
      expect(createSqlStore(dut.db, { preparedStatements: false }).path).toBe("knex");
      await dut.close();
    }
  });

  it("never writes into another module's knex transaction on the shared connection", async () => {
    const dut = await tempDatabase("better-sqlite3");
    const store = createSqlStore(dut.db);
    const v = await store.saveBlueprint({ kind: "published", blueprint: testBlueprint() });
    let inside!: () => void;
    const started = new Promise<void>((r) => { inside = r; });
    // Another module holds the only connection in a transaction that rolls back after a while…
    const other = dut.db.knex.transaction(async (trx) => {
      await trx("settings").insert({ key: "k", value: "v" });
      inside();
      await new Promise((r) => setTimeout(r, 30));
      throw new Error("rolled back on purpose");
    }).catch((e: Error) => e.message);
    await started;
    // …while the store commits: the commit waits for the connection and survives the rollback.
    const committed = store.commit({
      blueprintVersion: v,
      deals: [{ record: { id: "d", title: "D", pipeline: "sales", stage: "lead", status: "open", amount: 0, currency: "RUB", responsible: "ann", createdAt: "2026-03-02T09:00:00.000Z", stageEnteredAt: "2026-03-02T09:00:00.000Z", version: 1, entry: 1, seq: 1, fields: {} }, expectedVersion: null }],
      history: [{ deal: "d", seq: 1, type: "deal.created", at: "2026-03-02T09:00:00.000Z", actor: { user: "ann" }, data: {} }],
      tasks: [], surveys: [], timers: { add: [], cancel: [], done: [] }, outbox: [],
    });
    expect(await other).toBe("rolled back on purpose");
    expect((await committed).cursors).toHaveLength(1);
    expect((await store.load("d"))!.record.title).toBe("D");
    expect(await dut.db.knex("settings").where("key", "k").first()).toBeUndefined();
    expect((await countRows(dut.db))["history"]).toBe(1);
    await dut.close();
  });

  it("group-commits concurrent commits, refusing only the ones that fail", async () => {
    const dut = await tempDatabase("better-sqlite3");
    const store = createSqlStore(dut.db);
    const v = await store.saveBlueprint({ kind: "published", blueprint: testBlueprint() });
    const at = "2026-03-02T09:00:00.000Z";
    const deal = (id: string, version = 1) => ({ id, title: id, pipeline: "sales", stage: "lead", status: "open" as const, amount: 0, currency: "RUB", responsible: "ann", createdAt: at, stageEnteredAt: at, version, entry: 1, seq: version, fields: {} });
    const create = (id: string, timer?: string): Commit => ({
      blueprintVersion: v, deals: [{ record: deal(id), expectedVersion: null }],
      history: [{ deal: id, seq: 1, type: "deal.created", at, actor: { user: "ann" }, data: {} }], tasks: [], surveys: [],
      timers: { add: timer ? [{ id: timer, kind: "robot", dueAt: at, deal: id, entry: 1, blueprintVersion: v }] : [], cancel: [], done: [] }, outbox: [],
    });
    const codes = (ps: Promise<unknown>[]) => Promise.all(ps.map((p) => p.then(() => "ok", (e: { code?: string }) => e.code ?? String(e))));
    // One turn of the event loop: one group. The second creation of "a" fails its check and is left out.
    expect(await codes([store.commit(create("a")), store.commit(create("a")), store.commit(create("b")), store.commit({ ...create("c"), blueprintVersion: v + 1 })]))
      .toEqual(["ok", "VERSION_CONFLICT", "ok", "BLUEPRINT_STALE"]);
    // A write that fails (a timer id already taken) rolls the group back; it is retried commit by commit.
    expect(await codes([store.commit(create("d", "tm")), store.commit(create("e", "tm")), store.commit(create("f"))])).toEqual(["ok", "VERSION_CONFLICT", "ok"]);
    expect((await store.deals({})).map((d) => d.id)).toEqual(["a", "b", "d", "f"]);
    expect((await store.history({})).map((h) => h.deal)).toEqual(["a", "b", "d", "f"]);
    await dut.close();
  });

  it("keeps its data across reopening the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voronka-"));
    try {
      const db1 = await openDatabase({ dataDir: dir });
      const s1 = createSqlStore(db1);
      await s1.saveBlueprint({ kind: "published", blueprint: testBlueprint() });
      await s1.saveBlueprint({ kind: "draft", blueprint: { id: "draft" }, issues: [{ code: "c", path: ["a", 1], message: "m" }] });
      expect(await s1.nextRoundRobin("r", 2)).toBe(0);
      await s1.close();
      await db1.close();
      const db2 = await openDatabase({ dataDir: dir, sqliteDriver: "sqlite3" });
      const s2 = createSqlStore(db2);
      expect(await s2.publishedVersion()).toBe(1);
      expect(await s2.loadDraft()).toMatchObject({ version: 1, kind: "draft", blueprint: { id: "draft" }, issues: [{ code: "c", path: ["a", 1], message: "m" }] });
      expect(await s2.nextRoundRobin("r", 2)).toBe(1);
      await db2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
