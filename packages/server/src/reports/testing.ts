/**
 * The control room's test fixture, shared by the SQLite and PostgreSQL test files: a known set of
 * deals, tasks, surveys and activities made through the HTTP API at set instants of a fake clock
 * (and historical deals through `POST /api/deals/import`), so each figure can be checked against
 * numbers worked out by hand (test/reports-figures.test.ts) and compared across databases
 * (test/reports.pg.test.ts). Import it from tests only.
 *
 * Workspace time zone Europe/Moscow (UTC+3); "now" is {@link FIXTURE_NOW}, Wed 2025-10-15 12:00
 * local. Users are the demo users: sue supervises ann, boris and vera (team B2B), igor supervises
 * dmitry and elena (B2C). Pipeline `sales` (lead → proposal → contract → won | lost) with a
 * "Call the client" task robot on lead (deadline P5D; cancelled when the deal leaves lead) and an
 * NPS survey robot on won; pipeline `warmup` (nurture → warm-won | warm-lost) holds imported
 * purchases for ABC/XYZ. Times below are UTC.
 *
 * | deal | who | client | amount | path |
 * |---|---|---|---|---|
 * | A1 | ann | c1 | 1000 | lead 08-04 07:00 → proposal 08-06 → contract 08-08 → won 08-11 07:00; NPS 9 "Good" 08-12 |
 * | A2 | boris | c2 | 2000 | lead 08-05 07:00 → won 08-20 07:00 (survey not answered) |
 * | A3 | dmitry | c3 | 500 | lead 08-10 07:00 → lost 08-25 07:00 (expensive) |
 * | S1 | ann | c1 | 3000 | lead 09-01 06:00 → proposal 09-02 → contract 09-04 → won 09-10 06:00; NPS 10 "Fast" 09-11 |
 * | S2 | ann | c4 | 1500 | lead 09-03 06:00 → proposal 09-03 18:00 → won 09-30 21:30 (= Oct 1 00:30 local) |
 * | S3 | boris | c2 | 500 | lead 09-05 06:00 → proposal 09-09 → lost 09-12 06:00 (competitor) |
 * | S4 | vera | — | 700 | lead 09-08 06:00 → won 09-15 06:00; NPS 7 09-16 |
 * | S5 | dmitry | c3 | 800 | lead 09-10 06:00 → proposal 09-11 → won 09-20 06:00; NPS 3 "Slow delivery" 09-21 |
 * | S6 | elena | — | 300 | lead 09-12 06:00, open; task moved 09-16 07:00 to 09-19 06:00 ("Client on vacation") |
 * | S7 | ann | — | 400 | lead 09-15 06:00 → lost 09-16 06:00 (expensive) |
 * | S8 | boris | — | 600 | lead 09-20 06:00 → proposal 09-22 06:00, open, no task |
 * | O1 | ann | c1 | 900 | lead 10-13 06:00, open; calls 10-13 06:30 and 07:00, meeting 10-14 08:00 (ann), call 10-15 08:00 (sue); task moved 10-14 09:00 to 10-15 15:00 ("Client asked to call later") |
 * | O2 | vera | — | 200 | lead 10-14 06:00, open; calls 10-14 20:30 and 21:30 (= Oct 15 00:30 local) |
 * | I1 | dmitry | — | 1200 | imported: lead 07-01 06:00 → proposal 07-03 06:00, open |
 * | I2 | elena | — | 250 | imported: lead 08-20 06:00 → lost 09-25 06:00, no loss reason |
 *
 * Warmup purchases (imported, created 2025-01-01 06:00, won at): Echo (c5, dmitry) 1000 on the
 * 15th of Jan-Jun 09:00; Foxtrot (c6, dmitry) 1500 on Feb 10 and Mar 10; Golf (c7, elena) 9000 on
 * Apr 20; Hotel (c8, elena) 1000 at 2025-04-30T21:00Z (= May 1 local); India (c9, ann) 200 on
 * Jan 5, Jan 20 and at 2025-01-31T20:59:59Z (still Jan 31 local); no client (ann) 400 on Mar 1;
 * and one lost (dmitry, Echo) on Mar 20 (competitor).
 *
 * Plans: ann amount 4000, boris amount 1000, dmitry count 2, vera count 1 (September 2025);
 * elena amount 500 (October 2025); pipeline sales amount 10000 (Q3 2025) and count 5 (September).
 */
import { testBlueprint, withStage, type FakeClock } from "@voronka/engine/testing";
import type { Blueprint } from "@voronka/engine";

/** "Now" at the end of the fixture: Wed 2025-10-15 12:00 in Moscow. */
export const FIXTURE_NOW = "2025-10-15T09:00:00.000Z";
/** The workspace time zone of the fixture. */
export const FIXTURE_TIME_ZONE = "Europe/Moscow";

/** What the fixture needs of a running server. */
export interface ReportsHarness {
  api(user: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  clock: FakeClock;
}

/** The fixture's blueprint: the test blueprint with a task robot, an NPS robot, norms and a holiday. */
export function reportsBlueprint(): Blueprint {
  let bp = testBlueprint({
    activityNorms: [{ activityType: "call", perDay: 2, role: "manager" }, { activityType: "meeting", perDay: 1, role: "manager" }],
    calendars: [{ id: "office", timeZone: FIXTURE_TIME_ZONE, workingDays: [1, 2, 3, 4, 5], hours: { from: "09:00", to: "18:00" }, holidays: ["2025-10-10"] }],
  });
  bp = withStage(bp, "sales", "lead", {
    robots: [{ id: "callClient", type: "createTask", params: { title: "Call the client", responsible: { kind: "dealResponsible" }, deadline: { after: "P5D" } } }],
  });
  return withStage(bp, "sales", "won", {
    robots: [{ id: "askNps", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "link" } }],
  });
}

interface Step { at: string; run: () => Promise<void> }

async function ok(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p;
  if (r.status >= 300) throw new Error(`fixture: ${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

const CLIENTS = ["Alfa", "Beta", "Gamma", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India"];

/**
 * Makes the fixture on a server whose workspace time zone is Europe/Moscow, with the demo users and
 * {@link reportsBlueprint} published; leaves the clock at {@link FIXTURE_NOW}.
 */
export async function buildReportsFixture(h: ReportsHarness): Promise<void> {
  const { api, clock } = h;
  clock.set("2025-01-01T00:00:00.000Z");
  await ok(api("admin", "PATCH", "/api/settings", { timeZone: FIXTURE_TIME_ZONE }), "settings");
  for (const [i, name] of CLIENTS.entries()) await ok(api("admin", "POST", "/api/clients", { id: `c${i + 1}`, name }), `client ${name}`);
  const plans = [
    { id: "p-ann", metric: "amount", owner: { user: "ann" }, period: "month", start: "2025-09-01", target: 4000 },
    { id: "p-boris", metric: "amount", owner: { user: "boris" }, period: "month", start: "2025-09-01", target: 1000 },
    { id: "p-dmitry", metric: "count", owner: { user: "dmitry" }, period: "month", start: "2025-09-01", target: 2 },
    { id: "p-vera", metric: "count", owner: { user: "vera" }, period: "month", start: "2025-09-01", target: 1 },
    { id: "p-elena-oct", metric: "amount", owner: { user: "elena" }, period: "month", start: "2025-10-01", target: 500 },
    { id: "p-sales-q3", metric: "amount", owner: { pipeline: "sales" }, period: "quarter", start: "2025-07-01", target: 10000 },
    { id: "p-sales-sep", metric: "count", owner: { pipeline: "sales" }, period: "month", start: "2025-09-01", target: 5 },
  ];
  for (const p of plans) await ok(api("admin", "POST", "/api/plans", p), `plan ${p.id}`);

  const warm = (responsible: string, client: string | undefined, amount: number, closedAt: string, stage = "warm-won", fields?: Record<string, unknown>) => ({
    pipeline: "warmup", stage, title: `${client ?? "walk-in"} ${closedAt.slice(0, 10)}`, amount, responsible, ...(client ? { client } : {}),
    createdAt: "2025-01-01T06:00:00.000Z", closedAt, moves: [{ stage: "nurture", at: "2025-01-01T06:00:00.000Z" }], ...(fields ? { fields } : {}),
  });
  const imported = [
    { pipeline: "sales", stage: "proposal", title: "I1", amount: 1200, responsible: "dmitry", createdAt: "2025-07-01T06:00:00.000Z", moves: [{ stage: "lead", at: "2025-07-01T06:00:00.000Z" }, { stage: "proposal", at: "2025-07-03T06:00:00.000Z" }] },
    { pipeline: "sales", stage: "lost", title: "I2", amount: 250, responsible: "elena", createdAt: "2025-08-20T06:00:00.000Z", closedAt: "2025-09-25T06:00:00.000Z", moves: [{ stage: "lead", at: "2025-08-20T06:00:00.000Z" }] },
    ...[1, 2, 3, 4, 5, 6].map((m) => warm("dmitry", "c5", 1000, `2025-0${m}-15T09:00:00.000Z`)),
    warm("dmitry", "c6", 1500, "2025-02-10T09:00:00.000Z"),
    warm("dmitry", "c6", 1500, "2025-03-10T09:00:00.000Z"),
    warm("elena", "c7", 9000, "2025-04-20T09:00:00.000Z"),
    warm("elena", "c8", 1000, "2025-04-30T21:00:00.000Z"),
    warm("ann", "c9", 200, "2025-01-05T09:00:00.000Z"),
    warm("ann", "c9", 200, "2025-01-20T09:00:00.000Z"),
    warm("ann", "c9", 200, "2025-01-31T20:59:59.000Z"),
    warm("ann", undefined, 400, "2025-03-01T09:00:00.000Z"),
    warm("dmitry", "c5", 700, "2025-03-20T09:00:00.000Z", "warm-lost", { lossReason: "competitor" }),
  ];
  const result = await ok(api("admin", "POST", "/api/deals/import", { deals: imported }), "import");
  if (result.imported !== imported.length) throw new Error(`fixture: import: ${JSON.stringify(result.errors)}`);

  const steps: Step[] = [];
  const ids = new Map<string, string>();
  const taskOf = async (user: string, deal: string) => (await ok(api(user, "GET", `/api/tasks?deal=${ids.get(deal)}&status=open`), "tasks")).items[0].id as string;
  const fieldsFor: Record<string, Record<string, unknown>> = { contract: { contractNo: "C-1" } };

  /** A deal made live: created at the first instant, then moved at each next one. */
  const deal = (name: string, user: string, client: string | undefined, amount: number, created: string, moves: [string, string, string?][]) => {
    steps.push({
      at: created,
      run: async () => {
        const body = { pipeline: "sales", title: name, responsible: user, amount, ...(client ? { client } : {}), fields: { email: `${name.toLowerCase()}@example.com` } };
        ids.set(name, (await ok(api(user, "POST", "/api/deals", body), `create ${name}`)).id);
      },
    });
    for (const [stage, at, reason] of moves) {
      steps.push({
        at,
        run: async () => {
          const fields = stage === "lost" ? { lossReason: reason } : fieldsFor[stage];
          await ok(api(user, "POST", `/api/deals/${ids.get(name)}/move`, { stage, ...(fields ? { fields } : {}) }), `move ${name} to ${stage}`);
        },
      });
    }
  };
  const answer = (name: string, user: string, at: string, score: number, reason?: string) => steps.push({
    at,
    run: async () => {
      const card = await ok(api(user, "GET", `/api/deals/${ids.get(name)}`), `card ${name}`);
      const token = String(card.surveys[0].url).split("/s/")[1];
      await ok(api(null, "POST", `/s/${token}`, { score, ...(reason ? { reason } : {}) }), `answer ${name}`);
    },
  });
  const activity = (name: string, user: string, at: string, type: string) => steps.push({
    at, run: async () => { await ok(api(user, "POST", `/api/deals/${ids.get(name)}/activities`, { type }), `activity on ${name}`); },
  });
  const reschedule = (name: string, user: string, at: string, deadline: string, reason: string) => steps.push({
    at, run: async () => { await ok(api(user, "POST", `/api/tasks/${await taskOf(user, name)}/reschedule`, { deadline, reason }), `reschedule on ${name}`); },
  });

  deal("A1", "ann", "c1", 1000, "2025-08-04T07:00:00.000Z", [["proposal", "2025-08-06T07:00:00.000Z"], ["contract", "2025-08-08T07:00:00.000Z"], ["won", "2025-08-11T07:00:00.000Z"]]);
  answer("A1", "ann", "2025-08-12T07:00:00.000Z", 9, "Good");
  deal("A2", "boris", "c2", 2000, "2025-08-05T07:00:00.000Z", [["won", "2025-08-20T07:00:00.000Z"]]);
  deal("A3", "dmitry", "c3", 500, "2025-08-10T07:00:00.000Z", [["lost", "2025-08-25T07:00:00.000Z", "expensive"]]);
  deal("S1", "ann", "c1", 3000, "2025-09-01T06:00:00.000Z", [["proposal", "2025-09-02T06:00:00.000Z"], ["contract", "2025-09-04T06:00:00.000Z"], ["won", "2025-09-10T06:00:00.000Z"]]);
  answer("S1", "ann", "2025-09-11T06:00:00.000Z", 10, "Fast");
  deal("S2", "ann", "c4", 1500, "2025-09-03T06:00:00.000Z", [["proposal", "2025-09-03T18:00:00.000Z"], ["won", "2025-09-30T21:30:00.000Z"]]);
  deal("S3", "boris", "c2", 500, "2025-09-05T06:00:00.000Z", [["proposal", "2025-09-09T06:00:00.000Z"], ["lost", "2025-09-12T06:00:00.000Z", "competitor"]]);
  deal("S4", "vera", undefined, 700, "2025-09-08T06:00:00.000Z", [["won", "2025-09-15T06:00:00.000Z"]]);
  answer("S4", "vera", "2025-09-16T06:00:00.000Z", 7);
  deal("S5", "dmitry", "c3", 800, "2025-09-10T06:00:00.000Z", [["proposal", "2025-09-11T06:00:00.000Z"], ["won", "2025-09-20T06:00:00.000Z"]]);
  answer("S5", "dmitry", "2025-09-21T06:00:00.000Z", 3, "Slow delivery");
  deal("S6", "elena", undefined, 300, "2025-09-12T06:00:00.000Z", []);
  reschedule("S6", "elena", "2025-09-16T07:00:00.000Z", "2025-09-19T06:00:00.000Z", "Client on vacation");
  deal("S7", "ann", undefined, 400, "2025-09-15T06:00:00.000Z", [["lost", "2025-09-16T06:00:00.000Z", "expensive"]]);
  deal("S8", "boris", undefined, 600, "2025-09-20T06:00:00.000Z", [["proposal", "2025-09-22T06:00:00.000Z"]]);
  deal("O1", "ann", "c1", 900, "2025-10-13T06:00:00.000Z", []);
  activity("O1", "ann", "2025-10-13T06:30:00.000Z", "call");
  activity("O1", "ann", "2025-10-13T07:00:00.000Z", "call");
  activity("O1", "ann", "2025-10-14T08:00:00.000Z", "meeting");
  reschedule("O1", "ann", "2025-10-14T09:00:00.000Z", "2025-10-15T15:00:00.000Z", "Client asked to call later");
  activity("O1", "sue", "2025-10-15T08:00:00.000Z", "call");
  deal("O2", "vera", undefined, 200, "2025-10-14T06:00:00.000Z", []);
  activity("O2", "vera", "2025-10-14T20:30:00.000Z", "call");
  activity("O2", "vera", "2025-10-14T21:30:00.000Z", "call");

  // One clock for all: the steps run in time order (a stable sort keeps each deal's own order).
  steps.sort((a, b) => a.at.localeCompare(b.at));
  for (const step of steps) {
    clock.set(step.at);
    await step.run();
  }
  clock.set(FIXTURE_NOW);
}

/** Query strings that exercise every figure, its periods, breakdowns, filters and CSV tables. */
export const FIXTURE_QUERIES: readonly string[] = [
  "plans?period=month&start=2025-09", "plans?period=quarter&start=2025-07", "plans?period=month&start=2025-09&team=B2B", "plans?period=month&start=2024-01",
  "funnel?period=month&start=2025-09", "funnel?period=month&start=2025-09&by=manager", "funnel?period=month&start=2025-09&by=team", "funnel?period=year&start=2025-01&pipeline=warmup",
  "funnel?period=year&start=2025-01&format=csv",
  "control", "control?period=month&start=2025-09", "control?forgottenDays=30&format=csv", "control?period=month&start=2025-09&format=csv&table=reschedules",
  "loss-reasons?period=quarter&start=2025-07", "loss-reasons?period=year&start=2025-01", "loss-reasons?period=quarter&start=2025-07&format=csv&table=trend",
  "nps?period=month&start=2025-09", "nps?period=quarter&start=2025-07&team=B2B", "nps?from=2025-08-01T00:00:00Z&to=2025-10-01T00:00:00Z&format=csv&table=reasons",
  "kpis?period=month&start=2025-09", "kpis?period=month&start=2025-09&by=team", "kpis?period=month&start=2025-10&by=pipeline", "kpis?period=year&start=2025-01", "kpis?period=half-year&start=2025-07&format=csv",
  "activity", "activity?team=B2B", "activity?format=csv&table=days",
  "abc-xyz?period=year&start=2025-01", "abc-xyz?period=year&start=2025-01&pipeline=warmup&abcA=50&abcB=90&xyzX=3", "abc-xyz?period=half-year&start=2025-01&format=csv",
];
