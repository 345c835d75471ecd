/**
 * Tests of the SQL store under the real engine, shared by the SQLite and PostgreSQL test files:
 * deals created, moved and ticked through timers over SQL; concurrent commands on one deal that
 * never lose an update; a refused commit that leaves no row behind. Vitest is a dev dependency:
 * import this from tests only.
 */
import { EngineError, createEngine, type Blueprint, type Commit, type DealRecord, type Engine, type OutboxRecord, type Store } from "@voronka/engine";
import { fakeClock, sequentialIds, testBlueprint, withStage, type FakeClock } from "@voronka/engine/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connect";
import { stageEntriesFromHistorySql } from "../db/migrations/0003-stage-entries";
import { createSqlStore, type SqlStore, type SqlStoreOptions } from "./sql-store";

/** A database under test; `close` releases it (the PostgreSQL suite truncates instead of dropping). */
export interface DatabaseUnderTest {
  db: Database;
  close(): Promise<void>;
}

const ann = { user: "ann" };
const ENGINE_TABLES = ["deals", "tasks", "timers", "history", "stage_entries", "outbox", "surveys", "round_robin"] as const;

function withTask(bp: Blueprint, stageId: string, robotId: string, extra: Record<string, unknown> = {}): Blueprint {
  return withStage(bp, "sales", stageId, {
    robots: [{ id: robotId, type: "createTask", params: { title: { en: `Do ${stageId}`, ru: `Сделать ${stageId}` }, responsible: { kind: "dealResponsible" }, deadline: { after: "P1D" }, ...extra } }],
  });
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (e === null) return null;
  if (!(e instanceof EngineError)) throw e;
  return e.code;
}

/** Rows per engine table, to show that a refused commit wrote nothing. */
export async function countRows(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ENGINE_TABLES) {
    const row = (await db.knex(table).count({ n: "*" }).first()) as { n: unknown } | undefined;
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

/** Registers the engine-over-SQL tests for a database factory (a fresh or emptied database per test). */
export function describeSqlEngineSuite(name: string, makeDb: () => Promise<DatabaseUnderTest>, storeOptions: SqlStoreOptions = {}): void {
  describe(`engine over the SQL store: ${name}`, () => {
    let dut: DatabaseUnderTest;
    let clock: FakeClock;
    let store: Store;
    const open = (bp: unknown, extra: Partial<Parameters<typeof createEngine>[0]> = {}): Engine =>
      createEngine({ blueprint: bp, store, clock, ids: sequentialIds(), settings: { timeZone: "Europe/Moscow", currency: "RUB" }, ...extra });

    beforeEach(async () => {
      dut = await makeDb();
      clock = fakeClock();
      store = createSqlStore(dut.db, { ...storeOptions, now: () => clock.now() });
    });
    afterEach(async () => {
      await dut.close();
    });

    it("creates deals, moves them, and completes tasks, with history and tasks in SQL", async () => {
      const engine = open(withTask(withTask(testBlueprint(), "lead", "callLead"), "proposal", "sendCp"));
      const deal = await engine.createDeal({ pipeline: "sales", title: "ACME", responsible: "ann", amount: 5000, externalId: "crm-1", fields: { note: "x" } });
      expect(deal).toMatchObject({ stage: "lead", version: 1, amount: 5000, fields: { note: "x" } });
      expect((await engine.history(deal.id)).map((h) => h.type)).toEqual(["deal.created", "robot.ran", "task.created"]);
      const moved = await engine.move(deal.id, "proposal", { actor: ann });
      expect(moved).toMatchObject({ stage: "proposal", version: 2, entry: 2 });
      const tasks = await engine.tasks({ deal: deal.id });
      expect(tasks.map((t) => [t.robot, t.status]).sort()).toEqual([["callLead", "cancelled"], ["sendCp", "open"]]);
      const open1 = tasks.find((t) => t.status === "open")!;
      expect(open1.title).toEqual({ en: "Do proposal", ru: "Сделать proposal" });
      await engine.completeTask(open1.id, { actor: ann });
      const loaded = await engine.deal(deal.id);
      expect(loaded.openTasks).toEqual([]);
      expect(loaded.timers).toEqual([]);
      expect((await store.loadByExternalId("crm-1"))!.record.id).toBe(deal.id);
      expect((await store.dealsWithoutOpenTask({})).map((d) => d.id)).toEqual([deal.id]);
      const history = await engine.history(deal.id);
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.at(-1)).toMatchObject({ type: "task.completed", actor: ann });
      expect(await codeOf(engine.createDeal({ pipeline: "sales", title: "Dup", responsible: "ann", externalId: "crm-1" }))).toBe("VALIDATION_FAILED");
    });

    it("answers a deal's responsible for scope checks, and null for no such deal", async () => {
      const engine = open(testBlueprint());
      const anns = await engine.createDeal({ pipeline: "sales", title: "Ann's", responsible: "ann" });
      const boriss = await engine.createDeal({ pipeline: "sales", title: "Boris's", responsible: "boris" });
      const sql = store as SqlStore;
      expect(await sql.responsibleOf(anns.id)).toBe("ann");
      expect(await sql.responsibleOf(boriss.id)).toBe("boris");
      expect(await sql.responsibleOf("no-such-deal")).toBeNull();
    });

    it("fires delayed robots and deadlines from durable timers once, also after a restart", async () => {
      let bp = withStage(testBlueprint(), "sales", "lead", {
        robots: [{ id: "remind", type: "createTask", delay: { after: "PT2H" }, params: { title: "Remind", responsible: { kind: "dealResponsible" }, deadline: { after: "PT1H" } } }],
      });
      bp = withStage(bp, "sales", "proposal", { triggers: [{ id: "escalate", type: "overdue", params: { robot: "remind" } }] });
      const first = open(bp);
      const d = await first.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
      expect((await first.deal(d.id)).timers).toHaveLength(1);
      clock.advance("PT1H");
      expect((await first.tick()).timers).toBe(0);
      clock.advance("PT2H");
      expect((await first.tick()).timers).toBe(1);
      expect((await first.tick()).timers).toBe(0);
      expect((await first.tasks({ deal: d.id })).map((t) => t.robot)).toEqual(["remind"]);
      // "The host dies": a new engine over a new store on the same database fires what fell due meanwhile.
      clock.advance("PT2H");
      store = createSqlStore(dut.db, { ...storeOptions, now: () => clock.now() });
      const second = open(bp);
      expect((await second.tick()).timers).toBe(1);
      const after = await second.deal(d.id);
      expect(after.record.stage).toBe("proposal");
      expect((await second.history(d.id)).map((h) => h.type)).toEqual(expect.arrayContaining(["task.overdue", "trigger.fired", "deal.moved"]));
    });

    it("sends surveys through the outbox, takes the answer once, and assigns round-robin", async () => {
      let bp = withStage(testBlueprint(), "sales", "won", {
        robots: [{ id: "nps", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "link" } }],
      });
      bp = withStage(bp, "sales", "lead", {
        robots: [{ id: "rr", type: "createTask", params: { title: "Call", responsible: { kind: "roundRobin", users: ["a", "b", "c"] } } }],
      });
      const delivered: OutboxRecord[] = [];
      const engine = open(bp, { deliver: (e) => { delivered.push(e); } });
      const deals: DealRecord[] = [];
      for (let i = 0; i < 4; i++) deals.push(await engine.createDeal({ pipeline: "sales", title: `D${i}`, responsible: "ann", fields: { email: "c@x.ru" } }));
      const responsibles = [];
      for (const d of deals) responsibles.push((await engine.tasks({ deal: d.id }))[0]!.responsible);
      expect(responsibles).toEqual(["a", "b", "c", "a"]);
      const d = deals[0]!;
      await engine.move(d.id, "won", { actor: ann });
      const token = (await engine.history(d.id)).find((h) => h.type === "survey.sent")!.data["token"] as string;
      expect((await engine.tick()).outbox).toBe(1);
      expect(delivered[0]).toMatchObject({ kind: "survey", key: `${d.id}:2:nps`, attempts: 1, payload: { token } });
      expect((await engine.tick()).outbox).toBe(0);
      await engine.answerSurvey(token, { score: 9, reason: "fast" });
      expect(await store.findSurvey(token)).toMatchObject({ status: "answered", score: 9, band: "promoter", reason: "fast" });
      expect(await codeOf(engine.answerSurvey(token, { score: 3 }))).toBe("SURVEY_ANSWERED");
    });

    it("reloads and retries when another engine published a newer blueprint", async () => {
      const a = open(testBlueprint());
      const d = await a.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
      const b = open(undefined);
      const { version } = await b.publish(withTask(testBlueprint(), "proposal", "sendCp"));
      expect(version).toBe(2);
      await a.move(d.id, "proposal", { actor: ann });
      expect((await a.tasks({ deal: d.id })).map((t) => t.robot)).toEqual(["sendCp"]);
      expect((await store.listBlueprintVersions()).map((v) => v.version)).toEqual([1, 2]);
    });

    it("never loses an update under 20 concurrent commands on one deal", async () => {
      const engine = open(testBlueprint());
      const d = await engine.createDeal({ pipeline: "sales", title: "Hot", responsible: "ann" });
      const ops = Array.from({ length: 20 }, (_, i) => i % 2 === 0
        ? engine.updateDeal(d.id, { note: `u${i}` }, { actor: ann })
        : engine.move(d.id, i % 4 === 1 ? "proposal" : "lead", { actor: ann, fields: { note: `m${i}` } }));
      const results = await Promise.allSettled(ops);
      const ok = results.filter((r): r is PromiseFulfilledResult<DealRecord> => r.status === "fulfilled").map((r) => r.value);
      for (const r of results) {
        if (r.status === "rejected") expect((r.reason as EngineError).code).toBe("VERSION_CONFLICT");
      }
      expect(ok.length).toBeGreaterThan(0);
      const final = (await engine.deal(d.id)).record;
      expect(final.version).toBe(ok.length + 1);
      expect(ok.map((r) => r.version).sort((x, y) => x - y)).toEqual(ok.map((_, i) => i + 2));
      expect(final.fields["note"]).toBe(ok.find((r) => r.version === final.version)!.fields["note"]);
      const history = await engine.history(d.id);
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.filter((h) => h.type === "deal.fields.changed")).toHaveLength(ok.length);
    });

    it("lets exactly one of 20 commands at the same expected version through", async () => {
      const engine = open(testBlueprint());
      const d = await engine.createDeal({ pipeline: "sales", title: "Hot", responsible: "ann" });
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => engine.updateDeal(d.id, { note: `n${i}` }, { actor: ann, expectedVersion: 1 })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect((r.reason as EngineError).code).toBe("VERSION_CONFLICT");
      expect((await engine.deal(d.id)).record.version).toBe(2);
    });

    it("leaves no row behind when a commit is refused half-way", async () => {
      const v = await store.saveBlueprint({ kind: "published", blueprint: testBlueprint() });
      const deal = (id: string, over: Partial<DealRecord> = {}): DealRecord => ({
        id, title: id, pipeline: "sales", stage: "lead", status: "open", amount: 1, currency: "RUB", responsible: "ann",
        createdAt: "2026-03-02T09:00:00.000Z", stageEnteredAt: "2026-03-02T09:00:00.000Z", version: 1, entry: 1, seq: 1, fields: {}, ...over,
      });
      const row = (dealId: string, seq: number) => ({ deal: dealId, seq, type: "deal.created" as const, at: "2026-03-02T09:00:00.000Z", actor: ann, data: {} });
      await store.commit({ blueprintVersion: v, deals: [{ record: deal("old", { externalId: "taken" }), expectedVersion: null }], history: [row("old", 1)], tasks: [], surveys: [], timers: { add: [], cancel: [], done: [] }, outbox: [] });
      const before = await countRows(dut.db);
      const full = (over: Partial<Commit>): Commit => ({
        blueprintVersion: v,
        deals: [{ record: deal("new"), expectedVersion: null }],
        history: [row("new", 1), row("new", 2)],
        tasks: [{ id: "t", deal: "new", pipeline: "sales", stage: "lead", entry: 1, title: "T", responsible: "ann", keepOnExit: false, status: "open", createdAt: "2026-03-02T09:00:00.000Z", overdue: false, reschedules: 0 }],
        surveys: [{ token: "tok", deal: "new", survey: "nps", robot: "r", recipient: "x", channel: "link", url: "/s/tok", status: "sent", sentAt: "2026-03-02T09:00:00.000Z" }],
        timers: { add: [{ id: "tm", kind: "robot", dueAt: "2026-03-02T10:00:00.000Z", deal: "new", entry: 1, blueprintVersion: v }], cancel: [], done: [] },
        outbox: [{ id: "o", key: "new:1:r", kind: "webhook", deal: "new", payload: {}, createdAt: "2026-03-02T09:00:00.000Z", attempts: 0, nextAttemptAt: "2026-03-02T09:00:00.000Z" }],
        ...over,
      });
      // A stale expected version on a second deal, a duplicate history row (fails after the deal is written), a taken externalId, a stale blueprint.
      expect(await codeOf(store.commit(full({ deals: [{ record: deal("new"), expectedVersion: null }, { record: deal("old", { version: 3 }), expectedVersion: 2 }] })))).toBe("VERSION_CONFLICT");
      expect(await codeOf(store.commit(full({ history: [row("new", 1), row("new", 1)] })))).toBe("VERSION_CONFLICT");
      expect(await codeOf(store.commit(full({ deals: [{ record: deal("new", { externalId: "taken" }), expectedVersion: null }] })))).toBe("VALIDATION_FAILED");
      expect(await codeOf(store.commit(full({ blueprintVersion: v + 1 })))).toBe("BLUEPRINT_STALE");
      expect(await countRows(dut.db)).toEqual(before);
      expect(await codeOf(store.commit(full({})))).toBeNull();
      expect(await countRows(dut.db)).toEqual({ ...before, deals: 2, tasks: 1, timers: 1, history: 3, stage_entries: 3, outbox: 1, surveys: 1 });
    });

    it("writes a stage_entries row with every creation and move, the rows migration 0003 derives from the history", async () => {
      let bp = withStage(testBlueprint(), "sales", "proposal", {
        robots: [{ id: "copyWarm", type: "copyToTunnel", params: { pipeline: "warmup", stage: "nurture", mode: "copy", carry: "all" } }],
      });
      bp = withStage(bp, "sales", "contract", {
        robots: [{ id: "moveWarm", type: "copyToTunnel", params: { pipeline: "warmup", stage: "nurture", mode: "move", carry: "all" } }],
      });
      const engine = open(bp);
      const a = await engine.createDeal({ pipeline: "sales", title: "A", responsible: "ann" });
      clock.advance("PT1H");
      await engine.move(a.id, "proposal", { actor: ann }); // and a copy into warmup, created in the same commit
      clock.advance("P1D");
      await engine.move(a.id, "contract", { actor: ann, fields: { contractNo: "7" } }); // contract, then nurture: two entries in one commit
      clock.advance("PT3H");
      await engine.move(a.id, "warm-lost", { actor: ann });
      clock.advance("PT5M");
      await engine.reopen(a.id, "nurture", { actor: { user: "sue" }, reason: "Came back" });
      // Moves of several deals in one turn (one group on the prepared path), and one deal raced by five commands.
      const many = [];
      for (let i = 0; i < 4; i++) many.push(await engine.createDeal({ pipeline: "sales", title: `M${i}`, responsible: "ann" }));
      clock.advance("PT2H");
      await Promise.all(many.map((d, i) => engine.move(d.id, i % 2 ? "won" : "lost", { actor: ann, fields: { lossReason: "expensive" } })));
      const hot = await engine.createDeal({ pipeline: "sales", title: "Hot", responsible: "ann" });
      const raced = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => engine.move(hot.id, i % 2 ? "lead" : "proposal", { actor: ann })));
      expect(raced.some((r) => r.status === "fulfilled")).toBe(true);
      await engine.importDeals([
        { pipeline: "sales", stage: "lost", title: "Imported", responsible: "ann", createdAt: "2025-01-01T00:00:00Z", closedAt: "2025-03-01T00:00:00Z", moves: [{ stage: "lead", at: "2025-01-01T00:00:00Z" }, { stage: "proposal", at: "2025-02-01T00:00:00Z" }] },
        { pipeline: "sales", stage: "won", title: "Imported 2", responsible: "ann", createdAt: "2025-01-05T00:00:00Z" },
      ]);

      const columns = "deal, seq, stage, at, from_stage, prev_stage, prev_at";
      const rows = async (sql: string) => (await dut.db.knex.raw(sql)) as unknown;
      const plain = (r: unknown): Record<string, unknown>[] =>
        ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[]).map((x) => ({ ...x, seq: Number(x["seq"]) }));
      const stored = plain(await rows(`SELECT ${columns} FROM stage_entries ORDER BY deal, seq`));
      const derived = plain(await rows(`SELECT ${columns} FROM (${stageEntriesFromHistorySql(dut.db.dialect)}) x ORDER BY deal, seq`));
      expect(stored).toEqual(derived);
      const history = await engine.history(a.id);
      expect(stored.filter((r) => r["deal"] === a.id).map((r) => [r["stage"], r["from_stage"], r["prev_stage"]])).toEqual([
        ["lead", null, null], ["proposal", "lead", "lead"], ["contract", "proposal", "proposal"],
        ["nurture", "sales/contract", "contract"], // a tunnel move names the pipeline it left
        ["warm-lost", "nurture", "nurture"], ["nurture", "warm-lost", "warm-lost"],
      ]);
      expect(stored.filter((r) => r["deal"] === a.id).map((r) => r["seq"])).toEqual(history.filter((h) => h.type === "deal.created" || h.type === "deal.moved").map((h) => h.seq));
      expect(stored.length).toBeGreaterThan(20);
    });

    it("imports a batch larger than one INSERT statement takes", async () => {
      const engine = open(testBlueprint());
      const rows = Array.from({ length: 2000 }, (_, i) => ({
        externalId: `imp-${i}`, pipeline: "sales", stage: i % 2 ? "won" : "proposal", title: `Imported ${i}`, amount: i, responsible: "ann",
        createdAt: "2025-01-01T00:00:00Z", ...(i % 2 ? { closedAt: "2025-02-01T00:00:00Z" } : {}),
      }));
      const result = await engine.importDeals(rows, { batchSize: 2000 });
      expect(result).toMatchObject({ imported: 2000, errors: [] });
      const counts = await store.countDealsByStage();
      expect(counts).toEqual(expect.arrayContaining([{ pipeline: "sales", stage: "proposal", deals: 1000 }, { pipeline: "sales", stage: "won", deals: 1000 }]));
      expect((await store.loadByExternalId("imp-1999"))!.record).toMatchObject({ stage: "won", amount: 1999 });
      expect(await store.deals({ status: "won", limit: 10 })).toHaveLength(10);
    });
  });
}
