/**
 * Benchmark: stage moves per second through the engine on the SQL store (SQLite file,
 * `better-sqlite3`), beside hand-written `better-sqlite3` doing the same writes, one transaction per
 * move, with the same durability settings (WAL, `synchronous=NORMAL`, set by `openDatabase`).
 *
 * - Ours: `createEngine` over `createSqlStore(openDatabase({ dataDir: <temp> }))`; one pipeline of
 *   10 process stages, each with a `createTask` robot (deadline `PT24H`). 100 deals; 50 clients
 *   each move their own 2 deals in a loop (`Promise.all` of 50 loops), or 1 client moves all 100 in
 *   turn. A move = load, step, one commit: the deal updated at its expected version, 4 history rows
 *   (task.cancelled, deal.moved, robot.ran, task.created), the old task cancelled and a new one
 *   inserted, the old deadline timer deleted and a new one inserted.
 * - Raw: the same rows written by prepared statements on a `better-sqlite3` connection to the same
 *   schema (the connection `openDatabase` made, so the pragmas are the same), one transaction per
 *   move; it reads nothing (it knows its deals' state) and computes nothing but ids and JSON.
 *
 * Rounds alternate sides on fresh databases; figures are medians. After every round the database is
 * checked (stages, entries, one open task and one timer per deal, row counts), so a broken side
 * cannot post a fast number. Run alone: `npx tsx bench/store.bench.ts [--smoke]`.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createEngine, createMemoryStore, type Blueprint, type Store } from "@voronka/engine";
import { openDatabase, type Database, type SqliteDriver } from "../packages/server/src/db/connect";
import { createSqlStore } from "../packages/server/src/store/sql-store";

const STAGES = Array.from({ length: 10 }, (_, i) => `stage-${i + 1}`);
const DEALS = 100;
const NOW = new Date("2026-03-02T09:00:00.000Z");
const NOW_ISO = NOW.toISOString();
const DEADLINE = "2026-03-03T09:00:00.000Z";

/** The blueprint: one pipeline, 10 process stages with a task robot each, won and lost. */
export function storeBenchBlueprint(): Blueprint {
  const label = (s: string) => ({ en: s, ru: s });
  return {
    format: "voronka.blueprint/v1", id: "store-bench", name: label("Store bench"), fields: [], activityTypes: [], surveys: [], calendars: [],
    pipelines: [{
      id: "sales", label: label("Sales"),
      stages: [
        ...STAGES.map((id, i) => ({
          id, label: label(`Stage ${i + 1}`), kind: "process" as const, triggers: [],
          robots: [{ id: `${id}-task`, type: "createTask", params: { title: `Do stage ${i + 1}`, responsible: { kind: "dealResponsible" }, deadline: { after: "PT24H" } } }],
        })),
        { id: "won", label: label("Won"), kind: "success" as const, robots: [], triggers: [] },
        { id: "lost", label: label("Lost"), kind: "failure" as const, robots: [], triggers: [] },
      ],
    }],
  };
}

/** One side: moves for about `ms` with `clients` concurrent loops, then checks what it wrote. */
interface Side {
  run(ms: number, clients: number): Promise<number>;
  check(): Promise<void>;
  close(): Promise<void>;
}

interface DealState { id: string; pos: number; moves: number }

function fail(side: string, message: string): never {
  throw new Error(`store bench (${side}): ${message}`);
}

async function tempDatabase(driver: SqliteDriver): Promise<{ db: Database; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "voronka-bench-"));
  const db = await openDatabase({ dataDir: dir, sqliteDriver: driver, sqliteSynchronous: "NORMAL" });
  return { db, close: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Runs `clients` loops until `ms` pass; client c moves deals c, c + clients, … in turn. */
async function drive(deals: DealState[], ms: number, clients: number, move: (d: DealState) => Promise<void> | void): Promise<number> {
  const end = performance.now() + ms;
  let moves = 0;
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    const mine = deals.filter((_, i) => i % clients === c);
    for (let k = 0; performance.now() < end; k++) {
      const d = mine[k % mine.length]!;
      d.pos = (d.pos + 1) % STAGES.length;
      d.moves++;
      await move(d);
      moves++;
    }
  }));
  return moves;
}

/** Ours: the engine over a store (the SQL store on a temp file, or the memory store for the ceiling). */
async function oursSide(kind: "sql" | "sql-single" | "sql-knex" | "sqlite3" | "memory"): Promise<Side & { db?: Database }> {
  const temp = kind === "memory" ? null : await tempDatabase(kind === "sqlite3" ? "sqlite3" : "better-sqlite3");
  const store: Store = temp
    ? createSqlStore(temp.db, { now: () => NOW, groupCommit: kind !== "sql-single", preparedStatements: kind !== "sql-knex" })
    : createMemoryStore({ now: () => NOW });
  const engine = createEngine({ blueprint: storeBenchBlueprint(), store, clock: () => NOW, settings: { timeZone: "UTC", currency: "RUB" } });
  const deals: DealState[] = [];
  for (let i = 0; i < DEALS; i++) {
    const d = await engine.createDeal({ pipeline: "sales", title: `Deal ${i}`, amount: 1000 + i, responsible: `u${i % 10}` }, { actor: { user: "u" } });
    deals.push({ id: d.id, pos: 0, moves: 0 });
  }
  const actor = { actor: { user: "u" } };
  const name = `ours/${kind}`;
  return {
    ...(temp ? { db: temp.db } : {}),
    run: (ms, clients) => drive(deals, ms, clients, async (d) => { await engine.move(d.id, STAGES[d.pos]!, actor); }),
    async check() {
      let moves = 0;
      for (const d of deals) {
        moves += d.moves;
        const loaded = await store.load(d.id);
        if (!loaded) fail(name, `deal ${d.id} is gone`);
        if (loaded.record.stage !== STAGES[d.pos] || loaded.record.entry !== d.moves + 1) fail(name, `deal ${d.id} is at ${loaded.record.stage}#${loaded.record.entry}, expected ${STAGES[d.pos]}#${d.moves + 1}`);
        if (loaded.openTasks.length !== 1 || loaded.timers.length !== 1) fail(name, `deal ${d.id} has ${loaded.openTasks.length} open tasks and ${loaded.timers.length} timers, expected 1 and 1`);
        if (loaded.openTasks[0]!.deadline !== DEADLINE || loaded.timers[0]!.task !== loaded.openTasks[0]!.id) fail(name, `deal ${d.id} has a wrong task or timer`);
      }
      const tasks = await store.tasks({});
      if (tasks.length !== DEALS + moves) fail(name, `${tasks.length} tasks after ${moves} moves, expected ${DEALS + moves}`);
      const history = await store.history({ deal: deals[0]!.id });
      if (history.length !== 3 + 4 * deals[0]!.moves) fail(name, `${history.length} history rows for ${deals[0]!.moves} moves, expected ${3 + 4 * deals[0]!.moves}`);
    },
    close: async () => { await temp?.close(); },
  };
}

/** The slice of the `better-sqlite3` API raw uses (the connection comes from knex's pool). */
interface RawStatement { run(...params: unknown[]): { changes: number } }
interface RawDb {
  prepare(sql: string): RawStatement & { get(...params: unknown[]): unknown };
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  pragma(sql: string, opts?: { simple: boolean }): unknown;
}
interface RawDeal extends DealState { version: number; entry: number; seq: number; task: string; timer: string }

/** Raw: hand-written better-sqlite3, one transaction per move, the same rows as ours writes. */
async function rawSide(): Promise<Side & { pragmas: string }> {
  const temp = await tempDatabase("better-sqlite3");
  const client = temp.db.knex.client as unknown as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
  const conn = await client.acquireConnection();
  const db = conn as RawDb;
  const pragmas = `journal_mode=${String(db.pragma("journal_mode", { simple: true }))}, synchronous=${String(db.pragma("synchronous", { simple: true }))}`;
  const s = {
    insertDeal: db.prepare("INSERT INTO deals (id, title, pipeline, stage, status, amount, currency, responsible, created_at, stage_entered_at, version, entry, seq, fields) VALUES (?, ?, 'sales', ?, 'open', ?, 'RUB', ?, ?, ?, 1, 1, 1, '{}')"),
    updateDeal: db.prepare("UPDATE deals SET stage = ?, stage_entered_at = ?, version = ?, entry = ?, seq = ? WHERE id = ? AND version = ?"),
    insertHistory: db.prepare("INSERT INTO history (deal, seq, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)"),
    cancelTask: db.prepare("UPDATE tasks SET status = 'cancelled', closed_at = ?, closed_by = ? WHERE id = ?"),
    insertTask: db.prepare("INSERT INTO tasks (id, deal, pipeline, stage, entry, robot, title, responsible, keep_on_exit, status, created_at, deadline, deadline_rule, overdue, reschedules) VALUES (?, ?, 'sales', ?, ?, ?, ?, ?, 0, 'open', ?, ?, '{\"after\":\"PT24H\"}', 0, 0)"),
    deleteTimer: db.prepare("DELETE FROM timers WHERE id = ?"),
    insertTimer: db.prepare("INSERT INTO timers (id, kind, due_at, deal, entry, blueprint_version, robot, task) VALUES (?, 'deadline', ?, ?, ?, 1, ?, ?)"),
  };
  const actor = JSON.stringify({ user: "u" });
  const openTask = (d: RawDeal, stage: string) => {
    d.task = randomUUID();
    d.timer = randomUUID();
    s.insertTask.run(d.task, d.id, stage, d.entry, `${stage}-task`, JSON.stringify(`Do ${stage}`), "u", NOW_ISO, DEADLINE);
    s.insertTimer.run(d.timer, DEADLINE, d.id, d.entry, `${stage}-task`, d.task);
  };
  const deals: RawDeal[] = [];
  db.transaction(() => {
    for (let i = 0; i < DEALS; i++) {
      const d: RawDeal = { id: randomUUID(), pos: 0, moves: 0, version: 1, entry: 1, seq: 3, task: "", timer: "" };
      s.insertDeal.run(d.id, `Deal ${i}`, STAGES[0], 1000 + i, `u${i % 10}`, NOW_ISO, NOW_ISO);
      for (const [seq, type] of [[1, "deal.created"], [2, "robot.ran"], [3, "task.created"]] as const) s.insertHistory.run(d.id, seq, type, NOW_ISO, actor, "{}");
      openTask(d, STAGES[0]!);
      deals.push(d);
    }
  })();
  const move = db.transaction((d: RawDeal) => {
    const from = STAGES[(d.pos + STAGES.length - 1) % STAGES.length]!;
    const to = STAGES[d.pos]!;
    if (s.updateDeal.run(to, NOW_ISO, d.version + 1, d.entry + 1, d.seq + 4, d.id, d.version).changes !== 1) throw new Error(`raw: version conflict on ${d.id}`);
    d.version++;
    d.entry++;
    const task = d.task;
    s.insertHistory.run(d.id, ++d.seq, "task.cancelled", NOW_ISO, actor, JSON.stringify({ task, reason: "deal-left-stage" }));
    s.insertHistory.run(d.id, ++d.seq, "deal.moved", NOW_ISO, actor, JSON.stringify({ from, to, by: "manual" }));
    s.insertHistory.run(d.id, ++d.seq, "robot.ran", NOW_ISO, actor, JSON.stringify({ robot: `${to}-task`, effects: ["task.create"] }));
    s.cancelTask.run(NOW_ISO, actor, task);
    s.deleteTimer.run(d.timer);
    openTask(d, to);
    s.insertHistory.run(d.id, ++d.seq, "task.created", NOW_ISO, actor, JSON.stringify({ task: d.task, robot: `${to}-task`, responsible: "u", deadline: DEADLINE, title: `Do ${to}` }));
  });
  const count = (sql: string, ...params: unknown[]) => Number((db.prepare(sql).get(...params) as { n: number }).n);
  return {
    pragmas,
    run: (ms, clients) => drive(deals, ms, clients, (d) => move(d as RawDeal)),
    async check() {
      const moves = deals.reduce((n, d) => n + d.moves, 0);
      for (const d of deals) {
        if (count("SELECT COUNT(*) AS n FROM deals WHERE id = ? AND stage = ? AND entry = ?", d.id, STAGES[d.pos], d.moves + 1) !== 1) fail("raw", `deal ${d.id} is not at ${STAGES[d.pos]}#${d.moves + 1}`);
      }
      if (count("SELECT COUNT(*) AS n FROM tasks WHERE status = 'open'") !== DEALS || count("SELECT COUNT(*) AS n FROM timers") !== DEALS) fail("raw", "not one open task and one timer per deal");
      if (count("SELECT COUNT(*) AS n FROM tasks") !== DEALS + moves || count("SELECT COUNT(*) AS n FROM history") !== 3 * DEALS + 4 * moves) fail("raw", "row counts differ from the moves made");
    },
    close: async () => { await client.releaseConnection(conn); await temp.close(); },
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
const range = (xs: number[]): string => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;

type Config = "ours50" | "ours1" | "raw" | "memory50" | "single50" | "knex50" | "sqlite3-50" | "memory1";
const MAKE: Record<Config, { clients: number; make: () => Promise<Side & { pragmas?: string }> }> = {
  ours50: { clients: 50, make: () => oursSide("sql") },
  ours1: { clients: 1, make: () => oursSide("sql") },
  raw: { clients: 1, make: () => rawSide() },
  memory50: { clients: 50, make: () => oursSide("memory") },
  single50: { clients: 50, make: () => oursSide("sql-single") },
  knex50: { clients: 50, make: () => oursSide("sql-knex") },
  "sqlite3-50": { clients: 50, make: () => oursSide("sqlite3") },
  memory1: { clients: 1, make: () => oursSide("memory") },
};

/** Bytes this process has written through syscalls so far (Linux), or null. */
function written(): number | null {
  if (!existsSync("/proc/self/io")) return null;
  const m = /^wchar: (\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"));
  return m ? Number(m[1]) : null;
}

/** Bytes written per move (WAL, checkpoints, temp files), per configuration, from the last round. */
const bytesPerMove = new Map<Config, number>();

/** One round of one configuration on a fresh database: moves per second, checked. */
async function round(config: Config, ms: number, info: { pragmas?: string }): Promise<number> {
  const { clients, make } = MAKE[config];
  const side = await make();
  try {
    if (side.pragmas) info.pragmas = side.pragmas;
    await side.run(Math.min(200, ms / 5), clients); // warm-up
    const w0 = written();
    const t0 = performance.now();
    const moves = await side.run(ms, clients);
    const rate = (moves * 1000) / (performance.now() - t0);
    const w1 = written();
    if (w0 !== null && w1 !== null && moves > 0) bytesPerMove.set(config, (w1 - w0) / moves);
    await side.check();
    return rate;
  } finally {
    await side.close();
  }
}

/** The store part of `pnpm bench`: the two figure lines and what they mean. */
export async function benchStore(opts: { smoke: boolean }): Promise<{ lines: string[]; notes: string }> {
  const ms = opts.smoke ? 100 : 1500;
  const rounds = opts.smoke ? 1 : 5;
  const figures: Config[] = ["ours50", "raw", "ours1"];
  const diagnostics: Config[] = ["memory50", "memory1", "single50", "knex50", "sqlite3-50"];
  const rates = new Map<Config, number[]>();
  const info: { pragmas?: string } = {};
  for (let r = 0; r < rounds; r++) {
    const order = figures.map((_, i) => figures[(i + r) % figures.length]!);
    for (const config of order) rates.set(config, [...(rates.get(config) ?? []), await round(config, ms, info)]);
  }
  for (const config of diagnostics) {
    for (let r = 0; r < (opts.smoke ? 1 : 2); r++) rates.set(config, [...(rates.get(config) ?? []), await round(config, opts.smoke ? 100 : 1000, info)]);
  }
  const m = (c: Config) => median(rates.get(c)!);
  const [ours50, ours1, raw, memory, memory1] = [m("ours50"), m("ours1"), m("raw"), m("memory50"), m("memory1")];
  const lines = [
    `store vs raw better-sqlite3: ${(ours50 / raw).toFixed(2)}× (50 clients; ours ${fmt(ours50)} moves/s vs raw ${fmt(raw)} moves/s; raw = one transaction per move)`,
    `store (1 client) vs raw better-sqlite3: ${(ours1 / raw).toFixed(2)}× (1 client; ours ${fmt(ours1)} moves/s vs raw ${fmt(raw)} moves/s; raw = one transaction per move)`,
  ];
  const us = (rate: number) => (1e6 / rate).toFixed(0);
  const kb = (c: Config) => (bytesPerMove.has(c) ? `${(bytesPerMove.get(c)! / 1024).toFixed(1)} KB` : "n/a");
  const notes = [
    `**Workload.** A SQLite file in a temp directory (${info.pragmas ?? "WAL, synchronous=NORMAL"} on both sides, as \`openDatabase\` sets them). One pipeline of 10 process stages, each with a \`createTask\` robot (deadline \`PT24H\`); ${DEALS} deals move stage to stage. **Ours**: \`engine.move\` through \`createEngine\` over \`createSqlStore\` (\`better-sqlite3\`, prepared statements, group commit); 50 clients each move their own 2 deals in a loop (\`Promise.all\`), or 1 client moves all ${DEALS} in turn. A move loads the deal (3 queries), runs the step and commits: the deal updated at its expected version, 4 history rows, the old task cancelled and a new one inserted, the old deadline timer deleted and a new one inserted. **Raw**: the same rows by hand-written prepared statements, one transaction per move, no reads and no engine (it is synchronous, so its client count changes nothing).`,
    `**Rounds.** ${rounds} alternating rounds of ~${ms} ms per configuration on fresh databases, each checked afterwards (stage and entry of every deal, one open task and one timer each, task and history counts); medians. Spread: ours (50 clients) ${range(rates.get("ours50")!)}, ours (1 client) ${range(rates.get("ours1")!)}, raw ${range(rates.get("raw")!)} moves/s.`,
    `**Diagnostics** (same workload, 50 clients unless said, ${opts.smoke ? 1 : 2} rounds each): the engine on the memory store (its ceiling, no I/O) ${fmt(memory)} moves/s (≈ ${us(memory)} µs a move), with 1 client ${fmt(memory1)} (≈ ${us(memory1)} µs); the SQL store without group commit (one transaction per commit) ${fmt(m("single50"))}; through knex's query builder on \`better-sqlite3\` ${fmt(m("knex50"))}; through knex on \`sqlite3\` ${fmt(m("sqlite3-50"))} moves/s.`,
    `**Reading.** A move costs ours ≈ ${us(ours50)} µs at 50 clients and ≈ ${us(ours1)} µs alone; the engine's own work is ≈ ${us(memory)} µs and ≈ ${us(memory1)} µs of these, so the store adds ≈ ${Math.max(0, 1e6 / ours50 - 1e6 / memory).toFixed(0)} µs a move at 50 clients and ≈ ${Math.max(0, 1e6 / ours1 - 1e6 / memory1).toFixed(0)} µs alone, where raw needs ≈ ${us(raw)} µs for its transaction. A transaction's cost here is mostly its WAL writes: a move dirties some 25–30 pages of 4 KB (the deal, 4 history rows, 2 task rows and 2 timer rows, each with its indexes). Bytes written per move (WAL, checkpoints; from \`/proc/self/io\`): raw ${kb("raw")}, ours alone ${kb("ours1")}, ours at 50 clients ${kb("ours50")}, ours at 50 clients without group commit ${kb("single50")}. Group commit puts the commits of one event-loop turn (up to 50 here) in one transaction, where they share most pages (the deals' pages, the history tail, index pages). Alone (1 client) there is nothing to group, and ours pays the engine and the load on top of a transaction like raw's (the store updates only the columns that changed, so it dirties no more index pages than raw does).`,
  ].join("\n\n");
  return { lines, notes };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const smoke = process.argv.includes("--smoke");
  const { lines, notes } = await benchStore({ smoke });
  console.log(lines.join("\n"));
  console.log(`\n${notes}`);
}
