/**
 * A public CRM dataset through the whole server (Maven Analytics "CRM Sales Opportunities", in
 * ../shared/datasets/crm-sales-opportunities beside the clone): 8,800 opportunities of 35 agents,
 * their 6 managers and 3 regional offices, 85 accounts. Agents become users (role manager) whose
 * supervisors are their managers, offices become teams, accounts become clients, and the
 * opportunities are imported over `POST /api/deals/import` with their historical dates into a
 * small blueprint (pipeline `crm`: Prospecting → Engaging → Won | Lost, a `product` field). The
 * figures are then checked against the same numbers computed here in plain JavaScript.
 *
 * Data quirks, imported as they are: products spelled two ways ("GTXPro" in the deals, "GTX Pro"
 * in products.csv); Prospecting and Engaging rows without an account; Prospecting rows without any
 * date (created at the day after the file's last date, its "export day"); lost deals without a
 * loss reason (there is no such column) and with a close value of 0.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const DIR = fileURLToPath(new URL("../../../../shared/datasets/crm-sales-opportunities/", import.meta.url));

/** A small RFC 4180 parser: quoted fields with doubled quotes, commas and line breaks; CRLF or LF. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1 || r[0] !== "").map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

const read = (file: string) => parseCsv(readFileSync(`${DIR}${file}`, "utf8"));
const slug = (name: string) => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const day = (d: string) => `${d}T00:00:00.000Z`;
const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const share = (won: number, lost: number) => ratio(won, won + lost);

const blueprint = {
  format: "voronka.blueprint/v1", id: "crm", name: "CRM Sales Opportunities",
  fields: [{ id: "product", label: "Product", type: "string" }],
  activityTypes: [], surveys: [], calendars: [],
  pipelines: [{
    id: "crm", label: "CRM", stages: [
      { id: "prospecting", label: "Prospecting", kind: "process", robots: [], triggers: [] },
      { id: "engaging", label: "Engaging", kind: "process", robots: [], triggers: [] },
      { id: "won", label: "Won", kind: "success", robots: [], triggers: [] },
      { id: "lost", label: "Lost", kind: "failure", robots: [], triggers: [] },
    ],
  }],
};

let server: TestServer;
let deals: Record<string, string>[];
let teams: Record<string, string>[];
const PERIOD = "from=2016-10-01T00:00:00Z&to=2018-02-01T00:00:00Z";

async function ok(user: string, method: string, path: string, body?: unknown): Promise<any> {
  const r = await server.api(user, method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  if (!existsSync(`${DIR}sales_pipeline.csv`)) {
    throw new Error(`The CRM dataset is missing: expected ${DIR}sales_pipeline.csv (../shared/datasets/crm-sales-opportunities beside the clone).`);
  }
  deals = read("sales_pipeline.csv");
  teams = read("sales_teams.csv");
  const accounts = read("accounts.csv");
  server = await startTestServer({ demo: false });
  await ok("admin", "PATCH", "/api/settings", { timeZone: "UTC", currency: "USD" });
  await ok("admin", "POST", "/api/blueprints/import?publish=1", blueprint);

  for (const manager of new Set(teams.map((t) => t.manager!))) {
    const office = teams.find((t) => t.manager === manager)!.regional_office;
    await ok("admin", "POST", "/api/users", { id: slug(manager), name: manager, role: "supervisor", team: office });
    server.tokens[slug(manager)] = (await ok("admin", "POST", "/api/tokens", { user: slug(manager) })).token;
  }
  for (const t of teams) await ok("admin", "POST", "/api/users", { id: slug(t.sales_agent!), name: t.sales_agent, role: "manager", supervisor: slug(t.manager!), team: t.regional_office });
  for (const a of accounts) await ok("admin", "POST", "/api/clients", { id: slug(a.account!), name: a.account, segment: a.sector });

  const lastDate = deals.flatMap((d) => [d.engage_date!, d.close_date!]).filter(Boolean).sort().at(-1)!;
  const exportDay = new Date(Date.parse(day(lastDate)) + 86_400_000).toISOString();
  const rows = deals.map((d) => {
    const stage = d.deal_stage!.toLowerCase();
    const engaged = d.engage_date ? day(d.engage_date) : null;
    return {
      externalId: d.opportunity_id, pipeline: "crm", stage, title: `${d.product} for ${d.account || "no account"}`,
      responsible: slug(d.sales_agent!), fields: { product: d.product },
      ...(d.account ? { client: slug(d.account) } : {}),
      ...(d.close_value ? { amount: Number(d.close_value) } : {}),
      createdAt: engaged ?? exportDay,
      ...(d.close_date ? { closedAt: day(d.close_date) } : {}),
      ...(engaged && stage !== "prospecting" ? { moves: [{ stage: "prospecting", at: engaged }, ...(stage === "engaging" ? [] : [{ stage: "engaging", at: engaged }])] } : {}),
    };
  });
  let imported = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const result = await ok("admin", "POST", "/api/deals/import", { deals: rows.slice(i, i + 1000) });
    expect(result.errors).toEqual([]);
    imported += result.imported;
  }
  expect(imported).toBe(8800);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** Plain-JavaScript figures over the parsed rows, by a key of the row. */
function expected(keyOf: (d: Record<string, string>) => string) {
  const out = new Map<string, { won: number; lost: number; revenue: number }>();
  for (const d of deals) {
    if (d.deal_stage !== "Won" && d.deal_stage !== "Lost") continue;
    const k = keyOf(d);
    const e = out.get(k) ?? { won: 0, lost: 0, revenue: 0 };
    if (d.deal_stage === "Won") { e.won++; e.revenue += Number(d.close_value); } else e.lost++;
    out.set(k, e);
  }
  return out;
}

describe("the CRM Sales Opportunities dataset", () => {
  it("has the quirks the import must keep", () => {
    expect(deals).toHaveLength(8800);
    expect(new Set(teams.map((t) => t.sales_agent))).toHaveProperty("size", 35);
    expect(deals.some((d) => d.product === "GTXPro")).toBe(true);
    expect(deals.filter((d) => !d.account).length).toBe(1425);
    expect(deals.filter((d) => !d.engage_date).length).toBe(500);
  });

  it("answers each agent's win share as computed from the CSV (control)", async () => {
    const r = await ok("admin", "GET", `/api/reports/control?${PERIOD}`);
    const byAgent = expected((d) => slug(d.sales_agent!));
    const got = new Map(r.managers.filter((m: any) => m.won + m.lost > 0).map((m: any) => [m.manager, [m.won, m.lost, m.winShare]]));
    expect(got).toEqual(new Map([...byAgent].map(([agent, e]) => [agent, [e.won, e.lost, share(e.won, e.lost)]])));
    expect(r.totals).toMatchObject({ won: 4238, lost: 2473, winShare: share(4238, 2473), dealsWithoutOpenTask: 500 + 1589, overdueTasks: 0 });
  });

  it("answers won revenue per agent, per office and per manager as computed from the CSV (kpis)", async () => {
    const perAgent = (await ok("admin", "GET", `/api/reports/kpis?${PERIOD}&by=manager`)).groups;
    expect(new Map(perAgent.map((g: any) => [g.group, g.revenue]))).toEqual(new Map([...expected((d) => slug(d.sales_agent!))].filter(([, e]) => e.won > 0).map(([k, e]) => [k, e.revenue])));
    const office = new Map(teams.map((t) => [t.sales_agent!, t.regional_office!]));
    const perOffice = (await ok("admin", "GET", `/api/reports/kpis?${PERIOD}&by=team`)).groups;
    expect(new Map(perOffice.map((g: any) => [g.group, g.revenue]))).toEqual(new Map([...expected((d) => office.get(d.sales_agent!)!)].map(([k, e]) => [k, e.revenue])));
    // A manager's revenue is their scope's: the supervisor sees exactly their agents' deals.
    const manager = new Map(teams.map((t) => [t.sales_agent!, t.manager!]));
    for (const [name, e] of expected((d) => manager.get(d.sales_agent!)!)) {
      const totals = (await ok(slug(name), "GET", `/api/reports/kpis?${PERIOD}`)).totals;
      expect([name, totals.revenue, totals.deals]).toEqual([name, e.revenue, e.won]);
    }
    const all = (await ok("admin", "GET", `/api/reports/kpis?${PERIOD}`)).totals;
    expect(all).toMatchObject({ deals: 4238, revenue: [...expected(() => "all").values()][0]!.revenue, noClientRevenue: 0 });
  });

  it("counts the funnel, and the lost deals without a reason", async () => {
    const funnel = (await ok("admin", "GET", `/api/reports/funnel?${PERIOD}`)).stages;
    expect(funnel.map((s: any) => [s.stage, s.reached, s.conversionToNext, s.lost])).toEqual([
      ["prospecting", 8800, ratio(8300, 8800), 0],
      ["engaging", 8300, ratio(4238, 8300), 2473],
      ["won", 4238, null, 0],
      ["lost", 2473, null, 0],
    ]);
    const losses = await ok("admin", "GET", `/api/reports/loss-reasons?${PERIOD}`);
    expect(losses.reasons).toEqual([{ reason: null, lost: 2473, share: 1 }]);
    const plans = await ok("admin", "GET", `/api/reports/plans?${PERIOD}`);
    expect(plans).toMatchObject({ employees: [], pipelines: [], company: [] });
  });
});
