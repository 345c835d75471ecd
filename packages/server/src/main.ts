/**
 * `pnpm start`: reads the configuration, opens (and migrates) the database, builds the app, seeds
 * an empty database, listens, and prints where everything is with a login link per user. Stops
 * cleanly on SIGINT and SIGTERM (the worker first, then the server, then the database).
 */
import { pathToFileURL } from "node:url";
import type { FastifyServerOptions } from "fastify";
import { buildApp, VERSION } from "./app";
import { ConfigError, loadConfig } from "./config";
import type { AppContext, ServerConfig } from "./context";
import { openDatabase } from "./db/connect";
import { issueLoginLinks, seed, type LoginLink } from "./seed";

/** A started server. */
export interface RunningServer {
  ctx: AppContext;
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The login links printed at start. */
  links: LoginLink[];
  /** Stops the worker and the server, then closes the database. */
  close(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface StartOptions {
  logger?: FastifyServerOptions["logger"];
  /** Where the start banner goes (default: stdout). */
  print?: (line: string) => void;
}

/** Describes where the data lives, for the banner. */
function describeDatabase(config: ServerConfig): string {
  if (config.databaseUrl) return `PostgreSQL at ${new URL(config.databaseUrl).host}`;
  return `SQLite in ${config.dataDir}/voronka.sqlite (WAL, synchronous=${config.sqliteSynchronous}, ${config.sqliteDriver})`;
}

/**
 * Starts the server with a configuration.
 *
 * @example
 * const server = await startServer(loadConfig());
 * // … later
 * await server.close();
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const db = await openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    sqliteDriver: config.sqliteDriver,
    sqliteSynchronous: config.sqliteSynchronous,
  });
  let built: Awaited<ReturnType<typeof buildApp>>;
  try {
    built = await buildApp({ config, db, logger: options.logger ?? { level: process.env["VORONKA_LOG_LEVEL"] ?? "info" } });
  } catch (e) {
    await db.close();
    throw e;
  }
  const { app, ctx } = built;
  const close = async () => {
    await app.close();
    await db.close();
  };
  try {
    const seeded = await seed(ctx, { demo: config.seedDemo });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace("[::1]", "localhost");
    if (new URL(config.publicUrl).port === "0") config.publicUrl = url;
    // Tokens are stored hashed: a link can only be shown when its token is made. Demo servers get
    // fresh links at every start; others only when the first admin is created.
    const links = config.seedDemo || seeded.seeded ? await issueLoginLinks(ctx, { demo: config.seedDemo }) : [];
    print("");
    print(`Voronka ${VERSION} is running at ${config.publicUrl}`);
    print(`  data      ${describeDatabase(config)}`);
    print(`  API docs  ${config.publicUrl}/docs   (OpenAPI: ${config.publicUrl}/openapi.json)`);
    print(`  worker    ${config.worker ? `on, every ${config.tickMs} ms` : "off (VORONKA_WORKER=0)"}`);
    if (seeded.seeded) print(`  seeded    ${config.seedDemo ? `the standards blueprint (v${seeded.blueprintVersion}), demo users, plans, clients and deals` : "an admin user"}`);
    if (links.length) {
      print("");
      print("Sign in with one of these links (each carries a new token; keep them private):");
      const width = Math.max(...links.map((l) => `${l.name} (${l.role})`.length));
      for (const l of links) print(`  ${`${l.name} (${l.role})`.padEnd(width)}  ${l.url}`);
    } else {
      print("  sign in   with a token from `pnpm voronka token create --user <id> --role <role>`");
    }
    print("");
    return { ctx, url, links, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The process entry point: configuration errors print one clear message and exit 1. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Voronka…`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
