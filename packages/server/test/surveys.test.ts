/**
 * The public survey link over real HTTP: the page (en/ru), answering by form and by JSON, and the
 * used (410) and unknown (404) tokens.
 */
import { testBlueprint, withStage } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers";

const blueprint = withStage(
  testBlueprint({
    surveys: [{
      id: "nps",
      question: { en: "How likely are you to recommend us?", ru: "Порекомендуете ли вы нас?" },
      followUp: { en: "What is the main reason for your score?", ru: "Назовите основную причину оценки." },
      scale: { min: 0, max: 10 },
      bands: { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] },
    }],
  }),
  "sales", "won", { robots: [{ id: "askNps", type: "sendSurvey", params: { survey: "nps", recipient: { field: "email" }, channel: "link" } }] },
);

let server: TestServer;

const api: TestServer["api"] = (...args) => server.api(...args);

/** Wins a new deal; answers its id and its survey's path `/s/<token>`. */
async function surveyLink(): Promise<{ deal: string; path: string; url: string }> {
  const deal = (await api("ann", "POST", "/api/deals", { pipeline: "sales", title: "Won", responsible: "ann", fields: { email: "client@example.com" } })).body;
  const won = await api("ann", "POST", `/api/deals/${deal.id}/move`, { stage: "won" });
  expect(won.status).toBe(200);
  const card = (await api("ann", "GET", `/api/deals/${deal.id}`)).body;
  expect(card.surveys).toEqual([expect.objectContaining({ survey: "nps", status: "sent" })]);
  const url = card.surveys[0].url as string;
  return { deal: deal.id, path: new URL(url, "http://x").pathname, url };
}

const page = (path: string, lang = "en") => fetch(`${server.url}${path}`, { headers: { "accept-language": lang } });
const form = (path: string, fields: Record<string, string>, lang = "en") =>
  fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": lang }, body: new URLSearchParams(fields).toString() });
const json = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestServer({ blueprint });
});
afterAll(async () => {
  await server?.close();
});

describe("GET /s/:token", () => {
  it("shows the question, a 0-10 scale and the follow-up field, without auth", async () => {
    const { path, url } = await surveyLink();
    expect(url).toMatch(/^https?:\/\//);
    const r = await page(path);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await r.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<legend>How likely are you to recommend us?</legend>");
    expect(html.match(/type="radio" name="score"/g)).toHaveLength(11);
    expect(html).toContain('value="0"');
    expect(html).toContain('value="10"');
    expect(html).toContain('<label class="reason" for="reason">What is the main reason for your score?</label>');
    expect(html).toContain('<textarea id="reason" name="reason"');
  });

  it("speaks Russian when the browser prefers it", async () => {
    const { path } = await surveyLink();
    const html = await (await page(path, "ru-RU,ru;q=0.9,en;q=0.5")).text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain("Порекомендуете ли вы нас?");
    expect(html).toContain("Отправить");
  });

  it("answers 404 with a page for an unknown token", async () => {
    const r = await page("/s/no-such-token");
    expect(r.status).toBe(404);
    expect(await r.text()).toContain("Survey not found");
  });
});

describe("POST /s/:token", () => {
  it("records a form answer with a thank-you page; the used link then answers 410", async () => {
    const { deal, path } = await surveyLink();
    const r = await form(path, { score: "9", reason: "Quick & friendly" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await r.text()).toContain("Thank you!");
    const history = (await api("ann", "GET", `/api/deals/${deal}/history`)).body.items;
    expect(history).toContainEqual(expect.objectContaining({ type: "survey.answered", data: expect.objectContaining({ score: 9, band: "promoter", reason: "Quick & friendly" }) }));
    const card = (await api("ann", "GET", `/api/deals/${deal}`)).body;
    expect(card.surveys[0]).toMatchObject({ status: "answered", score: 9, band: "promoter" });

    const again = await page(path);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already been answered");
    const formAgain = await form(path, { score: "3" });
    expect(formAgain.status).toBe(410);
    expect(await formAgain.text()).toContain("already been answered");
    const jsonAgain = await json(path, { score: 3 });
    expect(jsonAgain.status).toBe(410);
    expect(((await jsonAgain.json()) as { error: { code: string } }).error.code).toBe("SURVEY_ANSWERED");
  });

  it("records a JSON answer and answers JSON", async () => {
    const { path } = await surveyLink();
    const r = await json(path, { score: 3, reason: "Too slow" });
    expect(r.status).toBe(200);
    expect((await r.json()) as unknown).toEqual({ survey: "nps", score: 3, band: "detractor" });
  });

  it("answers 404 for an unknown token, as JSON and as a page", async () => {
    const j = await json("/s/no-such-token", { score: 5 });
    expect(j.status).toBe(404);
    expect(((await j.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    const f = await form("/s/no-such-token", { score: "5" });
    expect(f.status).toBe(404);
    expect(await f.text()).toContain("Survey not found");
  });

  it("refuses a score off the scale or none and records nothing", async () => {
    const { path } = await surveyLink();
    const j = await json(path, { score: 11 });
    expect(j.status).toBe(400);
    expect(((await j.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
    const f = await form(path, { reason: "forgot the score" });
    expect(f.status).toBe(400);
    const html = await f.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('name="score"');
    expect((await page(path)).status).toBe(200);
  });
});
