/// <reference types="node" />
/**
 * What the editor's browser tests and the editor bench share: Debian's Chromium through
 * playwright-core (never a browser download), and the built web app (`packages/editor/dist`)
 * checked for completeness before it is served (a snapshot of it, for the tests' servers).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

/** The built web app. */
export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
/** Debian's Chromium (or `$CHROMIUM`). */
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";
/** Headless, no sandbox (root in a container), no GPU, no /dev/shm (small in containers), no background traffic. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

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

/**
 * Copies the built web app (`packages/editor/dist`) to a temporary folder and answers it with a
 * function that deletes it. Serving the copy keeps a run whole while `vite build` rewrites `dist`
 * (another `pnpm test:e2e` or a developer's build empties it first); a build caught half-written
 * is copied again, for up to a minute.
 */
export async function snapshotDist(): Promise<{ dir: string; remove(): void }> {
  if (!existsSync(DIST)) throw new Error("Build the web app first: pnpm --filter @voronka/editor build");
  const deadline = Date.now() + 60_000;
  for (;;) {
    const dir = mkdtempSync(join(tmpdir(), "voronka-editor-dist-"));
    try {
      cpSync(DIST, dir, { recursive: true });
    } catch {
      /* a file vanished while copying: try again */
    }
    if (completeBuild(dir)) return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
    rmSync(dir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`No complete build in ${DIST}: pnpm --filter @voronka/editor build`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
