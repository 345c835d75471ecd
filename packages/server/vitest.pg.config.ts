import { defineConfig } from "vitest/config";

/** `pnpm test:pg`: the suites that need PostgreSQL at 127.0.0.1:5432 (or PG_URL); never skipped. */
export default defineConfig({
  test: {
    name: "server-pg",
    root: import.meta.dirname,
    include: ["test/**/*.pg.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
