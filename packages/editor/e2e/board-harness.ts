/// <reference types="node" />
/**
 * The board's browser-test harness: the real server (the server package's `startTestServer`:
 * SQLite in a temporary folder, real HTTP on an ephemeral port, the demo users with a token each)
 * with the bundled standards blueprint published, the worker on, serving the built web app
 * (`pnpm --filter @voronka/editor build` first); Debian's Chromium through playwright-core; and a
 * page signed in as a demo user at `#/board`, 1366×768, that records console errors.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../../server/test/helpers";
import { snapshotDist } from "./support";

export { launchChromium } from "./support";

/** Where screenshots go (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const STANDARDS = fileURLToPath(new URL("../../standards/blueprint.json", import.meta.url));

/**
 * Starts the server with the standards blueprint and the demo users (ann, boris: B2B under sue;
 * dmitry: B2C under igor), serving a snapshot of the built web app; `close()` also deletes it.
 */
export async function startBoardServer(): Promise<TestServer> {
  const dist = await snapshotDist();
  try {
    const blueprint = JSON.parse(readFileSync(STANDARDS, "utf8")) as unknown;
    const server = await startTestServer({ blueprint, config: { worker: true, tickMs: 250, editorDir: dist.dir } });
    return { ...server, close: async () => { try { await server.close(); } finally { dist.remove(); } } };
  } catch (e) {
    dist.remove();
    throw e;
  }
}

/** A signed-in page and what went wrong in it. */
export interface BoardPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions. */
  problems: string[];
}

/**
 * Opens the board as a user (`#/board&token=…`, as a login link does) in a fresh browser context
 * with the UI language set.
 */
export async function openBoard(browser: Browser, server: TestServer, user: string, locale: "en" | "ru" = "en"): Promise<BoardPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: locale === "ru" ? "ru-RU" : "en-US", timezoneId: "Europe/Moscow" });
  await context.addInitScript((l) => localStorage.setItem("voronka.locale", l), locale);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  const token = server.tokens[user];
  if (!token) throw new Error(`no token for ${user}`);
  await page.goto(`${server.url}/#/board&token=${encodeURIComponent(token)}`);
  await page.waitForSelector("[data-testid=board-page]");
  return { page, context, problems };
}

/** Saves a full-window screenshot as `screenshots/board-<name>.png`. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}board-${name}.png`;
  await page.screenshot({ path });
  return path;
}

/**
 * Drags a card onto a target with the mouse (HTML5 drag and drop, as a person does): press on the
 * card, move a little so the drag starts (the final stages' drop zones appear), then move onto
 * the target and release.
 */
export async function dragCard(page: Page, cardSelector: string, targetSelector: string): Promise<void> {
  const card = page.locator(cardSelector);
  await card.scrollIntoViewIfNeeded();
  // Press on the amount line: the title and "Move to…" are buttons.
  const from = (await card.locator(".deal-card-meta").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 8, { steps: 4 });
  const target = page.locator(targetSelector);
  await target.waitFor({ state: "visible" });
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Creates a deal in `b2b-new` as its responsible; answers its id. */
export async function createDeal(server: TestServer, user: string, title: string, amount = 150_000): Promise<string> {
  const r = await server.api(user, "POST", "/api/deals", { pipeline: "b2b-new", title, responsible: user, amount });
  if (r.status !== 201) throw new Error(`create ${title}: ${r.status} ${JSON.stringify(r.body)}`);
  return String(r.body.id);
}

/** The deal's open tasks (as a user who may see them). */
export async function openTasksOf(server: TestServer, user: string, deal: string): Promise<{ id: string; robot?: string; responsible: string; deadline?: string; status: string; reschedules: number }[]> {
  const r = await server.api(user, "GET", `/api/tasks?deal=${encodeURIComponent(deal)}&status=open`);
  return r.body.items;
}
