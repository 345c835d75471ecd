import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../src/store/memory-store";
import type { HistoryRow } from "../src/store/records";
import type { Commit, Store } from "../src/store/store";
import { SYNC_STORE, syncStoreOf } from "../src/store/sync-store";
import { testBlueprint, testEngine, withStage } from "../src/testing";

const ann = { user: "ann" };

const withTaskOnLead = () => withStage(testBlueprint(), "sales", "lead", {
  robots: [{ id: "callLead", type: "createTask", params: { title: "Call", responsible: { kind: "dealResponsible" }, deadline: { after: "P1D" } } }],
});

describe("the in-memory store's synchronous fast path", () => {
  it("is offered by the in-memory store and used by the engine", async () => {
    const store = createMemoryStore();
    expect(syncStoreOf(store)).not.toBeNull();
    const { engine } = testEngine(withTaskOnLead(), { store });
    const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann" });
    await engine.move(deal.id, "proposal", { actor: ann });
    expect((await store.load(deal.id))!.record).toMatchObject({ stage: "proposal", version: 2 });
  });

  it("is not taken through a wrapper that replaces load or commit, so the wrapper sees every call", async () => {
    const inner = createMemoryStore();
    let commits = 0;
    let failOnce = true;
    const commit = async (c: Commit) => {
      commits++;
      if (failOnce && c.deals.some((d) => d.expectedVersion !== null)) {
        failOnce = false;
        // Someone else changed the deal in between: the engine must reload and retry.
        const loaded = (await inner.load(c.deals[0]!.record.id))!;
        await inner.commit({ blueprintVersion: c.blueprintVersion, deals: [{ record: { ...loaded.record, version: loaded.record.version + 1 }, expectedVersion: loaded.record.version }], history: [], tasks: [], surveys: [], timers: { add: [], cancel: [], done: [] }, outbox: [] });
      }
      return inner.commit(c);
    };
    const wrapper = new Proxy(inner, {
      get(target, key) {
        if (key === "commit") return commit;
        const value: unknown = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    expect((wrapper as Store & { [SYNC_STORE]?: unknown })[SYNC_STORE]).toBeDefined(); // passed through…
    expect(syncStoreOf(wrapper)).toBeNull(); // …but it no longer stands for the wrapper's commit
    const { engine } = testEngine(testBlueprint(), { store: wrapper });
    const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann" });
    const moved = await engine.move(deal.id, "proposal", { actor: ann });
    expect(moved).toMatchObject({ stage: "proposal", version: 3 });
    expect(commits).toBe(3); // create, the refused move, its retry
  });

  it("hands the caller copies: changing a loaded or returned deal changes nothing stored", async () => {
    const { engine, store } = testEngine(withTaskOnLead());
    const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann", fields: { note: "a" } });
    deal.title = "changed";
    deal.fields["note"] = "changed";
    const loaded = (await store.load(deal.id))!;
    expect(loaded.record).toMatchObject({ title: "ACME", fields: { note: "a" } });
    loaded.record.stage = "won";
    loaded.record.fields["note"] = "changed again";
    const moved = await engine.move(deal.id, "proposal", { actor: ann });
    expect(moved).toMatchObject({ title: "ACME", stage: "proposal", fields: { note: "a" } });
    moved.stage = "lost";
    expect((await engine.deal(deal.id)).record.stage).toBe("proposal");
    const tasks = await engine.tasks({ deal: deal.id });
    expect(tasks.map((t) => t.status)).toEqual(["cancelled"]);
  });

  it("keeps the committed history rows as given and numbers its own copies", async () => {
    const store = createMemoryStore();
    const v = await store.saveBlueprint({ kind: "published", blueprint: testBlueprint() as never });
    const row: HistoryRow = { deal: "d1", seq: 1, type: "deal.created", at: "2026-03-02T09:00:00.000Z", actor: ann, data: { by: "manual" } };
    const record = { id: "d1", title: "D", pipeline: "sales", stage: "lead", status: "open" as const, amount: 0, currency: "RUB", responsible: "ann", createdAt: row.at, stageEnteredAt: row.at, version: 1, entry: 1, seq: 1, fields: {} };
    const { cursors } = await store.commit({ blueprintVersion: v, deals: [{ record, expectedVersion: null }], history: [row], tasks: [], surveys: [], timers: { add: [], cancel: [], done: [] }, outbox: [] });
    expect(row.cursor).toBeUndefined();
    expect(await store.history({ deal: "d1" })).toEqual([{ ...row, cursor: cursors[0] }]);
  });
});
