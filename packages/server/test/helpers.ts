/**
 * `startTestServer()`: the real server over real HTTP for integration tests — SQLite in a fresh
 * temporary directory, listening on an ephemeral port, with the admin, the demo users
 * (`@voronka/standards/demo`) and the demo plans, and a bearer token for each. No blueprint is
 * published unless one is passed (tests usually publish their own through `ctx.engine.publish`).
 * The worker is off unless `config.worker` is set, so time moves only when a test says so.
 *
 * @example
 * const server = await startTestServer();
 * await server.ctx.engine.publish(testBlueprint());
 * const r = await server.api("ann", "POST", "/api/deals", { pipeline: "sales", title: "ACME", responsible: "ann" });
 * await server.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OutboxRecord, Plugin } from "@voronka/engine";
import { demoUsers } from "@voronka/standards/demo";
import { buildApp } from "../src/app";
import { configWith } from "../src/config";
import type { AppContext, Clock, ServerConfig } from "../src/context";
import { openDatabase } from "../src/db/connect";
import { ADMIN_USER_ID, seedPeople } from "../src/seed";
import type { Worker } from "../src/worker/worker";
import type { FastifyInstance } from "fastify";

/** Tokens by user id, plus role aliases: `admin` (the seeded admin), `supervisor` (sue), `manager` (ann). */
export type TestTokens = Record<string, string> & { admin: string; supervisor: string; manager: string };

/** An answer of {@link TestServer.api}: status, headers and the body (parsed when JSON). */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Tests read bodies freely; the shape is what each assertion checks.
  body: any;
}

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  ctx: AppContext;
  app: FastifyInstance;
  worker: Worker | null;
  tokens: TestTokens;
  /** The data directory (deleted on close unless it was passed in `config.dataDir`). */
  dataDir: string;
  /**
   * Calls the API as a user (a key of `tokens`, or null for no token) and parses a JSON answer.
   * A body that is a string is sent as is (for malformed-JSON tests).
   */
  api(user: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** Stops the server and the worker, closes the database and deletes the directory. */
  close(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Published before the server answers. */
  blueprint?: unknown;
  /** Replaces config values (port, host and dataDir are the helper's unless given). */
  config?: Partial<ServerConfig>;
  clock?: Clock;
  deliver?: (effect: OutboxRecord) => void | Promise<void>;
  plugins?: Plugin[];
  /** Seed the demo users and plans (default true); the admin is always there. */
  demo?: boolean;
}

/** Starts the server; see the file comment. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  // A dataDir passed in belongs to the caller (e.g. a restart test) and survives close().
  const ownDir = options.config?.dataDir === undefined;
  const dataDir = options.config?.dataDir ?? mkdtempSync(join(tmpdir(), "voronka-test-"));
  const config = configWith({ dataDir, port: 0, host: "127.0.0.1", worker: false, seedDemo: false, publicUrl: "http://127.0.0.1:0", ...options.config });
  const db = await openDatabase({ dataDir: config.dataDir, sqliteDriver: config.sqliteDriver, sqliteSynchronous: config.sqliteSynchronous });
  const built = await buildApp({
    config, db,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.deliver ? { deliver: options.deliver } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  const { app, ctx, worker } = built;
  const demo = options.demo ?? true;
  await seedPeople(ctx, { demo });
  if (options.blueprint !== undefined) await ctx.engine.publish(options.blueprint);
  const address = await app.listen({ port: 0, host: config.host });
  if (options.config?.publicUrl === undefined) config.publicUrl = address;

  const tokens: Record<string, string> = {};
  for (const id of [ADMIN_USER_ID, ...(demo ? demoUsers.map((u) => u.id) : [])]) tokens[id] = (await ctx.host.tokens.create(id, "test")).token;
  const all: TestTokens = { ...tokens, admin: tokens[ADMIN_USER_ID]!, supervisor: tokens["sue"] ?? "", manager: tokens["ann"] ?? "" };

  const api: TestServer["api"] = async (user, method, path, body, headers = {}) => {
    const token = user === null ? undefined : all[user];
    if (user !== null && !token) throw new Error(`startTestServer: no token for '${user}'`);
    const response = await fetch(`${address}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const json = text !== "" && (response.headers.get("content-type") ?? "").includes("json");
    return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
  };

  let closed = false;
  return {
    url: address, ctx, app, worker, tokens: all, dataDir, api,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await db.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
