/// <reference types="node" />
/**
 * The board in a real browser against a real server with the standards blueprint and the demo
 * users: manager Ann (B2B, under supervisor Sue), Boris (B2B), Dmitry (B2C, another team).
 * Screenshots of each step go to `e2e/screenshots/board-*.png`.
 *
 *   pnpm --filter @voronka/editor build
 *   npx vitest run --config packages/editor/e2e/vitest.e2e.config.ts packages/editor/e2e/board.e2e.test.ts
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../../server/test/helpers";
import { createDeal, dragCard, launchChromium, openBoard, openTasksOf, shot, startBoardServer } from "./board-harness";

let server: TestServer;
let browser: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startBoardServer();
  browser = await launchChromium();
  ids["loses"] = await createDeal(server, "ann", "Romashka LLC — office chairs");
  ids["late"] = await createDeal(server, "ann", "Vostok Trading — training", 480_000);
  ids["live"] = await createDeal(server, "ann", "Polyus — support contract", 90_000);
  ids["keys"] = await createDeal(server, "ann", "Zarya Hotels — kitchen equipment", 2_350_000);
  ids["boris"] = await createDeal(server, "boris", "Severstal Service — installation", 1_200_000);
  ids["dmitry"] = await createDeal(server, "dmitry", "Private client — B2C team", 40_000);
  // Boris's deal loses its only task: no open task, so it is red (standard 7).
  const [borisTask] = await openTasksOf(server, "boris", ids["boris"]!);
  expect((await server.api("boris", "POST", `/api/tasks/${borisTask!.id}/complete`)).status).toBe(200);
  // Ann's task on "late" goes into the past (the server has no clock to wind): it is overdue now.
  const [lateTask] = await openTasksOf(server, "ann", ids["late"]!);
  const past = new Date(Date.now() - 26 * 3600_000).toISOString();
  expect((await server.api("ann", "POST", `/api/tasks/${lateTask!.id}/reschedule`, { deadline: past, reason: "Client postponed the call (test setup)" })).status).toBe(200);
  ids["lateTask"] = lateTask!.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the board", () => {
  it("a manager sees only her own deals; another team's deal is neither shown nor movable", async () => {
    const { page, context, problems } = await openBoard(browser, server, "ann");
    await page.waitForSelector(`[data-testid=deal-card-${ids["loses"]}]`);
    expect(await page.locator("[data-testid^=deal-card-]").count()).toBe(4);
    expect(await page.locator(`[data-testid=deal-card-${ids["dmitry"]}]`).count()).toBe(0);
    expect(await page.locator(`[data-testid=deal-card-${ids["boris"]}]`).count()).toBe(0);
    expect(await page.getAttribute(`[data-testid=deal-card-${ids["late"]}]`, "data-overdue")).toBe("1");
    await shot(page, "1-manager-board");
    // The server refuses Ann's token on the B2C deal as if it did not exist.
    expect((await server.api("ann", "POST", `/api/deals/${ids["dmitry"]}/move`, { stage: "failure", fields: { lossReason: "duplicate" } })).status).toBe(404);
    expect((await server.api("ann", "GET", `/api/deals/${ids["dmitry"]}`)).status).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("a manager drags a deal to failure, is asked for the loss reason, and the deal moves with the supervisor's check task", async () => {
    const { page, context, problems } = await openBoard(browser, server, "ann");
    const card = `[data-testid=deal-card-${ids["loses"]}]`;
    await page.waitForSelector(card);
    await dragCard(page, card, "[data-testid=drop-zone-failure]");
    const dialog = page.locator("[data-testid=missing-fields-dialog]");
    await dialog.waitFor();
    const reason = page.locator("[data-testid=field-input-lossReason]");
    expect(await reason.evaluate((el) => el.tagName)).toBe("SELECT");
    expect(await reason.locator("option").count()).toBe(10);
    await shot(page, "2-loss-reason-asked");
    await reason.selectOption("too-expensive");
    await page.click("[data-testid=missing-fields-submit]");
    await dialog.waitFor({ state: "detached" });
    await page.locator(`[data-testid=column-failure] ${card}`).waitFor();
    await shot(page, "3-moved-to-failure");

    const deal = (await server.api("ann", "GET", `/api/deals/${ids["loses"]}`)).body;
    expect(deal).toMatchObject({ stage: "failure", status: "lost", fields: { lossReason: "too-expensive" } });
    const history = (await server.api("ann", "GET", `/api/deals/${ids["loses"]}/history`)).body.items as { type: string; data: Record<string, unknown> }[];
    expect(history.filter((h) => h.type === "deal.moved").map((h) => h.data["to"])).toEqual(["failure"]);
    expect(history.some((h) => h.type === "deal.move.blocked")).toBe(false);
    const check = (await openTasksOf(server, "sue", ids["loses"]!)).find((x) => x.robot === "b2b-new-failure-check");
    expect(check).toMatchObject({ responsible: "sue", status: "open" });

    // The deal card tells the story in words.
    await page.click(`[data-testid=open-deal-${ids["loses"]}]`);
    await page.click("[data-testid=deal-tab-history]");
    const rows = page.locator("[data-testid=history-row]");
    await rows.first().waitFor();
    expect(await page.locator("[data-testid=deal-history]").innerText()).toContain("Moved from “Presentation” to “Lost” by hand");
    await shot(page, "4-deal-history");
    // The refused first attempt (422 MOVE_BLOCKED) is logged by the browser; it is the expected answer.
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    await context.close();
  }, 60_000);

  it("a manager cannot reschedule an overdue task without a reason, and can with one", async () => {
    const { page, context, problems } = await openBoard(browser, server, "ann");
    await page.click("[data-testid=board-view-tasks]");
    const task = page.locator(`[data-testid=tasks-group-overdue] [data-testid=task-${ids["lateTask"]}]`);
    await task.waitFor();
    expect(await task.getAttribute("data-overdue")).toBe("true");
    await page.click(`[data-testid=task-reschedule-${ids["lateTask"]}]`);
    await page.locator("[data-testid=reschedule-dialog]").waitFor();
    await page.click("[data-testid=reschedule-submit]");
    const error = page.locator("[data-testid=reschedule-error]");
    await error.waitFor();
    expect(await error.getAttribute("data-kind")).toBe("reason");
    await shot(page, "5-reschedule-refused");
    let tasks = await openTasksOf(server, "ann", ids["late"]!);
    expect(tasks.find((x) => x.id === ids["lateTask"])!.reschedules).toBe(1);

    await page.fill("[data-testid=reschedule-reason]", "The client is on a business trip until Monday");
    await page.click("[data-testid=reschedule-submit]");
    await page.locator("[data-testid=reschedule-dialog]").waitFor({ state: "detached" });
    await page.click("[data-testid=tasks-range-all]");
    await page.locator(`[data-testid=task-${ids["lateTask"]}][data-overdue=false]`).waitFor();
    await shot(page, "6-rescheduled");
    tasks = await openTasksOf(server, "ann", ids["late"]!);
    const moved = tasks.find((x) => x.id === ids["lateTask"])!;
    expect(moved.reschedules).toBe(2);
    expect(Date.parse(moved.deadline!)).toBeGreaterThan(Date.now());
    const history = (await server.api("sue", "GET", `/api/deals/${ids["late"]}/history`)).body.items as { type: string; data: Record<string, unknown> }[];
    expect(history.filter((h) => h.type === "task.rescheduled").at(-1)!.data["reason"]).toBe("The client is on a business trip until Monday");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("a manager moves a deal with the keyboard; the stage's guard asks for a date-time and a site", async () => {
    const { page, context, problems } = await openBoard(browser, server, "ann");
    const card = `[data-testid=deal-card-${ids["keys"]}]`;
    await page.waitForSelector(card);
    await page.focus(`[data-testid=move-menu-${ids["keys"]}]`);
    await page.keyboard.press("Enter");
    await page.locator("[role=menu]").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("move-to-general-cp");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await shot(page, "7a-move-menu");
    await page.keyboard.press("Enter");
    await page.locator("[data-testid=missing-fields-dialog]").waitFor();
    expect(await page.getAttribute("[data-testid=field-input-presentationAt]", "type")).toBe("datetime-local");
    expect(await page.getAttribute("[data-testid=field-input-clientSite]", "type")).toBe("url");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("field-input-presentationAt");
    await page.keyboard.type("03022026");
    await page.keyboard.press("Tab");
    await page.keyboard.type("1030AM");
    await page.focus("[data-testid=field-input-clientSite]");
    await page.keyboard.type("https://zarya.example");
    await shot(page, "7b-guard-fields");
    await page.keyboard.press("Enter");
    await page.locator("[data-testid=missing-fields-dialog]").waitFor({ state: "detached" });
    await page.locator(`[data-testid=column-general-cp] ${card}`).waitFor();
    const deal = (await server.api("ann", "GET", `/api/deals/${ids["keys"]}`)).body;
    expect(deal.stage).toBe("general-cp");
    expect(deal.fields.clientSite).toBe("https://zarya.example");
    expect(new Date(deal.fields.presentationAt).toISOString()).toBe("2026-03-02T07:30:00.000Z");

    await page.click(`[data-testid=open-deal-${ids["keys"]}]`);
    await page.locator("[data-testid=deal-field-clientSite]").waitFor();
    await shot(page, "7c-deal-fields");
    await page.click("[data-testid=deal-tab-why]");
    await page.locator("[data-testid=explain-next]").waitFor();
    expect(await page.locator("[data-testid=explain-next]").textContent()).toContain("Feedback and objections");
    await shot(page, "7d-why-here");
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    await context.close();
  }, 60_000);

  it("the board follows others' moves with no reload", async () => {
    const { page, context, problems } = await openBoard(browser, server, "ann");
    const card = `[data-testid=deal-card-${ids["live"]}]`;
    await page.locator(`[data-testid=column-presentation] ${card}`).waitFor();
    await page.locator("[data-testid=board-live] >> text=Live").waitFor();
    const r = await server.api("sue", "POST", `/api/deals/${ids["live"]}/move`, { stage: "general-cp", fields: { presentationAt: "2026-03-02T10:00:00+03:00", clientSite: "https://polyus.example" } });
    expect(r.status).toBe(200);
    await page.locator(`[data-testid=column-general-cp] ${card}`).waitFor({ timeout: 10_000 });
    await shot(page, "8-live-move");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("a supervisor sees the team's red deals (no open task) and the reasons given for reschedules", async () => {
    const { page, context, problems } = await openBoard(browser, server, "sue");
    const red = `[data-testid=deal-card-${ids["boris"]}]`;
    await page.waitForSelector(red);
    expect(await page.getAttribute(red, "data-red")).toBe("true");
    expect(await page.locator(`${red} [data-testid=mark-no-task]`).count()).toBe(1);
    expect(await page.locator(`[data-testid=deal-card-${ids["dmitry"]}]`).count()).toBe(0);
    await page.check("[data-testid=board-red-only]");
    await page.locator(`[data-testid=deal-card-${ids["late"]}]`).waitFor({ state: "detached" });
    const shown = await page.locator("[data-testid^=deal-card-]").evaluateAll((els) => els.map((e) => e.getAttribute("data-red")));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((x) => x === "true")).toBe(true);
    await shot(page, "9-supervisor-red");

    await page.click("[data-testid=board-view-tasks]");
    await page.click("[data-testid=tasks-scope-team]");
    await page.click("[data-testid=tasks-range-all]");
    await page.locator(`[data-testid=task-reason-${ids["lateTask"]}]`).waitFor();
    expect(await page.locator(`[data-testid=task-reason-${ids["lateTask"]}]`).innerText()).toContain("business trip");
    await shot(page, "10-supervisor-tasks");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("speaks Russian", async () => {
    const { page, context, problems } = await openBoard(browser, server, "sue", "ru");
    await page.waitForSelector(`[data-testid=deal-card-${ids["boris"]}]`);
    expect(await page.locator("[data-testid=nav-board]").innerText()).toContain("Доска");
    await shot(page, "11-ru-board");
    await page.click(`[data-testid=open-deal-${ids["loses"]}]`);
    await page.locator("[data-testid=deal-panel]").waitFor();
    await page.click("[data-testid=deal-tab-history]");
    await page.locator("[data-testid=history-row]").first().waitFor();
    expect(await page.locator("[data-testid=deal-history]").innerText()).toContain("Перенесена из");
    await shot(page, "12-ru-deal-history");
    await page.click("[data-testid=deal-tab-why]");
    await shot(page, "13-ru-why-here");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
