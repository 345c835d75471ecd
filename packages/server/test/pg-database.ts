/**
 * A throwaway PostgreSQL database for `pnpm test:pg`: `createTestDatabase()` connects to the
 * server at `PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`), creates a fresh
 * database `voronka_test_<random>` and answers its URL with a `drop()` that ends its connections
 * and drops it. Tables are only ever created in that fresh database, never in `postgres` or
 * `test`. An unreachable server is an error that says so: these suites are never skipped.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server the PostgreSQL suites use. */
export const PG_URL = process.env["PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh database on the test server. */
export interface TestDatabase {
  /** `postgres://…/voronka_test_<random>`. */
  url: string;
  name: string;
  /** Terminates the database's connections and drops it. */
  drop(): Promise<void>;
}

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new Error(`pnpm test:pg needs PostgreSQL at ${redacted(PG_URL)} (set PG_URL to use another): ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, empty database `voronka_test_<random>` on the server at {@link PG_URL}. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `voronka_test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: () => admin(async (c) => {
      await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
    }),
  };
}
