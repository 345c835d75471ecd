/// <reference types="node" />
/**
 * The control room in a real browser against a real server with the standards blueprint, the
 * demo users and plans. The demo seed has no deals, so some are made through the API: open ones
 * (one with a rescheduled task), lost ones with a reason, won ones imported with their clients,
 * and won ones moved to success for real, so that the blueprint's survey robot sends their NPS
 * surveys — which are then answered on the public survey page (`/s/:token`) in the browser, as a
 * client does. Screenshots go to `e2e/screenshots/control-*.png`.
 *
 *   pnpm --filter @voronka/editor build
 *   npx vitest run --config packages/editor/e2e/vitest.e2e.config.ts packages/editor/e2e/control.e2e.test.ts
 */
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../../server/test/helpers";
import { createDeal, launchChromium, openTasksOf, SCREENSHOTS, startBoardServer } from "./board-harness";

let server: TestServer;
let browser: Browser;

const FIGURES = ["plans", "funnel", "control", "loss-reasons", "nps", "kpis", "activity", "abc-xyz"];
const CHARTS = ["plans", "plans-count", "plans-pipelines", "funnel", "control", "loss-reasons", "loss-reasons-trend", "nps", "kpis", "activity", "activity-days", "abc-xyz"];
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

interface FieldSpec { id: string; type: string; multiple?: boolean; options?: { id: string }[] }
const BLUEPRINT = JSON.parse(readFileSync(fileURLToPath(new URL("../../standards/blueprint.json", import.meta.url)), "utf8")) as { fields: FieldSpec[] };

/** A plausible value for a field the server says is missing (by the field's type). */
function sampleValue(id: string): unknown {
  if (id === "amount") return 250_000;
  const f = BLUEPRINT.fields.find((x) => x.id === id);
  const now = new Date();
  switch (f?.type) {
    case "datetime": return now.toISOString();
    case "date": return now.toISOString().slice(0, 10);
    case "file": return { name: "document.pdf", url: "https://example.com/document.pdf" };
    case "money": return { amount: 250_000, currency: "RUB" };
    case "address": return { text: "Moscow, Tverskaya 1" };
    case "booking": return { resource: "crew-1", from: now.toISOString(), to: new Date(now.getTime() + 3_600_000).toISOString() };
    case "enum": return f.multiple ? [f.options![0]!.id] : f.options![0]!.id;
    case "email": return "client@example.com";
    case "url": return "https://example.com";
    case "phone": return "+7 900 000-00-00";
    case "number": return 1;
    case "boolean": return true;
    default: return "Agreed";
  }
}

/**
 * Wins a new deal through the API as its responsible — moving it to success and filling in what
 * each refusal (422 MOVE_BLOCKED) names, as the board's form does — so the success stage's robots
 * run; answers the path of the NPS survey they sent.
 */
async function winWithSurvey(user: string, pipeline: string, title: string): Promise<string> {
  const created = await server.api(user, "POST", "/api/deals", { pipeline, title, responsible: user, amount: 250_000 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = String(created.body.id);
  const fields: Record<string, unknown> = {};
  for (let attempt = 0; ; attempt++) {
    const moved = await server.api(user, "POST", `/api/deals/${id}/move`, { stage: "success", fields });
    if (moved.status === 200) break;
    expect(moved.body.error?.code, JSON.stringify(moved.body)).toBe("MOVE_BLOCKED");
    expect(attempt).toBeLessThan(5);
    for (const f of moved.body.error.details.missing as string[]) fields[f] = sampleValue(f);
  }
  const card = await server.api(user, "GET", `/api/deals/${id}`);
  const survey = (card.body.surveys as { survey: string; url: string }[]).find((s) => s.survey === "nps");
  expect(survey, JSON.stringify(card.body.surveys)).toBeTruthy();
  return new URL(survey!.url).pathname;
}

/** Answers a survey on its public page in the browser: picks the score, writes the reason, sends. */
async function answerSurvey(page: Page, path: string, score: number, reason: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.locator(`input[name=score][value="${score}"]`).check({ force: true });
  await page.fill("#reason", reason);
  await page.click("button[type=submit]");
  await page.getByText("Thank you!").waitFor();
}

beforeAll(async () => {
  server = await startBoardServer();
  browser = await launchChromium();
  // Open deals, one with a rescheduled task.
  const open = await createDeal(server, "ann", "Vostok Trading — training", 480_000);
  const borisDeal = await createDeal(server, "boris", "Severstal Service — installation", 1_200_000);
  // Calls logged today: three by Ann, two by Boris.
  for (const [user, deal, type] of [["ann", open, "call-out-cold"], ["ann", open, "call-out-cold"], ["ann", open, "call-out-cold"], ["boris", borisDeal, "call-out-warm"], ["boris", borisDeal, "call-out-warm"]] as const) {
    const r = await server.api(user, "POST", `/api/deals/${deal}/activities`, { type });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const [task] = await openTasksOf(server, "ann", open);
  if (task) {
    const r = await server.api("ann", "POST", `/api/tasks/${task.id}/reschedule`, { deadline: new Date(Date.now() + 86_400_000).toISOString(), reason: "Client asked to call later" });
    expect(r.status).toBe(200);
  }
  // Lost deals, with reasons.
  for (const [title, reason] of [["Romashka LLC — chairs", "too-expensive"], ["Luch — lamps", "too-expensive"], ["Kedr — desks", "lost-to-competitor"]] as const) {
    const id = await createDeal(server, "ann", title, 100_000);
    const r = await server.api("ann", "POST", `/api/deals/${id}/move`, { stage: "failure", fields: { lossReason: reason } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  // Won deals with clients (imported history: closed now, created a few days ago).
  for (const [id, name] of [["polyus", "Polyus"], ["zarya", "Zarya Hotels"], ["sever", "Sever"]] as const) {
    const r = await server.api("admin", "POST", "/api/clients", { id, name });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const won = [
    { client: "polyus", amount: 900_000, responsible: "ann", pipeline: "b2b-new" },
    { client: "polyus", amount: 300_000, responsible: "ann", pipeline: "b2b-new" },
    { client: "zarya", amount: 450_000, responsible: "boris", pipeline: "b2b-new" },
    { client: "sever", amount: 60_000, responsible: "dmitry", pipeline: "b2c-new" },
  ].map((d, i) => ({
    ...d, externalId: `won-${i}`, title: `Won deal ${i + 1}`, stage: "success",
    createdAt: daysAgo(10 + i), closedAt: daysAgo(0.01 * (i + 1)),
    moves: [{ stage: "contract", at: daysAgo(5) }],
  }));
  const imported = await server.api("admin", "POST", "/api/deals/import", { deals: won });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body.errors, JSON.stringify(imported.body.errors)).toEqual([]);
  // Deals won for real send NPS surveys; their clients answer them: 2 promoters, 1 passive, 1 detractor.
  const answers = [
    ["ann", "b2b-new", "Arctic Foods — fit-out", 10, "Fast delivery"],
    ["ann", "b2b-new", "Baikal Mills — training", 9, "A manager who listens"],
    ["boris", "b2b-new", "Ural Steel — service", 7, "Fine, but slow paperwork"],
    ["dmitry", "b2c-new", "Ivanov family — kitchen", 3, "Installers were late"],
  ] as const;
  const paths = [];
  for (const [user, pipeline, title] of answers) paths.push(await winWithSurvey(user, pipeline, title));
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  for (const [i, [, , , score, reason]] of answers.entries()) await answerSurvey(page, paths[i]!, score, reason);
  await context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}control-${name}.png` });
}

/** Opens the control room as a user, 1366×768, with the UI language set; records page errors. */
async function openControl(user: string, locale: "en" | "ru" = "en"): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: locale === "ru" ? "ru-RU" : "en-US", timezoneId: "Europe/Moscow" });
  await context.addInitScript((l) => localStorage.setItem("voronka.locale", l), locale);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${server.url}/#/control&token=${encodeURIComponent(server.tokens[user]!)}`);
  await page.waitForSelector("[data-testid=control-page]");
  return { page, problems, close: () => context.close() };
}

/** Options of a select as [value, text]. */
const optionsOf = (page: Page, testid: string) =>
  page.locator(`[data-testid=${testid}] option`).evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ""]));

/** Chooses in a filter select and waits for all eight figures to be asked again with `param=value`. */
async function choose(page: Page, testid: string, value: string, param: string): Promise<void> {
  const asked = new Set<string>();
  const all = new Promise<void>((resolve) => {
    const onRequest = (r: { url(): string }) => {
      const url = new URL(r.url());
      const figure = url.pathname.match(/^\/api\/reports\/([a-z-]+)$/)?.[1];
      if (figure && url.searchParams.get(param) === value) asked.add(figure);
      if (asked.size === FIGURES.length) { page.off("request", onRequest); resolve(); }
    };
    page.on("request", onRequest);
  });
  await page.selectOption(`[data-testid=${testid}]`, value);
  await all;
}

/** The text of a test id, once it is shown. */
const text = async (page: Page, testid: string) => (await page.locator(`[data-testid=${testid}]`).textContent()) ?? "";

/** Waits until the NPS tiles show these answers (after a refetch). */
async function npsShows(page: Page, answered: number, score: string): Promise<void> {
  await expect.poll(() => page.locator("[data-testid=nps-answered] dd").textContent().catch(() => null), { timeout: 20_000 }).toBe(String(answered));
  expect(await page.locator("[data-testid=nps-score] dd").textContent()).toBe(score);
}

describe("the control room", () => {
  it("draws every figure's section and chart for the demo data, with names and labels, in English and Russian", async () => {
    const { page, problems, close } = await openControl("admin");
    // A year holds the demo plans (months, quarters, half-years of 2026) and today's deals.
    await page.selectOption("[data-testid=filter-period]", "year");
    await page.selectOption("[data-testid=filter-start-month]", "1");
    await page.selectOption("[data-testid=filter-start-year]", String(new Date().getFullYear()));
    for (const name of CHARTS) await page.locator(`[data-testid=chart-${name}] svg.recharts-surface`).first().waitFor({ timeout: 20_000 });
    for (const f of FIGURES) {
      expect(await page.locator(`[data-testid=control-${f}]`).count()).toBe(1);
      expect(await page.locator(`[data-testid=empty-${f}]`).count(), f).toBe(0);
    }
    // NPS: the four answers, by band, in tiles and bars.
    await npsShows(page, 4, "25");
    expect(await page.locator("[data-testid=nps-promoter] dd").textContent()).toBe("2");
    expect(await page.locator("[data-testid=nps-passive] dd").textContent()).toBe("1");
    expect(await page.locator("[data-testid=nps-detractor] dd").textContent()).toBe("1");
    expect(await page.locator("[data-testid=chart-nps] .recharts-bar-rectangle").count()).toBe(3);
    expect(await page.locator("[data-testid=chart-nps] .recharts-cartesian-axis-tick-value").allTextContents()).toEqual(expect.arrayContaining(["Promoters", "Passives", "Detractors"]));
    expect(await text(page, "nps-reasons")).toContain("Installers were late");
    expect(await text(page, "nps-reasons")).toContain("Detractor");
    expect(await text(page, "nps-managers")).toContain("Dmitry Volkov");

    // Names and labels, not ids; the ids stay as tooltips.
    const plans = await text(page, "plans-table");
    expect(plans).toContain("Anna Kuznetsova");
    expect(plans).not.toMatch(/\b(ann|boris|dmitry)\b/);
    expect(await page.locator("[data-testid=plans-table] td[title=ann]").first().textContent()).toBe("Anna Kuznetsova");
    expect(await text(page, "funnel-pipeline")).toContain("B2B new clients");
    expect(await text(page, "funnel-table")).toContain("Presentation");
    expect(await text(page, "loss-reasons-table")).toContain("Too expensive");
    expect(await text(page, "control-loss-reasons")).not.toContain("too-expensive");
    expect(await text(page, "control-table")).toContain("Boris Popov");
    expect(await text(page, "activity-table")).toContain("Cold call (outgoing)");
    expect(await page.locator("[data-testid=activity-table] tr", { hasText: "Anna Kuznetsova" }).filter({ hasText: "Cold call (outgoing)" }).locator("td").nth(2).textContent()).toBe("3");
    expect(await page.locator("[data-testid=chart-activity-days] .recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await text(page, "kpis-table")).toContain("Dmitry Volkov");
    expect(await page.locator("[data-testid=abc-AX], [data-testid=abc-AZ]").count()).toBe(2);
    expect(await text(page, "control-page")).not.toMatch(/NaN|Infinity|undefined/);
    // The filters: the blueprint's pipelines and everyone (an admin's scope), by name.
    expect(await optionsOf(page, "filter-pipeline")).toEqual(expect.arrayContaining([["", "All pipelines"], ["b2b-new", "B2B new clients"], ["warranty", "Warranty service"]]));
    expect(await optionsOf(page, "filter-responsible")).toEqual(expect.arrayContaining([["ann", "Anna Kuznetsova"], ["dmitry", "Dmitry Volkov"], ["olga", "Olga Petrova"]]));
    expect(await optionsOf(page, "filter-team")).toEqual([["", "All teams"], ["B2B", "B2B"], ["B2C", "B2C"], ["Head office", "Head office"]]);
    // Fits 1366 wide: no horizontal scroll.
    expect(await page.evaluate(() => document.querySelector("[data-testid=control-page]")!.scrollWidth <= 1366)).toBe(true);
    await shot(page, "1-top");
    await page.locator("[data-testid=control-loss-reasons]").scrollIntoViewIfNeeded();
    await shot(page, "2-middle");
    await page.locator("[data-testid=control-nps]").scrollIntoViewIfNeeded();
    await shot(page, "3-nps");
    await page.locator("[data-testid=control-abc-xyz]").scrollIntoViewIfNeeded();
    await shot(page, "4-bottom");

    // A CSV link answers the figure's table, with the ids.
    const href = await page.locator("[data-testid=csv-loss-reasons-reasons]").getAttribute("href");
    const csv = await page.evaluate(async ([h, token]) => (await fetch(h!, { headers: { authorization: `Bearer ${token}` } })).text(), [href, server.tokens.admin] as const);
    expect(csv.split("\n")[0]).toContain("reason");
    expect(csv).toContain("too-expensive");

    // Choosing a manager asks every figure again for them: Ann's two promoters only.
    await choose(page, "filter-responsible", "ann", "responsible");
    await npsShows(page, 2, "100");
    expect(await text(page, "plans-table")).toContain("Anna Kuznetsova");
    expect(await text(page, "plans-table")).not.toContain("Boris Popov");
    // A team narrows the managers (Ann is not in B2C, so she is dropped): Dmitry's detractor.
    await choose(page, "filter-team", "B2C", "team");
    expect(await page.locator("[data-testid=filter-responsible]").inputValue()).toBe("");
    expect((await optionsOf(page, "filter-responsible")).map(([id]) => id)).toEqual(["", "dmitry", "elena", "igor"]);
    await npsShows(page, 1, "-100");
    // A pipeline: the funnel shows it, by its stages' labels.
    await page.selectOption("[data-testid=filter-team]", "");
    await choose(page, "filter-pipeline", "b2c-new", "pipeline");
    await npsShows(page, 1, "-100");
    expect(await text(page, "funnel-pipeline")).toContain("B2C new clients");
    await shot(page, "5-filtered");

    // Russian: the page, the labels and the filters.
    await page.selectOption("[data-testid=filter-pipeline]", "");
    await page.selectOption("[data-testid=locale]", "ru");
    await page.getByRole("heading", { name: "План и факт" }).waitFor();
    await expect.poll(() => text(page, "loss-reasons-table"), { timeout: 20_000 }).toContain("Дорого");
    expect(await text(page, "funnel-table")).toContain("Презентация");
    expect(await text(page, "nps-reasons")).toContain("Критик");
    expect(await optionsOf(page, "filter-pipeline")).toEqual(expect.arrayContaining([["", "Все воронки"], ["b2b-new", "B2B Новые клиенты"]]));
    await shot(page, "6-ru");
    await page.locator("[data-testid=control-nps]").scrollIntoViewIfNeeded();
    await shot(page, "7-ru-nps");
    // Keyboard: Tab goes through the filter bar in order.
    await page.locator("[data-testid=filter-period]").focus();
    await page.keyboard.press("Tab");
    const order = [await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))];
    await page.locator("[data-testid=filter-pipeline]").focus();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")));
    }
    expect(order).toEqual(["filter-start-month", "filter-team", "filter-responsible", "filter-reset"]);
    expect(problems).toEqual([]);
    await close();
  });

  it("offers a supervisor their reports and a manager only themselves, as the API scopes them", async () => {
    const sue = await openControl("sue");
    await sue.page.locator("[data-testid=filter-responsible] option[value=ann]").waitFor({ state: "attached" });
    expect(await optionsOf(sue.page, "filter-responsible")).toEqual([["", "Everyone in your scope"], ["ann", "Anna Kuznetsova"], ["boris", "Boris Popov"], ["sue", "Susanna Ivanova"], ["vera", "Vera Morozova"]]);
    expect(await optionsOf(sue.page, "filter-team")).toEqual([["", "All teams"], ["B2B", "B2B"]]);
    await sue.page.selectOption("[data-testid=filter-period]", "year");
    await npsShows(sue.page, 3, "66.67");
    expect(sue.problems).toEqual([]);
    await sue.close();

    const ann = await openControl("ann", "ru");
    await ann.page.locator("[data-testid=filter-responsible] option[value=ann]").waitFor({ state: "attached" });
    expect(await optionsOf(ann.page, "filter-responsible")).toEqual([["", "Все в вашей зоне"], ["ann", "Anna Kuznetsova"]]);
    await ann.page.selectOption("[data-testid=filter-period]", "year");
    await npsShows(ann.page, 2, "100");
    await shot(ann.page, "8-manager-ru");
    expect(ann.problems).toEqual([]);
    await ann.close();
  });
});
