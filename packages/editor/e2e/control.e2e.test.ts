/// <reference types="node" />
/**
 * The control room in a real browser against a real server with the standards blueprint, the
 * demo users and plans: a few deals are created through the API, some lost with a reason, some
 * won (imported with their clients), so the figures have something to show. Screenshots go to
 * `e2e/screenshots/control-*.png`.
 *
 *   pnpm --filter @voronka/editor build
 *   npx vitest run --config packages/editor/e2e/vitest.e2e.config.ts packages/editor/e2e/control.e2e.test.ts
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../../server/test/helpers";
import { createDeal, launchChromium, openTasksOf, SCREENSHOTS, startBoardServer } from "./board-harness";

let server: TestServer;
let browser: Browser;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  server = await startBoardServer();
  browser = await launchChromium();
  // Open deals, one with a rescheduled task.
  const open = await createDeal(server, "ann", "Vostok Trading — training", 480_000);
  await createDeal(server, "boris", "Severstal Service — installation", 1_200_000);
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
    moves: [{ stage: d.pipeline === "b2b-new" ? "contract" : "contract", at: daysAgo(5) }],
  }));
  const imported = await server.api("admin", "POST", "/api/deals/import", { deals: won });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body.errors, JSON.stringify(imported.body.errors)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}control-${name}.png` });
}

const CHARTS = ["plans", "funnel", "control", "loss-reasons", "loss-reasons-trend", "kpis", "activity", "activity-days", "abc-xyz"];

describe("the control room", () => {
  it("draws every figure's chart for the demo data, in English and Russian", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "en-US", timezoneId: "Europe/Moscow" });
    await context.addInitScript(() => localStorage.setItem("voronka.locale", "en"));
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/#token=${encodeURIComponent(server.tokens.admin)}`);
    await page.waitForSelector("[data-testid=nav-control]");
    await page.evaluate(() => { window.location.hash = "#/control"; });
    await page.waitForSelector("[data-testid=control-page]");

    // A year holds the demo plans (months, quarters, half-years of 2026) and today's deals.
    await page.selectOption("[data-testid=filter-period]", "year");
    await page.fill("[data-testid=filter-start]", `${new Date().getFullYear()}-01`);
    await page.keyboard.press("Enter");
    for (const name of CHARTS) {
      await page.locator(`[data-testid=chart-${name}] svg.recharts-surface`).first().waitFor({ timeout: 20_000 });
    }
    for (const f of ["plans", "funnel", "control", "loss-reasons", "nps", "kpis", "activity", "abc-xyz"]) {
      expect(await page.locator(`[data-testid=control-${f}]`).count()).toBe(1);
    }
    expect(await page.locator("[data-testid=abc-AX], [data-testid=abc-AZ]").count()).toBe(2);
    expect(await page.locator("[data-testid=control-loss-reasons]").textContent()).toContain("too-expensive");
    expect(await page.locator("[data-testid=control-page]").textContent()).not.toMatch(/NaN|Infinity/);
    // Fits 1366 wide: no horizontal scroll.
    expect(await page.evaluate(() => document.querySelector("[data-testid=control-page]")!.scrollWidth <= 1366)).toBe(true);
    await shot(page, "1-top");
    await page.locator("[data-testid=control-loss-reasons]").scrollIntoViewIfNeeded();
    await shot(page, "2-middle");
    await page.locator("[data-testid=control-abc-xyz]").scrollIntoViewIfNeeded();
    await shot(page, "3-bottom");

    // A CSV link answers the figure's table.
    const href = await page.locator("[data-testid=csv-loss-reasons-reasons]").getAttribute("href");
    const csv = await page.evaluate(async ([h, token]) => (await fetch(h!, { headers: { authorization: `Bearer ${token}` } })).text(), [href, server.tokens.admin] as const);
    expect(csv.split("\n")[0]).toContain("reason");

    // Russian.
    await page.selectOption("[data-testid=locale]", "ru");
    await page.getByRole("heading", { name: "План и факт" }).waitFor();
    await shot(page, "4-ru");
    // Keyboard: Tab reaches the filter bar.
    await page.locator("[data-testid=filter-period]").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("filter-start");
    expect(problems).toEqual([]);
    await context.close();
  });
});
