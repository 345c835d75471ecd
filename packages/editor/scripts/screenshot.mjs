/**
 * Takes screenshots of the built editor with a local blueprint imported (no server needed):
 *
 *   pnpm --filter @voronka/editor build
 *   npx vite preview --port 4173 &          (in packages/editor)
 *   node scripts/screenshot.mjs [blueprint.json] [out-dir]
 *
 * Uses Chromium from Debian (`apt-get install -y chromium`) through playwright-core.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";

const blueprintPath = resolve(process.argv[2] ?? "../standards/blueprint.json");
const outDir = resolve(process.argv[3] ?? "/tmp/voronka-shots");
const url = process.env.EDITOR_URL ?? "http://127.0.0.1:4173/";
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
const problems = [];
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));

await page.goto(`${url}#/editor`);
await page.evaluate(() => localStorage.setItem("voronka.locale", "en"));
await page.reload();
await page.waitForSelector("[data-testid=canvas] .react-flow__node");
await page.screenshot({ path: `${outDir}/0-starter.png` });

await page.click("[data-testid=import]");
await page.setInputFiles("[data-testid=import-file]", blueprintPath);
await page.waitForSelector("[data-testid=import-summary]");
await page.click("[data-testid=import-confirm]");
await page.waitForTimeout(800);
await page.screenshot({ path: `${outDir}/1-imported.png` });

await page.locator("[data-testid^=stage-] .stage-label").first().click();
await page.waitForTimeout(300);
await page.screenshot({ path: `${outDir}/2-stage.png` });

const chip = page.locator("[data-testid^=chip-robot-]").first();
await chip.click();
await page.waitForTimeout(400);
await page.screenshot({ path: `${outDir}/3-robot.png` });

await page.click("[data-testid=tab-problems]");
await page.waitForTimeout(200);
await page.screenshot({ path: `${outDir}/4-problems.png` });

await page.click("[data-testid=simulate]");
await page.click("[data-testid=sim-start]");
await page.waitForSelector("[data-testid=sim-history] li");
await page.click("[data-testid=sim-advance-P1D]");
await page.waitForTimeout(300);
await page.screenshot({ path: `${outDir}/5-simulate.png` });

await page.selectOption("[data-testid=locale]", "ru");
await page.waitForTimeout(300);
await page.screenshot({ path: `${outDir}/6-russian.png` });

// A broken blueprint: a process stage marked success, and an unknown field on a guard.
await page.selectOption("[data-testid=locale]", "en");
await page.click("[data-testid=sim-reset]");
await page.click("[data-testid=tab-inspect]");
await page.locator("[data-testid^=stage-] .stage-label").nth(1).click();
await page.selectOption("#stage-kind", "success");
await page.locator("[data-testid^=chip-robot-]").first().click();
await page.waitForSelector("[data-testid=item-id]");
await page.click("[data-testid=tab-problems]");
await page.waitForSelector("[data-testid=lint-item-0]");
await page.screenshot({ path: `${outDir}/7-invalid.png` });
await page.click("[data-testid=lint-item-0] button");
await page.waitForTimeout(600);
await page.screenshot({ path: `${outDir}/8-issue-focused.png` });

console.log(problems.length ? problems.join("\n") : "no console errors");
await browser.close();
