/// <reference types="node" />
/**
 * The editor's browser-test harness: the real server (the server package's `startTestServer`:
 * SQLite in a temporary folder, real HTTP on an ephemeral port, the admin and the demo users with
 * a token each) with the bundled standards blueprint published, serving a snapshot of the built
 * web app (`pnpm --filter @voronka/editor build` first); Debian's Chromium through playwright-core; and
 * an editor page signed in through a login URL (`/#token=…`), 1366×768, that records console
 * errors and uncaught exceptions.
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

/** A fresh copy of the bundled standards blueprint. */
export function standardsBlueprint(): Record<string, unknown> {
  return JSON.parse(readFileSync(STANDARDS, "utf8")) as Record<string, unknown>;
}

/**
 * Starts the server with the standards blueprint published (version 1) and (a snapshot of) the
 * built editor at `/`; `close()` also deletes the snapshot.
 */
export async function startEditorServer(): Promise<TestServer> {
  const dist = await snapshotDist();
  try {
    const server = await startTestServer({ blueprint: standardsBlueprint(), config: { editorDir: dist.dir } });
    return { ...server, close: async () => { try { await server.close(); } finally { dist.remove(); } } };
  } catch (e) {
    dist.remove();
    throw e;
  }
}

/** A signed-in editor page and what went wrong in it. */
export interface EditorPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions. */
  problems: string[];
}

/**
 * Opens the editor as a user through a login URL (`<url>/#token=…`) in a fresh browser context
 * (English UI, Moscow time), and waits for the draft (or the published blueprint) on the canvas.
 */
export async function openEditor(browser: Browser, server: TestServer, user = "admin"): Promise<EditorPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "en-US", timezoneId: "Europe/Moscow" });
  await context.addInitScript(() => localStorage.setItem("voronka.locale", "en"));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  const token = server.tokens[user];
  if (!token) throw new Error(`no token for ${user}`);
  await page.goto(`${server.url}/#token=${encodeURIComponent(token)}`);
  await waitForLoaded(page);
  return { page, context, problems };
}

/**
 * Runs a scenario on a fresh editor page: on failure saves `screenshots/editor-<name>-FAILED.png`;
 * on success checks the page logged no errors; closes the context either way.
 */
export async function withEditor(browser: Browser, server: TestServer, name: string, scenario: (e: EditorPage) => Promise<void>): Promise<void> {
  const editor = await openEditor(browser, server);
  try {
    await scenario(editor);
    if (editor.problems.length) throw new Error(`the page logged errors:\n${editor.problems.join("\n")}`);
  } catch (e) {
    await shot(editor.page, `${name}-FAILED`).catch(() => undefined);
    throw e;
  } finally {
    await editor.context.close();
  }
}

/** Waits until the editor has loaded from the server: stage nodes on the canvas and "Draft saved". */
export async function waitForLoaded(page: Page): Promise<void> {
  await page.waitForSelector("[data-testid=canvas] .react-flow__node-stage");
  await page.waitForFunction(() => document.querySelector("[data-testid=save-state]")?.textContent === "Draft saved");
}

/** Saves a full-window screenshot as `screenshots/editor-<name>.png`. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}editor-${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** The centre of an element relative to the canvas's centre, in pixels. */
export async function offsetFromCanvasCentre(page: Page, selector: string): Promise<{ dx: number; dy: number }> {
  const canvas = (await page.locator("[data-testid=canvas]").boundingBox())!;
  const box = (await page.locator(selector).boundingBox())!;
  return {
    dx: box.x + box.width / 2 - (canvas.x + canvas.width / 2),
    dy: box.y + box.height / 2 - (canvas.y + canvas.height / 2),
  };
}
