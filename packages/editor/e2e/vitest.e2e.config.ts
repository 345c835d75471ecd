/// <reference types="node" />
import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

/**
 * `pnpm test:e2e`: browser tests in Debian's Chromium (playwright-core) against a real server.
 * Never a silent skip: without Chromium the run fails and says how to install it.
 */
const chromium = process.env["CHROMIUM"] ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(`pnpm test:e2e needs Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM).`);
}

export default defineConfig({
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
