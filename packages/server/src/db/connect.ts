/**
 * Opens the database: SQLite in a data directory by default (WAL, `synchronous=NORMAL`), or
 * PostgreSQL when `DATABASE_URL` is a `postgres://` URL; then runs the migrations.
 *
 * On SQLite it then runs `PRAGMA optimize=0x10002`, and `PRAGMA optimize` when closing, as SQLite
 * advises for long-lived connections: the planner's statistics (`sqlite_stat1`) are gathered for
 * tables that have none or have changed a lot since, and left alone otherwise (about a millisecond).
 * The first open of a large database that has none pays once (≈ 8 s at 1M deals / 10M history
 * rows). The queries do not depend on them: their plans are checked without statistics too
 * (src/store/README.md "Statistics").
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import knexFactory, { type Knex } from "knex";
import * as initial from "./migrations/0001-initial";
import * as reportIndexes from "./migrations/0002-report-indexes";
import * as stageEntries from "./migrations/0003-stage-entries";

/** SQLite drivers: `better-sqlite3` (default, measured faster) or `sqlite3` (knex's classic). */
export type SqliteDriver = "better-sqlite3" | "sqlite3";

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL; absent for SQLite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** A file name inside dataDir, or ":memory:". Default `voronka.sqlite`. */
  sqliteFile?: string;
  sqliteDriver?: SqliteDriver;
  /** `FULL` survives a power loss too; `NORMAL` (default) survives a process crash. */
  sqliteSynchronous?: "NORMAL" | "FULL";
  pool?: { min?: number; max?: number };
}

export interface Database {
  knex: Knex;
  dialect: "sqlite" | "postgres";
  /** The better-sqlite3 handle when that driver is used (for the store's hot path). */
  close(): Promise<void>;
}

const MIGRATIONS = [initial, reportIndexes, stageEntries];

const migrationSource: Knex.MigrationSource<(typeof MIGRATIONS)[number]> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};

/** Opens and migrates the database. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  let knex: Knex;
  let dialect: Database["dialect"];
  if (options.databaseUrl) {
    dialect = "postgres";
    knex = knexFactory({ client: "pg", connection: options.databaseUrl, pool: { min: options.pool?.min ?? 0, max: options.pool?.max ?? 10 } });
  } else {
    dialect = "sqlite";
    const file = options.sqliteFile ?? "voronka.sqlite";
    let filename = file;
    if (file !== ":memory:") {
      const dir = options.dataDir ?? "./data";
      mkdirSync(dir, { recursive: true });
      filename = join(dir, file);
    }
    const driver = options.sqliteDriver ?? "better-sqlite3";
    const sync = options.sqliteSynchronous ?? "NORMAL";
    knex = knexFactory({
      client: driver,
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: unknown, done: (err: Error | null, conn: unknown) => void) => {
          const pragmas = [`PRAGMA journal_mode = ${file === ":memory:" ? "MEMORY" : "WAL"}`, `PRAGMA synchronous = ${sync}`, "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"];
          if (driver === "better-sqlite3") {
            const db = conn as { pragma(s: string): unknown };
            try {
              for (const p of pragmas) db.pragma(p.replace(/^PRAGMA /, ""));
              done(null, conn);
            } catch (e) {
              done(e as Error, conn);
            }
          } else {
            const db = conn as { exec(sql: string, cb: (err: Error | null) => void): void };
            db.exec(pragmas.join("; "), (err) => done(err, conn));
          }
        },
      },
    });
  }
  await knex.migrate.latest({ migrationSource });
  if (dialect === "sqlite") await knex.raw("PRAGMA optimize=0x10002");
  return {
    knex, dialect,
    async close() {
      if (dialect === "sqlite") await knex.raw("PRAGMA optimize").catch(() => undefined);
      await knex.destroy();
    },
  };
}
