#!/usr/bin/env node
// The `voronka` command: runs src/cli.ts through tsx's loader (the package ships TypeScript
// sources). In the repository `pnpm voronka …` does the same; this serves `npx voronka` and links.
import { spawnSync } from "node:child_process";
import { pathToFileURL, fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
let loader;
try {
  loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
} catch {
  console.error("voronka: tsx is needed to run the CLI (install it beside Voronka, or run `pnpm voronka` in the repository).");
  process.exit(2);
}
const result = spawnSync(process.execPath, ["--import", loader, cli, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
