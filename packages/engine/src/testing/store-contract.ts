/**
 * The store contract: every {@link Store} (memory, SQLite, PostgreSQL, an embedder's own) runs
 * this suite. Vitest is a peer dependency of `@voronka/engine/testing`.
 *
 * @example
 * describeStoreContract("memory", async () => ({ store: createMemoryStore(), close: async () => {} }));
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EngineError } from "../errors";
import type { DealRecord, HistoryRow, OutboxRecord, TaskRecord, TimerRecord } from "../store/records";
import type { Commit, Store } from "../store/store";
import { testBlueprint } from "./builders";

export interface StoreUnderTest {
  store: Store;
  close(): Promise<void>;
}

const T0 = "2026-03-02T09:00:00.000Z";

function deal(id: string, over: Partial<DealRecord> = {}): DealRecord {
  return {
    id, title: `Deal ${id}`, pipeline: "sales", stage: "lead", status: "open", amount: 100, currency: "RUB",
    responsible: "ann", createdAt: T0, stageEnteredAt: T0, version: 1, entry: 1, seq: 1, fields: {}, ...over,
  };
}
function row(dealId: string, seq: number, type: HistoryRow["type"] = "deal.created"): HistoryRow {
  return { deal: dealId, seq, type, at: T0, actor: { user: "ann" }, data: { n: seq } };
}
function task(id: string, dealId: string, over: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id, deal: dealId, pipeline: "sales", stage: "lead", entry: 1, robot: "r1", title: "Call", responsible: "ann",
    keepOnExit: false, status: "open", createdAt: T0, deadline: "2026-03-03T09:00:00.000Z", overdue: false, reschedules: 0, ...over,
  };
}
function timer(id: string, dealId: string, dueAt: string | null, over: Partial<TimerRecord> = {}): TimerRecord {
  return { id, kind: "robot", dueAt, deal: dealId, entry: 1, blueprintVersion: 1, robot: "r1", ...over };
}
function outbox(id: string, key: string, dealId: string): OutboxRecord {
  return { id, key, kind: "webhook", deal: dealId, payload: { a: 1 }, createdAt: T0, attempts: 0, nextAttemptAt: T0 };
}
function commit(version: number, over: Partial<Commit> = {}): Commit {
  return { blueprintVersion: version, deals: [], history: [], tasks: [], surveys: [], timers: { add: [], cancel: [], done: [] }, outbox: [], ...over };
}
async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, `expected ${code}`).toBeInstanceOf(EngineError);
  expect((e as EngineError).code).toBe(code);
}

/** Registers the store contract tests for a store factory. */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let sut: StoreUnderTest;
    let store: Store;
    let v: number;
    beforeEach(async () => {
      sut = await makeStore();
      store = sut.store;
      v = await store.saveBlueprint({ kind: "published", blueprint: testBlueprint() });
    });
    afterEach(async () => {
      await sut.close();
    });

    it("publishes versions in order and loads them", async () => {
      expect(await store.publishedVersion()).toBe(v);
      const v2 = await store.saveBlueprint({ kind: "published", blueprint: testBlueprint({ id: "second" }) });
      expect(v2).toBe(v + 1);
      expect(((await store.loadBlueprint())!.blueprint as { id: string }).id).toBe("second");
      expect(((await store.loadBlueprint(v))!.blueprint as { id: string }).id).toBe("test");
      expect((await store.listBlueprintVersions()).map((x) => x.version)).toEqual([v, v2]);
      expect(await store.loadBlueprint(999)).toBeNull();
    });

    it("saves drafts as revisions, refusing a stale expected revision", async () => {
      expect(await store.loadDraft()).toBeNull();
      const r1 = await store.saveBlueprint({ kind: "draft", blueprint: { broken: true }, issues: [{ code: "x", path: [], message: "m" }] });
      const r2 = await store.saveBlueprint({ kind: "draft", blueprint: { broken: 2 }, issues: [], expectedRevision: r1 });
      expect(r2).toBe(r1 + 1);
      await rejectsWith(store.saveBlueprint({ kind: "draft", blueprint: {}, issues: [], expectedRevision: r1 }), "VERSION_CONFLICT");
      const d = await store.loadDraft();
      expect(d!.version).toBe(r2);
      expect(d!.blueprint).toEqual({ broken: 2 });
    });

    it("commits a new deal with history, tasks and timers, and loads it back", async () => {
      const res = await store.commit(commit(v, {
        deals: [{ record: deal("d1", { externalId: "ext-1", fields: { note: "hi", nested: { a: [1, 2] } } }), expectedVersion: null }],
        history: [row("d1", 1)], tasks: [task("t1", "d1")], timers: { add: [timer("tm1", "d1", "2026-03-02T10:00:00.000Z")], cancel: [], done: [] },
      }));
      expect(res.cursors).toHaveLength(1);
      const loaded = await store.load("d1");
      expect(loaded!.record).toMatchObject({ id: "d1", version: 1, fields: { note: "hi", nested: { a: [1, 2] } } });
      expect(loaded!.openTasks.map((t) => t.id)).toEqual(["t1"]);
      expect(loaded!.timers.map((t) => t.id)).toEqual(["tm1"]);
      expect((await store.loadByExternalId("ext-1"))!.record.id).toBe("d1");
      expect(await store.loadByExternalId("nope")).toBeNull();
      expect(await store.load("nope")).toBeNull();
      expect((await store.loadTask("t1"))!.deal).toBe("d1");
    });

    it("refuses a commit whose expected version differs, and changes nothing", async () => {
      await store.commit(commit(v, { deals: [{ record: deal("d1"), expectedVersion: null }], history: [row("d1", 1)] }));
      await rejectsWith(store.commit(commit(v, {
        deals: [{ record: deal("d1", { version: 3, title: "changed" }), expectedVersion: 2 }],
        history: [row("d1", 2)], tasks: [task("t9", "d1")], outbox: [outbox("o9", "k9", "d1")],
      })), "VERSION_CONFLICT");
      await rejectsWith(store.commit(commit(v, { deals: [{ record: deal("d1"), expectedVersion: null }] })), "VERSION_CONFLICT");
      expect((await store.load("d1"))!.record.title).toBe("Deal d1");
      expect(await store.history({ deal: "d1" })).toHaveLength(1);
      expect(await store.loadTask("t9")).toBeNull();
      expect(await store.claimOutbox("2100-01-01T00:00:00.000Z", 10, 1000)).toHaveLength(0);
    });

    it("refuses a commit computed on a stale blueprint version", async () => {
      await store.saveBlueprint({ kind: "published", blueprint: testBlueprint({ id: "newer" }) });
      await rejectsWith(store.commit(commit(v, { deals: [{ record: deal("d1"), expectedVersion: null }], history: [row("d1", 1)] })), "BLUEPRINT_STALE");
      expect(await store.load("d1")).toBeNull();
    });

    it("updates a deal at the expected version", async () => {
      await store.commit(commit(v, { deals: [{ record: deal("d1"), expectedVersion: null }], history: [row("d1", 1)] }));
      await store.commit(commit(v, { deals: [{ record: deal("d1", { version: 2, stage: "proposal", seq: 2 }), expectedVersion: 1 }], history: [row("d1", 2, "deal.moved")] }));
      const loaded = await store.load("d1");
      expect(loaded!.record).toMatchObject({ version: 2, stage: "proposal" });
    });

    it("gives history rows increasing cursors and filters them", async () => {
      await store.commit(commit(v, { deals: [{ record: deal("d1"), expectedVersion: null }, { record: deal("d2"), expectedVersion: null }], history: [row("d1", 1), row("d2", 1)] }));
      const r2 = await store.commit(commit(v, { deals: [{ record: deal("d1", { version: 2 }), expectedVersion: 1 }], history: [row("d1", 2, "deal.moved"), row("d1", 3, "task.created")] }));
      const all = await store.history({});
      expect(all.map((r) => r.cursor)).toEqual([...all.map((r) => r.cursor)].sort((a, b) => a! - b!));
      expect(new Set(all.map((r) => r.cursor)).size).toBe(all.length);
      expect((await store.history({ deal: "d1" })).map((r) => r.seq)).toEqual([1, 2, 3]);
      expect((await store.history({ since: r2.cursors[0]! - 1 })).map((r) => r.type)).toEqual(["deal.moved", "task.created"]);
      expect((await store.history({ types: ["task.created"] })).map((r) => r.deal)).toEqual(["d1"]);
      expect((await store.history({ deal: "d1" }))[0]!.data).toEqual({ n: 1 });
      expect(await store.history({ limit: 1 })).toHaveLength(1);
    });

    it("closes tasks and answers task and deal queries", async () => {
      await store.commit(commit(v, {
        deals: [{ record: deal("d1"), expectedVersion: null }, { record: deal("d2", { responsible: "bob" }), expectedVersion: null }, { record: deal("d3", { status: "won", stage: "won" }), expectedVersion: null }],
        history: [row("d1", 1), row("d2", 1), row("d3", 1)],
        tasks: [task("t1", "d1"), task("t2", "d2", { responsible: "bob", deadline: "2026-03-02T08:00:00.000Z" })],
      }));
      expect((await store.tasks({ overdueAt: T0 })).map((t) => t.id)).toEqual(["t2"]);
      expect((await store.tasks({ responsible: "ann" })).map((t) => t.id)).toEqual(["t1"]);
      expect((await store.tasks({ responsible: ["ann", "bob"], status: "open" })).map((t) => t.id).sort()).toEqual(["t1", "t2"]);
      expect(await store.dealsWithoutOpenTask({})).toEqual([]);
      await store.commit(commit(v, { deals: [{ record: deal("d1", { version: 2 }), expectedVersion: 1 }], history: [row("d1", 2, "task.completed")], tasks: [task("t1", "d1", { status: "completed" })] }));
      expect((await store.load("d1"))!.openTasks).toEqual([]);
      expect((await store.dealsWithoutOpenTask({})).map((d) => d.id)).toEqual(["d1"]);
      expect((await store.deals({ responsible: "bob" })).map((d) => d.id)).toEqual(["d2"]);
      expect((await store.deals({ status: "won" })).map((d) => d.id)).toEqual(["d3"]);
      const counts = await store.countDealsByStage();
      expect(counts.find((c) => c.stage === "lead")!.deals).toBe(2);
    });

    it("claims due timers under a lease, and completes them only through commit", async () => {
      await store.commit(commit(v, {
        deals: [{ record: deal("d1"), expectedVersion: null }], history: [row("d1", 1)],
        timers: { add: [timer("a", "d1", "2026-03-02T10:00:00.000Z"), timer("b", "d1", "2026-03-02T11:00:00.000Z"), timer("c", "d1", null)], cancel: [], done: [] },
      }));
      expect(await store.claimDueTimers("2026-03-02T09:30:00.000Z", 10, 60_000)).toEqual([]);
      const first = await store.claimDueTimers("2026-03-02T12:00:00.000Z", 1, 60_000);
      expect(first.map((t) => t.id)).toEqual(["a"]);
      const second = await store.claimDueTimers("2026-03-02T12:00:00.000Z", 10, 60_000);
      expect(second.map((t) => t.id)).toEqual(["b"]);
      await store.commit(commit(v, { timers: { add: [], cancel: ["b"], done: ["a"] } }));
      expect((await store.load("d1"))!.timers.map((t) => t.id)).toEqual(["c"]);
    });

    it("re-offers a timer whose lease ran out (the claimer died before committing)", async () => {
      await store.commit(commit(v, { deals: [{ record: deal("d1"), expectedVersion: null }], history: [row("d1", 1)], timers: { add: [timer("a", "d1", T0)], cancel: [], done: [] } }));
      expect(await store.claimDueTimers(T0, 10, 0)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 5));
      expect((await store.claimDueTimers(T0, 10, 60_000)).map((t) => t.id)).toEqual(["a"]);
    });

    it("keeps one outbox row per idempotency key, with acks and retries", async () => {
      await store.commit(commit(v, { deals: [{ record: deal("d1"), expectedVersion: null }], history: [row("d1", 1)], outbox: [outbox("o1", "d1:1:r1", "d1")] }));
      await store.commit(commit(v, { outbox: [outbox("o2", "d1:1:r1", "d1"), outbox("o3", "d1:1:r2", "d1")] }));
      const claimed = await store.claimOutbox("2026-03-02T09:00:01.000Z", 10, 60_000);
      expect(claimed.map((o) => o.key).sort()).toEqual(["d1:1:r1", "d1:1:r2"]);
      expect(claimed.every((o) => o.attempts === 1)).toBe(true);
      expect(await store.claimOutbox("2026-03-02T09:00:01.000Z", 10, 60_000)).toEqual([]);
      await store.ackOutbox([claimed.find((o) => o.key === "d1:1:r1")!.id]);
      await store.failOutbox(claimed.find((o) => o.key === "d1:1:r2")!.id, "2026-03-02T10:00:00.000Z", "503");
      expect(await store.claimOutbox("2026-03-02T09:30:00.000Z", 10, 60_000)).toEqual([]);
      const retry = await store.claimOutbox("2026-03-02T10:00:00.000Z", 10, 60_000);
      expect(retry.map((o) => [o.key, o.attempts])).toEqual([["d1:1:r2", 2]]);
    });

    it("stores surveys by token", async () => {
      await store.commit(commit(v, {
        deals: [{ record: deal("d1"), expectedVersion: null }], history: [row("d1", 1)],
        surveys: [{ token: "tok", deal: "d1", survey: "nps", robot: "r", recipient: "a@b.c", channel: "link", url: "/s/tok", status: "sent", sentAt: T0 }],
      }));
      expect((await store.findSurvey("tok"))!.status).toBe("sent");
      await store.commit(commit(v, { surveys: [{ token: "tok", deal: "d1", survey: "nps", robot: "r", recipient: "a@b.c", channel: "link", url: "/s/tok", status: "answered", sentAt: T0, score: 9, band: "promoter" }] }));
      expect((await store.findSurvey("tok"))!).toMatchObject({ status: "answered", score: 9, band: "promoter" });
      expect(await store.findSurvey("nope")).toBeNull();
    });

    it("advances round-robin counters per robot", async () => {
      const seq = [];
      for (let i = 0; i < 5; i++) seq.push(await store.nextRoundRobin("rr", 3));
      expect(seq).toEqual([0, 1, 2, 0, 1]);
      expect(await store.nextRoundRobin("other", 2)).toBe(0);
    });
  });
}
