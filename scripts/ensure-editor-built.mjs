// Builds the web app once, so that `pnpm start` on a fresh clone serves the editor at `/`.
// Rebuild after changing the editor with `pnpm build` (or run `pnpm --filter @voronka/editor dev`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(new URL("../packages/editor/dist/index.html", import.meta.url))) {
  console.log("Building the web app (first start only)…");
  const r = spawnSync("pnpm", ["--filter", "@voronka/editor", "build"], { stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) {
    console.error("The web app did not build; the server will still start and serve the API.");
  }
}
