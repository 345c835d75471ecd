/**
 * The funnel read from `stage_entries` against the funnel read from the history itself, on SQLite
 * (the default `better-sqlite3` prepared-statement path, and the knex path `sqlite3` takes): see
 * funnel-oracle.ts.
 */
import { fakeClock } from "@voronka/engine/testing";
import { describeFunnelOracle } from "./funnel-oracle";
import { startTestServer } from "./helpers";

describeFunnelOracle("sqlite (better-sqlite3)", async () => {
  const clock = fakeClock();
  const server = await startTestServer({ clock });
  return { ctx: server.ctx, clock, close: () => server.close() };
});

describeFunnelOracle("sqlite (sqlite3, knex path)", async () => {
  const clock = fakeClock();
  const server = await startTestServer({ clock, config: { sqliteDriver: "sqlite3" } });
  return { ctx: server.ctx, clock, close: () => server.close() };
});
