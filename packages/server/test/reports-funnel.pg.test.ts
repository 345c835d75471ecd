/**
 * The funnel read from `stage_entries` against the funnel read from the history itself, on
 * PostgreSQL (`pnpm test:pg`, a fresh database): see funnel-oracle.ts.
 */
import { fakeClock } from "@voronka/engine/testing";
import { buildApp } from "../src/app";
import { configWith } from "../src/config";
import { openDatabase } from "../src/db/connect";
import { seedPeople } from "../src/seed";
import { describeFunnelOracle } from "./funnel-oracle";
import { createTestDatabase } from "./pg-database";

describeFunnelOracle("postgresql", async () => {
  const testDb = await createTestDatabase();
  const clock = fakeClock();
  const config = configWith({ port: 0, host: "127.0.0.1", worker: false, seedDemo: false, databaseUrl: testDb.url, publicUrl: "http://127.0.0.1:0" });
  const db = await openDatabase({ databaseUrl: testDb.url });
  const { app, ctx } = await buildApp({ config, db, clock });
  await seedPeople(ctx, { demo: true });
  return {
    ctx, clock,
    async close() {
      await app.close();
      await db.close();
      await testDb.drop();
    },
  };
});
