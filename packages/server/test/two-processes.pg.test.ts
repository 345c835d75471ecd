/**
 * Two real server processes on one PostgreSQL database (DESIGN.md "The server": due timers and the
 * outbox are claimed with `FOR UPDATE SKIP LOCKED`, so each fires once). Both run the worker every
 * 100 ms. The first seeds the database without the demo (its deals and their timers would muddle
 * the exact counts below) and publishes a first blueprint (v1); the second starts on it. Then:
 *
 * 1. the first publishes a small blueprint (v2) and creates 20 deals — the second's engine still
 *    has v1 compiled, so its worker meets v2's timers with a stale blueprint;
 * 2. the second publishes the same blueprint again (v3) and creates 20 deals — now the first is
 *    stale.
 *
 * Every deal enters a stage whose robots make an immediate task with a `PT2S` deadline, an
 * immediate webhook, and three delayed robots (a task after `PT2S`, a notification after `PT1S`,
 * a webhook after `PT3S`). When all timers have fired, the database must show per deal exactly one
 * `robot.ran` per robot, two tasks (one per task robot), one `task.overdue`, no `timer.dropped`,
 * history seqs 1..n; only the delayed task's `PT1H` deadline timer left; an empty outbox; and the
 * local receiver must have had each webhook and notification exactly once (by idempotency key),
 * the notifications split between the two processes (each posts to its own path).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { killAllServers, spawnServer, type ServerProcess } from "./process-harness";
import { createTestDatabase, type TestDatabase } from "./pg-database";

const PER_PHASE = 20;

/** What the receiver got: path and idempotency key of every request. */
interface Received { path: string; key: string; at: number }

function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      let key = String(req.headers["idempotency-key"] ?? "");
      if (!key) {
        try {
          key = String((JSON.parse(body) as { key?: unknown }).key ?? "");
        } catch {
          key = "";
        }
      }
      received.push({ path: req.url ?? "", key, at: Date.now() });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })));
}

const label = (s: string) => ({ en: s, ru: s });

/** One pipeline; its first stage's robots fire within a few seconds of a deal's creation. */
function timersBlueprint(receiver: string, name: string) {
  const task = (title: string) => ({ title, responsible: { kind: "dealResponsible" } });
  const hook = { url: `${receiver}/hook`, method: "POST", body: { deal: "{{deal.title}}" } };
  return {
    format: "voronka.blueprint/v1", id: "two-processes", name: label(name), fields: [], activityTypes: [], surveys: [], calendars: [],
    pipelines: [{
      id: "timers", label: label("Timers"),
      stages: [
        {
          id: "waiting", label: label("Waiting"), kind: "process", triggers: [],
          robots: [
            { id: "w-task", type: "createTask", params: { ...task("Call now"), deadline: { after: "PT2S" } } },
            { id: "w-hook-now", type: "webhook", params: hook },
            { id: "w-later-task", type: "createTask", params: { ...task("Follow up"), deadline: { after: "PT1H" } }, delay: { after: "PT2S" } },
            { id: "w-notify", type: "notify", params: { to: { kind: "dealResponsible" }, text: "{{deal.title}} is waiting" }, delay: { after: "PT1S" } },
            { id: "w-hook", type: "webhook", params: hook, delay: { after: "PT3S" } },
          ],
        },
        { id: "won", label: label("Won"), kind: "success", robots: [], triggers: [] },
        { id: "lost", label: label("Lost"), kind: "failure", robots: [], triggers: [] },
      ],
    }],
  };
}
const ROBOTS = ["w-task", "w-hook-now", "w-later-task", "w-notify", "w-hook"];

const databases: TestDatabase[] = [];
const clients: pg.Client[] = [];
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

afterAll(async () => {
  await killAllServers();
  for (const c of clients) await c.end().catch(() => undefined);
  await new Promise((r) => (receiver ? receiver.server.close(r) : r(undefined)));
  for (const d of databases) await d.drop();
});

/** A fresh database for one scenario, and a client to read it. */
async function freshDatabase(): Promise<{ db: TestDatabase; q: <T>(sql: string, params?: unknown[]) => Promise<T[]> }> {
  const db = await createTestDatabase();
  databases.push(db);
  const client = new pg.Client({ connectionString: db.url });
  clients.push(client);
  await client.connect();
  return { db, q: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[] };
}

/** Publishes as the admin (`token`: a process that did not seed prints no login link, so it borrows the first one's). */
async function publish(server: ServerProcess, blueprint: unknown, token?: string | null): Promise<number> {
  const draft = await server.api("PUT", "/api/blueprint/draft", blueprint, token);
  expect(draft.status, JSON.stringify(draft.body)).toBeLessThan(300);
  const published = await server.api("POST", "/api/blueprint/publish", {}, token);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body.version as number;
}

async function createDeals(server: ServerProcess, prefix: string, token?: string | null): Promise<string[]> {
  // One at a time, ~50 ms apart, so their timers come due over a second and both workers get some.
  const ids: string[] = [];
  for (let i = 0; i < PER_PHASE; i++) {
    const r = await server.api("POST", "/api/deals", { pipeline: "timers", title: `${prefix} ${i + 1}`, responsible: "admin" }, token);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.push(r.body.id as string);
    await new Promise((res) => setTimeout(res, 50));
  }
  return ids;
}

describe("two server processes on one PostgreSQL database", () => {
  it("fire each timer and deliver each outbox row once between them", { timeout: 120_000 }, async () => {
    const { db, q } = await freshDatabase();
    receiver = await startReceiver();
    const env = (name: string) => ({
      DATABASE_URL: db.url,
      VORONKA_WORKER: "1",
      VORONKA_TICK_MS: "100",
      VORONKA_ALLOW_PRIVATE_WEBHOOKS: "1",
      VORONKA_NOTIFY_WEBHOOK: `${receiver!.url}/notify/${name}`,
      VORONKA_TIME_ZONE: "UTC",
      VORONKA_SEED_DEMO: "0",
    });
    const a = await spawnServer({ env: env("a"), label: "process A" });
    expect(a.output()).toContain("seeded");
    expect(a.adminToken).toBeTruthy();
    expect(await publish(a, timersBlueprint(receiver.url, "Two processes, first"))).toBe(1);
    const b = await spawnServer({ env: env("b"), label: "process B" });
    expect(b.output()).not.toContain("seeded");

    // Phase 1: A publishes v2 (B still has v1 compiled) and creates deals.
    expect(await publish(a, timersBlueprint(receiver.url, "Two processes"))).toBe(2);
    const phase1 = await createDeals(a, "A");
    // Phase 2: B publishes v3 (now A is stale) and creates deals.
    expect(await publish(b, timersBlueprint(receiver.url, "Two processes, again"), a.adminToken)).toBe(3);
    const phase2 = await createDeals(b, "B", a.adminToken);
    const deals = [...phase1, ...phase2];

    // Wait until every timer but the delayed tasks' PT1H deadlines has fired and the outbox is empty.
    const deadline = Date.now() + 45_000;
    for (;;) {
      const [state] = await q<{ timers: string; outbox: string }>(
        `SELECT (SELECT COUNT(*) FROM timers WHERE NOT (kind = 'deadline' AND robot = 'w-later-task')) AS timers, (SELECT COUNT(*) FROM outbox) AS outbox`,
      );
      if (Number(state!.timers) === 0 && Number(state!.outbox) === 0 && receiver.received.length >= deals.length * 3) break;
      if (Date.now() > deadline) {
        throw new Error(`timers or outbox not done after 45 s: ${JSON.stringify(state)}, received ${receiver.received.length}.\nA:\n${a.output().slice(-3000)}\nB:\n${b.output().slice(-3000)}`);
      }
      if (!a.alive() || !b.alive()) throw new Error(`a server died.\nA:\n${a.output().slice(-3000)}\nB:\n${b.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // A little longer: a duplicate firing or delivery would show up now.
    await new Promise((r) => setTimeout(r, 1500));

    // History: each robot once per deal, two tasks, one overdue, nothing dropped, seqs without gaps.
    const history = await q<{ deal: string; seq: number; type: string; data: string }>("SELECT deal, seq, type, data FROM history ORDER BY deal, seq");
    expect(history.filter((h) => h.type === "timer.dropped").map((h) => `${h.deal} ${h.data}`), "no timer was dropped").toEqual([]);
    const dealRows = await q<{ id: string; seq: number; stage: string; entry: number }>("SELECT id, seq, stage, entry FROM deals");
    expect(dealRows.map((d) => d.id).sort()).toEqual([...deals].sort());
    for (const d of dealRows) {
      const rows = history.filter((h) => h.deal === d.id);
      const where = `deal ${d.id}`;
      expect(rows.map((r) => r.seq), where).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      expect(d.seq, where).toBe(rows.length);
      expect([d.stage, d.entry], where).toEqual(["waiting", 1]);
      const ran = rows.filter((r) => r.type === "robot.ran").map((r) => String((JSON.parse(r.data) as { robot: unknown }).robot)).sort();
      expect(ran, `${where}: each robot ran exactly once`).toEqual([...ROBOTS].sort());
      expect(rows.filter((r) => r.type === "task.created").length, `${where}: two tasks created`).toBe(2);
      expect(rows.filter((r) => r.type === "task.overdue").length, `${where}: the PT2S deadline passed once`).toBe(1);
    }
    const tasks = await q<{ deal: string; robot: string; overdue: boolean; status: string }>("SELECT deal, robot, overdue, status FROM tasks");
    expect(tasks.length).toBe(deals.length * 2);
    for (const id of deals) {
      const mine = tasks.filter((t) => t.deal === id);
      expect(mine.map((t) => [t.robot, t.status, t.overdue]).sort(), `deal ${id}`).toEqual([["w-later-task", "open", false], ["w-task", "open", true]]);
    }
    const timers = await q<{ deal: string; kind: string; robot: string }>("SELECT deal, kind, robot FROM timers");
    expect(timers.length, "only the delayed tasks' PT1H deadlines are left").toBe(deals.length);
    expect(new Set(timers.map((t) => `${t.deal}/${t.kind}/${t.robot}`))).toEqual(new Set(deals.map((id) => `${id}/deadline/w-later-task`)));
    expect(await q("SELECT id, key, attempts, last_error FROM outbox")).toEqual([]);

    // The receiver: every effect exactly once, by idempotency key; notifications from both processes.
    const count = (keys: string[]) => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const hooks = count(receiver.received.filter((r) => r.path === "/hook").map((r) => r.key));
    const notifies = receiver.received.filter((r) => r.path.startsWith("/notify/"));
    const notifyKeys = count(notifies.map((r) => r.key));
    const expectedHooks = deals.flatMap((id) => [`${id}:1:w-hook-now`, `${id}:1:w-hook`]).sort();
    expect([...hooks.keys()].sort()).toEqual(expectedHooks);
    expect([...hooks.entries()].filter(([, n]) => n !== 1), "a webhook delivered twice").toEqual([]);
    expect([...notifyKeys.keys()].sort()).toEqual(deals.map((id) => `${id}:1:w-notify`).sort());
    expect([...notifyKeys.entries()].filter(([, n]) => n !== 1), "a notification delivered twice").toEqual([]);
    const byA = notifies.filter((r) => r.path === "/notify/a").length;
    const byB = notifies.filter((r) => r.path === "/notify/b").length;
    expect(byA, "process A's worker delivered some notifications").toBeGreaterThan(0);
    expect(byB, "process B's worker delivered some notifications").toBeGreaterThan(0);

    // Neither process logged an error (a failed tick, a 500).
    for (const p of [a, b]) {
      const errors = p.output().split("\n").filter((l) => /"level":(50|60)/.test(l));
      expect(errors, `${p.label} logged errors`).toEqual([]);
    }
    const [exitA, exitB] = await Promise.all([a.stop(), b.stop()]);
    expect([exitA.code, exitB.code]).toEqual([0, 0]);
    console.info(`two processes: ${deals.length} deals, ${deals.length * 4} timers fired and ${receiver.received.length} deliveries (notifications: ${byA} by A, ${byB} by B), none twice.`);
  });
});

/** One pipeline whose only timer is each deal's task deadline, `PT1S` after it enters. */
function deadlinesBlueprint(pipeline = "deadlines") {
  return {
    format: "voronka.blueprint/v1", id: "deadlines-only", name: label("Deadlines only"), fields: [], activityTypes: [], surveys: [], calendars: [],
    pipelines: [{
      id: pipeline, label: label("Deadlines"),
      stages: [
        { id: "call", label: label("Call"), kind: "process", triggers: [], robots: [{ id: "d-task", type: "createTask", params: { title: "Call back", responsible: { kind: "dealResponsible" }, deadline: { after: "PT1S" } } }] },
        { id: "won", label: label("Won"), kind: "success", robots: [], triggers: [] },
        { id: "lost", label: label("Lost"), kind: "failure", robots: [], triggers: [] },
      ],
    }],
  };
}

describe("an API process and a worker process on one PostgreSQL database", () => {
  /*
   * Regression: a worker process (VORONKA_WORKER=1) that never commits through the API kept the old
   * blueprint compiled after the API process (VORONKA_WORKER=0) published a version with a NEW
   * pipeline; firing a deadline of a deal in that pipeline failed with NOT_FOUND / BLUEPRINT_STALE
   * and the whole claimed batch stayed leased. The engine now reloads before stepping such a deal.
   */
  it("fires the task deadlines of a pipeline published after the worker started", { timeout: 60_000 }, async () => {
    const { db, q } = await freshDatabase();
    // No demo (its live deals' timers are not this test's); v1 has another pipeline, so v2's is new to the worker.
    const base = { DATABASE_URL: db.url, VORONKA_TICK_MS: "100", VORONKA_TIME_ZONE: "UTC", VORONKA_SEED_DEMO: "0" };
    const api = await spawnServer({ env: { ...base, VORONKA_WORKER: "0" }, label: "API process" });
    expect(await publish(api, deadlinesBlueprint("before"))).toBe(1);
    const worker = await spawnServer({ env: { ...base, VORONKA_WORKER: "1" }, label: "worker process" });
    expect(await publish(api, deadlinesBlueprint())).toBe(2);
    const deals: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await api.api("POST", "/api/deals", { pipeline: "deadlines", title: `D ${i + 1}`, responsible: "admin" });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      deals.push(r.body.id as string);
    }
    // Due after 1 s; the worker ticks every 100 ms. Give it 10 s.
    const until = Date.now() + 10_000;
    let overdue = 0;
    while (Date.now() < until) {
      overdue = Number((await q<{ n: string }>("SELECT COUNT(*) AS n FROM history WHERE type = 'task.overdue'"))[0]!.n);
      if (overdue === deals.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const errors = worker.output().split("\n").filter((l) => /"level":(50|60)/.test(l));
    await Promise.all([api.stop(), worker.stop()]);
    expect(errors, "the worker logged failed ticks").toEqual([]);
    expect(overdue, "every deadline fired within 10 s").toBe(deals.length);
    expect(await q("SELECT id FROM timers"), "no deadline timer left").toEqual([]);
  });
});
