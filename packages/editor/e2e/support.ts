/// <reference types="node" />
/**
 * What the editor's browser tests and the editor bench share: Debian's Chromium through
 * playwright-core (never a browser download), and the built web app (`packages/editor/dist`)
 * checked for completeness before it is served.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

/** The built web app. */
export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
/** Debian's Chromium (or `$CHROMIUM`). */
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";
/** Headless, no sandbox (root in a container), no GPU, no background traffic. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Launches Chromium headless; fails with the install hint when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`pnpm test:e2e needs Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Whether a folder holds a complete build: `index.html` and every asset it references (Vite
 * empties `dist` first and writes `index.html` last).
 */
export function completeBuild(dir: string): boolean {
  if (!existsSync(join(dir, "index.html"))) return false;
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]!);
  return assets.length > 0 && assets.every((a) => existsSync(join(dir, a)));
}
