/**
 * Benchmark: the control room's queries at scale (DESIGN.md "Performance and scale"): a manager's
 * overdue tasks at 1M tasks, and the funnel and plans reports at 1M deals, against their budgets
 * (1 ms, 1000 ms, 1000 ms).
 *
 * - Data: a fresh SQLite file in a temp directory, opened through `openDatabase` (the real
 *   migrations and indexes, WAL, `synchronous=NORMAL`), filled with prepared `better-sqlite3`
 *   statements in big transactions on the connection knex's pool holds: 1M deals (random UUIDs) over
 *   5 pipelines × 6 stages (4 process, won, lost), 30 managers in 4 teams, created evenly over 2
 *   years; each deal's `deal.created`, `deal.moved`, `task.created` and `task.completed` rows with
 *   increasing `at` (≈ 10M history rows); one task per deal (its current or last stage's task:
 *   open on open deals, some overdue); monthly plans per manager and quarterly pipeline plans. Then
 *   `stage_entries` is filled from the history with migration 0003's query. The generation uses a
 *   1 GiB page cache, set back to SQLite's default before measuring. The planner has no statistics
 *   (the bulk load came after `openDatabase`'s `PRAGMA optimize`): the worst case.
 * - Measured: the real query code. Overdue = the `/api/tasks?overdue=1&responsible=` page of 50
 *   (`listTasks`) for one manager; beside it the store's `tasks({ responsible, overdueAt })` with
 *   and without a limit, the control report's count and a manager's own page. Funnel and plans
 *   through `funnelReport.run` / `plansReport.run` as `reports.routes.ts` calls them (admin scope,
 *   `resolvePeriod`, the workspace time zone), on a context with the real store, host repos and
 *   engine; median of 5 runs after a warm-up. The month's funnel is also computed from the history
 *   rows as before `stage_entries` (test/funnel-from-history.ts): the run fails unless both agree.
 *   Then a restart (close, `openDatabase`: statistics gathered) and the main figures again.
 * - Query plans: every SQL statement a figure runs is captured from knex's `query` event and
 *   passed to `EXPLAIN QUERY PLAN`.
 *
 * Run alone: `npx tsx bench/reports.bench.ts [--smoke]`.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createEngine, type Blueprint } from "@voronka/engine";
import type { AppContext, Caller } from "../packages/server/src/context";
import { openDatabase, type Database } from "../packages/server/src/db/connect";
import { stageEntriesFromHistorySql } from "../packages/server/src/db/migrations/0003-stage-entries";
import { createHostRepos } from "../packages/server/src/host";
import { listTasks } from "../packages/server/src/http/tasks.routes";
import { resolvePeriod } from "../packages/server/src/reports";
import { whereUser } from "../packages/server/src/reports/filters";
import { funnelReport, type FunnelRow } from "../packages/server/src/reports/funnel.report";
import { plansReport } from "../packages/server/src/reports/plans.report";
import { queryTasks } from "../packages/server/src/store/queries.repo";
import { createSqlStore } from "../packages/server/src/store/sql-store";
import { funnelFromHistory } from "../packages/server/test/funnel-from-history";

type Knex = Database["knex"];

const DAY = 86_400_000;
const TIME_ZONE = "Europe/Moscow";
const NOW = new Date("2026-11-01T09:00:00.000Z");
const NOW_ISO = NOW.toISOString();
const START = Date.parse("2024-11-01T00:00:00.000Z");
const SPAN = +NOW - START;
const PIPELINES = Array.from({ length: 5 }, (_, i) => `p${i + 1}`);
const PROCESS = ["s1", "s2", "s3", "s4"] as const;
const TEAMS = ["north", "south", "east", "west"];
const MANAGERS = Array.from({ length: 30 }, (_, i) => `m${String(i + 1).padStart(2, "0")}`);
const ADMIN: Caller = { userId: "admin", role: "admin", scope: "all" };
const MONTH = { period: "month" as const, start: "2026-09" };
const QUARTER = { period: "quarter" as const, start: "2026-07" };
const BUDGET = { overdue: 1, funnel: 1000, plans: 1000 };

/** 5 pipelines of 4 process stages, won and lost. */
function benchBlueprint(): Blueprint {
  const label = (s: string) => ({ en: s, ru: s });
  return {
    format: "voronka.blueprint/v1", id: "reports-bench", name: label("Reports bench"), fields: [], activityTypes: [], surveys: [], calendars: [],
    pipelines: PIPELINES.map((p) => ({
      id: p, label: label(p.toUpperCase()),
      stages: [
        ...PROCESS.map((s) => ({ id: `${p}-${s}`, label: label(s), kind: "process" as const, robots: [], triggers: [] })),
        { id: `${p}-won`, label: label("Won"), kind: "success" as const, robots: [], triggers: [] },
        { id: `${p}-lost`, label: label("Lost"), kind: "failure" as const, robots: [], triggers: [] },
      ],
    })),
  };
}

/** mulberry32: a seeded generator, so every run builds the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RawStatement { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] }
interface RawDb {
  prepare(sql: string): RawStatement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  pragma(sql: string, opts?: { simple: boolean }): unknown;
}
interface Pool { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> }

/** Runs `fn` on the better-sqlite3 connection of knex's pool (size 1), then hands it back. */
async function withRaw<T>(db: Database, fn: (raw: RawDb) => T): Promise<T> {
  const pool = db.knex.client as unknown as Pool;
  const conn = await pool.acquireConnection();
  try {
    return fn(conn as RawDb);
  } finally {
    await pool.releaseConnection(conn);
  }
}

interface Generated { deals: number; history: number; tasks: number; openTasks: number; overdueTasks: number; plans: number; won: number; ms: number }

/** Fills the database: users, deals with their history, one task per deal, plans. */
function generate(raw: RawDb, deals: number): Generated {
  const started = performance.now();
  const rnd = prng(20261101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const created = iso(START);

  const insertUser = raw.prepare("INSERT INTO users (id, name, role, supervisor, team, locale, email, active, created_at) VALUES (?, ?, ?, ?, ?, 'en', NULL, 1, ?)");
  const insertDeal = raw.prepare(`INSERT INTO deals (id, external_id, title, pipeline, stage, status, amount, currency, responsible, client, source, created_at, stage_entered_at, closed_at, version, entry, seq, source_deal, fields)
    VALUES (?, NULL, ?, ?, ?, ?, ?, 'RUB', ?, NULL, NULL, ?, ?, ?, ?, ?, ?, NULL, ?)`);
  const insertHistory = raw.prepare("INSERT INTO history (deal, seq, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)");
  const insertTask = raw.prepare(`INSERT INTO tasks (id, deal, pipeline, stage, entry, robot, title, description, responsible, checklist, keep_on_exit, status, created_at, deadline, deadline_rule, overdue, closed_at, closed_by, reschedules)
    VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, NULL, 0, ?, ?, ?, NULL, ?, ?, ?, 0)`);
  const insertPlan = raw.prepare("INSERT INTO plans (id, metric, owner_user, owner_pipeline, period, start, target) VALUES (?, ?, ?, ?, ?, ?, ?)");

  const out: Generated = { deals, history: 0, tasks: 0, openTasks: 0, overdueTasks: 0, plans: 0, won: 0, ms: 0 };
  raw.transaction(() => {
    insertUser.run("admin", "Admin", "admin", null, null, created);
    TEAMS.forEach((t, i) => insertUser.run(`sup-${t}`, `Supervisor ${i + 1}`, "supervisor", "admin", t, created));
    MANAGERS.forEach((m, i) => insertUser.run(m, `Manager ${i + 1}`, "manager", `sup-${TEAMS[i % TEAMS.length]}`, TEAMS[i % TEAMS.length], created));
    let n = 0;
    for (const m of MANAGERS) {
      for (let mo = 0; mo < 24; mo++) {
        const d = new Date(Date.UTC(2024, 10 + mo, 1));
        const start = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01`;
        insertPlan.run(`plan-${++n}`, "amount", m, null, "month", start, 1_500_000);
        insertPlan.run(`plan-${++n}`, "count", m, null, "month", start, 30);
      }
    }
    for (const p of PIPELINES) {
      for (let q = 0; q < 8; q++) {
        const d = new Date(Date.UTC(2024, 9 + 3 * q, 1));
        const start = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01`;
        insertPlan.run(`plan-${++n}`, "amount", null, p, "quarter", start, 60_000_000);
      }
    }
    out.plans = n;
  })();

  const BATCH = 20_000;
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = randomUUID();
      const pipeline = pick(PIPELINES);
      const manager = pick(MANAGERS);
      const actor = JSON.stringify({ user: manager });
      let at = START + ((i + rnd()) / deals) * SPAN;
      const createdAt = iso(at);
      let seq = 0;
      let stage = `${pipeline}-${PROCESS[0]}`;
      let entered = createdAt;
      let taskId = randomUUID();
      let taskCreated = createdAt;
      let taskStage = stage;
      let taskEntry = 1;
      let entryNo = 1;
      const row = (type: string, when: string, data: unknown) => { insertHistory.run(id, ++seq, type, when, actor, JSON.stringify(data)); out.history++; };
      const openTask = (when: string) => {
        taskId = randomUUID();
        taskCreated = when;
        taskStage = stage;
        taskEntry = entryNo;
        row("task.created", when, { task: taskId, robot: null, responsible: manager, deadline: iso(Date.parse(when) + 3 * DAY), title: "Call the client" });
        const call = Date.parse(when) + rnd() * 0.1 * DAY;
        if (rnd() < 0.5 && call < +NOW) row("activity.logged", iso(call), { type: "call", at: iso(call) });
      };
      row("deal.created", createdAt, { pipeline, stage, by: "manual" });
      openTask(createdAt);

      // The furthest process stage (70 % go on each time), then won, lost, or stuck open (2 %).
      let reach = 0;
      while (reach < PROCESS.length - 1 && rnd() < 0.7) reach++;
      const r = rnd();
      const outcome = r < 0.02 ? "open" : reach === PROCESS.length - 1 && r < 0.55 ? "won" : "lost";
      let status: "open" | "won" | "lost" = "open";
      let closedAt: string | null = null;
      let moves = 0;
      const steps = [...PROCESS.slice(1, reach + 1).map((s) => `${pipeline}-${s}`), ...(outcome === "open" ? [] : [`${pipeline}-${outcome}`])];
      for (const to of steps) {
        const next = at + (0.2 + rnd() * rnd() * 8) * DAY;
        if (next >= +NOW) break; // not there yet: the deal is open where it stands
        at = next;
        const when = iso(at);
        row("task.completed", when, { task: taskId, robot: null });
        row("deal.moved", when, { from: stage, to, by: "manual" });
        moves++;
        entryNo++;
        stage = to;
        entered = when;
        if (to.endsWith("-won") || to.endsWith("-lost")) {
          status = to.endsWith("-won") ? "won" : "lost";
          closedAt = when;
        } else {
          openTask(when);
        }
      }
      const amount = Math.round(5_000 + rnd() * rnd() * 200_000);
      if (status === "won") out.won++;
      insertDeal.run(id, `Deal ${i + 1}`, pipeline, stage, status, amount, manager, createdAt, entered, closedAt, moves + 1, moves + 1, seq,
        status === "lost" ? JSON.stringify({ lossReason: pick(["price", "competitor", "no-budget", "timing"]) }) : "{}");

      // The deal's current task (open deals) or its last one (closed deals: completed).
      const deadline = iso(Date.parse(taskCreated) + (1 + rnd() * 6) * DAY);
      const open = status === "open";
      const overdue = open && deadline < NOW_ISO;
      insertTask.run(taskId, id, pipeline, taskStage, taskEntry,
        JSON.stringify("Call the client"), manager, open ? "open" : "completed", taskCreated, deadline, overdue ? 1 : 0,
        open ? null : closedAt, open ? null : actor);
      out.tasks++;
      if (open) out.openTasks++;
      if (overdue) out.overdueTasks++;
    }
  });
  for (let i = 0; i < deals; i += BATCH) batch(i, Math.min(deals, i + BATCH));
  raw.pragma("wal_checkpoint(TRUNCATE)");
  out.ms = performance.now() - started;
  return out;
}

interface Captured { sql: string; bindings: unknown[]; ms: number }

/** Records every SQL statement knex runs (and how long it took) while `fn` runs. */
async function capture<T>(knex: Knex, fn: () => Promise<T>): Promise<{ result: T; queries: Captured[] }> {
  const started = new Map<string, { sql: string; bindings: unknown[]; t: number }>();
  const queries: Captured[] = [];
  const onQuery = (q: { __knexQueryUid: string; sql: string; bindings?: unknown[] }) => { started.set(q.__knexQueryUid, { sql: q.sql, bindings: q.bindings ?? [], t: performance.now() }); };
  const onResponse = (_r: unknown, q: { __knexQueryUid: string }) => {
    const s = started.get(q.__knexQueryUid);
    if (s) queries.push({ sql: s.sql, bindings: s.bindings, ms: performance.now() - s.t });
  };
  knex.on("query", onQuery);
  knex.on("query-response", onResponse);
  try {
    return { result: await fn(), queries };
  } finally {
    knex.off("query", onQuery);
    knex.off("query-response", onResponse);
  }
}

/** `EXPLAIN QUERY PLAN` of a statement, as its detail lines (nesting shown by indent). */
function explain(raw: RawDb, q: Captured): string[] {
  const rows = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.bindings.map((b) => (typeof b === "boolean" ? Number(b) : b))) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${"  ".repeat(d - 1)}${r.detail}`;
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** Median of `runs` timed calls after one warm-up call. */
async function timed(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ median: number; all: number[] }> {
  await fn(-1);
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    all.push(performance.now() - t);
  }
  return { median: median(all), all };
}

/** The benchmark part: builds the data, measures, explains; deletes the temp directory after. */
export async function benchReports(opts: { smoke: boolean }): Promise<{ lines: string[]; notes: string }> {
  const DEALS = opts.smoke ? 20_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), "voronka-reports-bench-"));
  let db: Database | null = null;
  try {
    db = await openDatabase({ dataDir: dir, sqliteDriver: "better-sqlite3", sqliteSynchronous: "NORMAL" });
    const { knex } = db;
    const file = join(dir, "voronka.sqlite");

    const defaultCache = await withRaw(db, (raw) => raw.pragma("cache_size", { simple: true }));
    const gen = await withRaw(db, (raw) => {
      raw.pragma("cache_size = -1048576");
      try {
        return generate(raw, DEALS);
      } finally {
        raw.pragma(`cache_size = ${String(defaultCache)}`);
      }
    });
    // The funnel's stage_entries, from the generated history: what migration 0003 does to an existing database.
    const fillStarted = performance.now();
    await knex.raw(`INSERT INTO stage_entries (deal, seq, stage, at, from_stage, prev_stage, prev_at) ${stageEntriesFromHistorySql("sqlite")}`);
    await withRaw(db, (raw) => raw.pragma("wal_checkpoint(TRUNCATE)"));
    const fillMs = performance.now() - fillStarted;
    const entries = Number(((await knex("stage_entries").count({ n: "*" }).first()) as { n: number }).n);
    const journal = await withRaw(db, (raw) => `journal_mode=${String(raw.pragma("journal_mode", { simple: true }))}, synchronous=${String(raw.pragma("synchronous", { simple: true }))}, cache_size=${String(raw.pragma("cache_size", { simple: true }))}`);
    const fileBytes = statSync(file).size;
    console.log(`  reports: generated ${int(gen.deals)} deals, ${int(gen.history)} history rows, ${int(gen.tasks)} tasks in ${(gen.ms / 1000).toFixed(1)} s (${(fileBytes / 2 ** 30).toFixed(2)} GiB)`);

    // The context the routes give a figure: the real store, host repos and engine on a database.
    const clock = { now: () => NOW };
    const contextOn = async (on: Database) => {
      const store = createSqlStore(on, { now: () => NOW });
      const host = createHostRepos(on.knex, clock, { timeZone: TIME_ZONE, currency: "RUB" });
      await host.settings.load();
      const engine = createEngine({ blueprint: benchBlueprint(), store, clock, directory: host.users.directory(), settings: { timeZone: TIME_ZONE, currency: "RUB" } });
      await engine.compiled();
      return { config: {}, db: on, knex: on.knex, store, engine, clock, host } as unknown as AppContext;
    };
    let ctx = await contextOn(db);
    const tz = ctx.host.settings.current.timeZone;
    // Planner statistics on the tables the figures read (knex's own bookkeeping tables aside).
    const statistics = async (k: Knex) => {
      const has = ((await k.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'")) as { n: number }[])[0]!.n > 0;
      const n = has ? Number(((await k.raw("SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl IN ('deals', 'tasks', 'history', 'stage_entries', 'plans', 'users')")) as { n: number }[])[0]!.n) : 0;
      return n ? `${int(n)} \`sqlite_stat1\` rows for deals, tasks, history, stage_entries, plans and users` : "none for deals, tasks, history, stage_entries, plans and users";
    };
    const statsBefore = await statistics(knex);

    // Overdue tasks of one manager: the task list's page (the figure), the store's query with and
    // without a limit, the control report's count, and the page a manager gets without naming anyone.
    type ListQuery = Parameters<typeof listTasks>[2];
    const asManager = (m: string): Caller => ({ userId: m, role: "manager", scope: new Set([m]) });
    const overdue = {
      page: (m: string) => listTasks(ctx, ADMIN, { responsible: m, overdue: true, limit: 50 } as ListQuery),
      storePage: (m: string) => queryTasks(ctx.knex, { responsible: m, overdueAt: NOW_ISO, limit: 50 }),
      storeAll: (m: string) => queryTasks(ctx.knex, { responsible: m, overdueAt: NOW_ISO }),
      control: async (m: string) => whereUser(ctx.knex, ctx.knex("tasks as t").where("t.status", "open").whereNotNull("t.deadline").select("t.responsible as manager").count({ n: "*" }).groupBy("t.responsible"), "t.responsible", ADMIN, { responsible: m }).where("t.deadline", "<", NOW_ISO),
      managerScope: (m: string) => listTasks(ctx, asManager(m), { overdue: true, limit: 50 } as ListQuery),
    };
    const ROUNDS = 5;
    const perManager = async (fn: (m: string) => Promise<unknown>) => {
      const all: number[] = [];
      for (const m of MANAGERS) await fn(m); // warm-up
      for (let r = 0; r < ROUNDS; r++) {
        for (const m of MANAGERS) {
          const t = performance.now();
          await fn(m);
          all.push(performance.now() - t);
        }
      }
      return { median: median(all), p90: [...all].sort((a, b) => a - b)[Math.ceil(0.9 * all.length) - 1]! };
    };
    const page = await perManager(overdue.page);
    const storePage = await perManager(overdue.storePage);
    const storeAll = await perManager(overdue.storeAll);
    const control = await perManager(overdue.control);
    const managerScope = await perManager(overdue.managerScope);
    const overdueCounts = (await knex("tasks").where("status", "open").where("deadline", "<", NOW_ISO).select("responsible").count({ n: "*" }).groupBy("responsible")) as { n: number }[];
    const overduePerManager = median(overdueCounts.map((r) => Number(r.n)));

    // The figures, as reports.routes.ts runs them.
    const runReport = (report: typeof funnelReport | typeof plansReport, q: typeof MONTH | typeof QUARTER, by = "pipeline") => (): Promise<unknown> => report.run({
      ctx, caller: ADMIN, now: NOW, params: report === funnelReport ? { by } : {},
      period: resolvePeriod(q, tz, NOW), filter: { pipeline: undefined, responsible: undefined, team: undefined },
    } as never);
    const funnel = await timed(5, runReport(funnelReport, MONTH));
    const plans = await timed(5, runReport(plansReport, QUARTER));
    const funnelByManager = await timed(opts.smoke ? 1 : 3, runReport(funnelReport, MONTH, "manager"));
    const funnelQ = await timed(opts.smoke ? 1 : 3, runReport(funnelReport, QUARTER));
    const plansM = await timed(opts.smoke ? 1 : 3, runReport(plansReport, MONTH));

    // One more run of each under capture, for the statements, their times and plans.
    const cPage = await capture(knex, () => overdue.page(MANAGERS[0]!));
    const cStorePage = await capture(knex, () => overdue.storePage(MANAGERS[0]!));
    const cControl = await capture(knex, () => overdue.control(MANAGERS[0]!));
    const cManager = await capture(knex, () => overdue.managerScope(MANAGERS[0]!));
    const cFunnel = await capture(knex, runReport(funnelReport, MONTH));
    const cPlans = await capture(knex, runReport(plansReport, QUARTER));
    const funnelResult = cFunnel.result as { stages: FunnelRow[] };
    const cohort = funnelResult.stages.filter((s, i, all) => s.kind === "process" && (i === 0 || all[i - 1]!.kind !== "process")).reduce((n, s) => n + s.reached, 0);
    const plansResult = cPlans.result as { employees: unknown[]; pipelines: unknown[]; company: unknown[] };
    const monthPeriod = resolvePeriod(MONTH, tz, NOW);
    const plansFor = await withRaw(db, (raw) => ({
      page: explain(raw, cPage.queries[0]!),
      storePage: explain(raw, cStorePage.queries[0]!),
      control: explain(raw, cControl.queries[0]!),
      manager: explain(raw, cManager.queries[0]!),
      funnel: cFunnel.queries.map((q) => explain(raw, q)),
      plans: cPlans.queries.map((q) => explain(raw, q)),
      cohortDeals: Number((raw.prepare("SELECT COUNT(*) AS n FROM deals WHERE created_at >= ? AND created_at < ?").all(monthPeriod.from, monthPeriod.to)[0] as { n: number }).n),
    }));
    const cohortHistory = await knex("history as h").join("deals as d", "d.id", "h.deal").where("d.created_at", ">=", monthPeriod.from).where("d.created_at", "<", monthPeriod.to).count({ n: "*" }).first() as { n: number };
    const cohortEntries = await knex("stage_entries as e").join("deals as d", "d.id", "e.deal").where("d.created_at", ">=", monthPeriod.from).where("d.created_at", "<", monthPeriod.to).count({ n: "*" }).first() as { n: number };

    // The same month's funnel computed from the history rows, as before stage_entries: the answers must be equal.
    const historyStarted = performance.now();
    const fromHistory = await funnelFromHistory(ctx, await ctx.engine.compiled(), { caller: ADMIN, period: monthPeriod, filter: {}, by: "pipeline" });
    const historyMs = performance.now() - historyStarted;
    const same = JSON.stringify(fromHistory) === JSON.stringify(funnelResult.stages);
    if (!same) throw new Error("reports bench: the funnel from stage_entries differs from the funnel from history");

    // A restart: the database closed (PRAGMA optimize) and opened again as the server does
    // (migrations, then PRAGMA optimize=0x10002, which gathers the statistics that are missing).
    const closeStarted = performance.now();
    await db.close();
    const closeMs = performance.now() - closeStarted;
    const reopenStarted = performance.now();
    db = await openDatabase({ dataDir: dir, sqliteDriver: "better-sqlite3", sqliteSynchronous: "NORMAL" });
    const reopenMs = performance.now() - reopenStarted;
    ctx = await contextOn(db);
    const statsAfter = await statistics(db.knex);
    const restarted = {
      page: await perManager(overdue.page),
      storeAll: await perManager(overdue.storeAll),
      managerScope: await perManager(overdue.managerScope),
      funnel: await timed(opts.smoke ? 1 : 3, runReport(funnelReport, MONTH)),
      plans: await timed(opts.smoke ? 1 : 3, runReport(plansReport, QUARTER)),
    };
    const rPage = await capture(db.knex, () => overdue.page(MANAGERS[0]!));
    const rFunnel = await capture(db.knex, runReport(funnelReport, MONTH));
    const restartedPlans = await withRaw(db, (raw) => ({ page: explain(raw, rPage.queries[0]!), funnel: explain(raw, rFunnel.queries[0]!) }));
    const sameAfter = JSON.stringify((rFunnel.result as { stages: FunnelRow[] }).stages) === JSON.stringify(funnelResult.stages);

    const lines = [
      `overdue query at 1M tasks: ${fmt(page.median)} ms (budget ${BUDGET.overdue} ms)`,
      `funnel report at 1M deals: ${fmt(funnel.median)} ms (budget ${BUDGET.funnel} ms)`,
      `plans report at 1M deals: ${fmt(plans.median)} ms (budget ${BUDGET.plans} ms)`,
    ];

    const block = (title: string, plan: string[]) => `- ${title}:\n\n  \`\`\`text\n${plan.map((l) => `  ${l}`).join("\n")}\n  \`\`\``;
    const short = (sql: string) => (sql.length > 160 ? `${sql.slice(0, 157)}…` : sql);
    const oneLine = (plan: string[]) => plan.map((l) => l.trim()).join(" / ");
    const entered = (plan: string[]) => {
      const i = plan.findIndex((l) => l.trim() === "MATERIALIZE entered");
      return i < 0 ? "?" : oneLine(plan.slice(i, i + 3));
    };
    const plansTimes = cPlans.queries.map((q) => `${fmt(q.ms)} ms`).join(", ");
    const over = (ms: number, budget: number) => (ms > budget ? `**over budget** (${(ms / budget).toFixed(1)}×)` : "within budget");
    const load = loadavg().map((l) => l.toFixed(2)).join(", ");

    const notes = [
      `**Data${opts.smoke ? " (smoke: small)" : ""}.** A fresh SQLite file in a temp directory opened through \`openDatabase\` (migrations 0001–0003 with their indexes; ${journal} while measuring), filled through prepared \`better-sqlite3\` statements on the connection of knex's pool, ${int(20_000)} deals per transaction (page cache 1 GiB while generating): ${int(gen.deals)} deals (random UUID ids) over 5 pipelines × 6 stages (4 process, won, lost) and 30 managers in 4 teams, created evenly from 2024-11-01 to 2026-11-01 (now = ${NOW_ISO}, workspace zone ${TIME_ZONE}); ${int(gen.history)} history rows (\`deal.created\`, \`deal.moved\`, \`task.created\`, \`task.completed\`, \`activity.logged\` with increasing \`at\`); ${int(gen.tasks)} tasks, one per deal (${int(gen.openTasks)} open, ${int(gen.overdueTasks)} of them overdue: ${int(overduePerManager)} per manager at the median); ${int(gen.won)} won deals; ${int(gen.plans)} plans (a monthly amount and count plan per manager, a quarterly amount plan per pipeline). **Generation took ${(gen.ms / 1000).toFixed(1)} s**, then filling \`stage_entries\` from the history (migration 0003's query, as when an existing database is upgraded: ${int(entries)} rows) ${(fillMs / 1000).toFixed(1)} s; the file is ${(fileBytes / 2 ** 30).toFixed(2)} GiB (deleted after the run). Planner statistics while measuring: ${statsBefore} (\`PRAGMA optimize\` ran when the database was opened empty; a bulk load leaves the planner without statistics until the next open), so the figures are those of the worst case; the same after a restart are below. Load average (1, 5, 15 min) at the end: ${load}.`,
      `**Measured.** Overdue (the figure): the \`/api/tasks?overdue=1&responsible=<manager>\` page of 50 as an admin asks for it (\`listTasks\`), median over ${ROUNDS} rounds × 30 managers after a warm-up round (p90 ${fmt(page.p90)} ms). Beside it, same rounds: the store's \`tasks({ responsible, overdueAt, limit: 50 })\` ${fmt(storePage.median)} ms (p90 ${fmt(storePage.p90)} ms); every overdue task of the manager (\`tasks({ responsible, overdueAt })\`, ${int(overduePerManager)} full rows mapped to records) ${fmt(storeAll.median)} ms (p90 ${fmt(storeAll.p90)} ms); the control report's overdue count for one manager ${fmt(control.median)} ms; and the page a manager gets for \`/api/tasks?overdue=1\` without naming anyone (their tasks and the tasks on their deals) ${fmt(managerScope.median)} ms (p90 ${fmt(managerScope.p90)} ms). Funnel: \`funnelReport.run\` with an admin caller, \`period=month&start=${MONTH.start}\` (cohort ${int(plansFor.cohortDeals)} deals, ${int(Number(cohortHistory.n))} history rows, ${int(Number(cohortEntries.n))} stage entries; ${int(cohort)} deals counted at the first stages), ${funnelResult.stages.length} rows; runs ${funnel.all.map(fmt).join(", ")} ms; \`by=manager\` ${fmt(funnelByManager.median)} ms; \`period=quarter&start=${QUARTER.start}\` ${fmt(funnelQ.median)} ms (medians of ${funnelQ.all.length}). The same month's funnel computed from the history rows as before \`stage_entries\` (test/funnel-from-history.ts) took ${fmt(historyMs)} ms and answered ${same ? "exactly the same rows" : "**different rows**"}. Plans: \`plansReport.run\`, \`period=quarter&start=${QUARTER.start}\` (${plansResult.employees.length} employee, ${plansResult.pipelines.length} pipeline, ${plansResult.company.length} company rows); runs ${plans.all.map(fmt).join(", ")} ms; \`period=month\` ${fmt(plansM.median)} ms.`,
      `**After a restart** (\`close()\` ${fmt(closeMs)} ms, its \`PRAGMA optimize\` analysing the tables the queries above used; \`openDatabase\` again ${fmt(reopenMs)} ms, migrations already applied, \`PRAGMA optimize=0x10002\` for the rest; statistics now: ${statsAfter}): overdue page ${fmt(restarted.page.median)} ms, all of a manager's overdue tasks ${fmt(restarted.storeAll.median)} ms, the manager's own page ${fmt(restarted.managerScope.median)} ms; funnel ${fmt(restarted.funnel.median)} ms (${sameAfter ? "same rows" : "**different rows**"}); plans ${fmt(restarted.plans.median)} ms. Plans: overdue page ${oneLine(restartedPlans.page)}; funnel's entries ${entered(restartedPlans.funnel)}.`,
      `**Verdicts.** Overdue ${fmt(page.median)} ms: ${over(page.median, BUDGET.overdue)}. Funnel ${fmt(funnel.median)} ms: ${over(funnel.median, BUDGET.funnel)}. Plans ${fmt(plans.median)} ms: ${over(plans.median, BUDGET.plans)}.`,
      `**Where the time goes.** Overdue: one statement, a range of \`tasks(responsible, status, deadline)\` read in deadline order and stopped after 51 rows (plan: ${oneLine(plansFor.page)}); the filter says \`deadline < now\` only (it leaves out tasks without a deadline by itself), because with \`deadline IS NOT NULL\` as well SQLite without statistics takes \`tasks(status, deadline)\` — every overdue task of the company — instead. The whole list costs what reading ${int(overduePerManager)} full rows and mapping them costs. The manager's own page without \`responsible=\` is an OR (their tasks, or any task on their deals): no index serves it, so it walks the company's overdue tasks in deadline order through \`tasks(status, deadline)\`, checking each deal, until 51 are visible (plan: ${oneLine(plansFor.manager)}). Funnel: one statement (${fmt(cFunnel.queries[0]!.ms)} ms in this run): the cohort from \`deals(created_at)\`, its stage entries by key (${entered(plansFor.funnel[0]!)}), materialized once; then reached (per deal, its furthest position; deals summed per position), failure entries and losses, and the time in stage (one window sorting the stays by group, stage and duration). Plans: ${cPlans.queries.length} statements (${plansTimes}): the plans by \`start\` and one grouped won-deals query per plan period on \`deals(status, closed_at)\`.`,
      "**Query plans** (`EXPLAIN QUERY PLAN` of the statements captured from knex's `query` event, without statistics):",
      block(`overdue page (\`listTasks\`: \`${short(cPage.queries[0]!.sql)}\`)`, plansFor.page),
      block(`the store's overdue page (\`queryTasks\`: \`${short(cStorePage.queries[0]!.sql)}\`)`, plansFor.storePage),
      block("control report overdue count for one manager", plansFor.control),
      block("a manager's own overdue page (no `responsible=`)", plansFor.manager),
      ...plansFor.funnel.map((p) => block("funnel (one statement)", p)),
      ...plansFor.plans.map((p, i) => block(`plans statement ${i + 1} (\`${short(cPlans.queries[i]!.sql)}\`)`, p)),
    ].join("\n\n");
    return { lines, notes };
  } finally {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { lines, notes } = await benchReports({ smoke: process.argv.includes("--smoke") });
  for (const line of lines) console.log(line);
  console.log(`\n${notes}`);
}
