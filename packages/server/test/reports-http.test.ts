/**
 * The control room's figures over HTTP: every figure answers JSON and CSV (RFC 4180 quoting,
 * formula-looking text defused), bad parameters answer 400 `VALIDATION_FAILED` naming the
 * parameter, and the routes need a token and are in the OpenAPI document.
 */
import { fakeClock } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORTS } from "../src/reports";
import { reportsBlueprint } from "../src/reports/testing";
import { startTestServer, type TestServer } from "./helpers";

let server: TestServer;
const clock = fakeClock("2026-02-10T09:00:00Z");

async function wonWithAnswer(title: string, score: number, reason: string): Promise<void> {
  const deal = await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title, responsible: "ann", amount: 100, fields: { email: "a@example.com" } });
  expect(deal.status).toBe(201);
  expect((await server.api("ann", "POST", `/api/deals/${deal.body.id}/move`, { stage: "won" })).status).toBe(200);
  const card = await server.api("ann", "GET", `/api/deals/${deal.body.id}`);
  const token = String(card.body.surveys[0].url).split("/s/")[1];
  expect((await server.api(null, "POST", `/s/${token}`, { score, reason })).status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer({ blueprint: reportsBlueprint(), clock });
  await wonWithAnswer("Quoted", 10, 'Fast, "friendly"\r\nand kind');
  await wonWithAnswer("Formula", 2, "=HYPERLINK(\"http://x\")");
});
afterAll(async () => {
  await server?.close();
});

describe("the figures over HTTP", () => {
  it.each(REPORTS.map((r) => [r.figure, Object.keys(r.csv)] as const))("%s answers JSON and each of its CSV tables", async (figure, tables) => {
    const json = await server.api("sue", "GET", `/api/reports/${figure}`);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    expect(json.body.period).toMatchObject({ kind: "month", start: "2026-02", from: "2026-01-31T21:00:00.000Z", to: "2026-02-28T21:00:00.000Z", timeZone: "Europe/Moscow" });
    for (const table of tables) {
      const csv = await server.api("sue", "GET", `/api/reports/${figure}?format=csv&table=${table}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${figure}-${table}.csv"`);
      expect(csv.body.split("\r\n")[0]).toBe(REPORTS.find((r) => r.figure === figure)!.csv[table]!.join(","));
      expect(csv.body.endsWith("\r\n")).toBe(true);
    }
  });

  it("quotes CSV fields per RFC 4180 and defuses text a spreadsheet would run", async () => {
    const csv = await server.api("olga", "GET", "/api/reports/nps?format=csv&table=reasons");
    expect(csv.body).toBe('band,reason,count\r\ndetractor,"\'=HYPERLINK(""http://x"")",1\r\npromoter,"Fast, ""friendly""\r\nand kind",1\r\n');
    const managers = await server.api("olga", "GET", "/api/reports/nps?format=csv");
    expect(managers.body).toBe("manager,team,answered,promoters,passives,detractors,nps\r\nann,B2B,2,1,0,1,0\r\n");
  });

  it("needs a token", async () => {
    const r = await server.api(null, "GET", "/api/reports/kpis");
    expect(r.status).toBe(401);
  });

  it("lists every figure in the OpenAPI document", async () => {
    const doc = await server.api(null, "GET", "/openapi.json");
    for (const r of REPORTS) expect(Object.keys(doc.body.paths)).toContain(`/api/reports/${r.figure}`);
  });
});

describe("bad parameters", () => {
  it.each([
    ["kpis?from=2026-01-01T00:00:00Z", "to"],
    ["kpis?to=2026-01-01T00:00:00Z", "from"],
    ["kpis?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
    ["kpis?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
    ["kpis?from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
    ["kpis?from=yesterday&to=2026-01-01T00:00:00Z", "from"],
    ["kpis?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&period=month", "period"],
    ["kpis?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&start=2026-01", "start"],
    ["kpis?period=week", "period"],
    ["kpis?start=2026-13", "start"],
    ["kpis?start=2026-1", "start"],
    ["kpis?period=quarter&start=2026-02", "start"],
    ["kpis?period=half-year&start=2026-04", "start"],
    ["kpis?period=year&start=2026-07", "start"],
    ["kpis?by=stage", "by"],
    ["funnel?by=stage", "by"],
    ["control?forgottenDays=0", "forgottenDays"],
    ["control?forgottenDays=two", "forgottenDays"],
    ["control?listLimit=5000", "listLimit"],
    ["loss-reasons?reasonField=loss.reason", "reasonField"],
    ["nps?survey=NPS%20survey", "survey"],
    ["abc-xyz?abcA=96", "abcA"],
    ["abc-xyz?abcA=0", "abcA"],
    ["abc-xyz?abcB=101", "abcB"],
    ["abc-xyz?xyzX=2&xyzY=2", "xyzY"],
    ["abc-xyz?xyzX=0", "xyzX"],
    ["plans?format=xml", "format"],
    ["plans?format=csv&table=nothing", "table"],
  ])("%s → 400 naming %s", async (query, param) => {
    const r = await server.api("olga", "GET", `/api/reports/${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(param);
    expect(r.body.error.message).toContain(param);
  });
});
