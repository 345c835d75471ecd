/**
 * What every route module receives: the wired parts of the server. `buildApp` (app.ts) creates
 * it by hand — no container — and passes it to each `*.routes.ts` module's default export.
 */
import type { Engine, Store } from "@voronka/engine";
import type { FastifyInstance } from "fastify";
import type { Knex } from "knex";
import type { Database } from "./db/connect";
import type { HostRepos } from "./host";

/** Roles (normative): admin (everything), supervisor (their scope), manager (their own). */
export type Role = "admin" | "supervisor" | "manager";

/** Rate limits, requests a minute (a fixed one-minute window); 0 is no limit. */
export interface RateLimits {
  /** Per signed-in user. */
  perUser: number;
  /** Per IP address, for requests that are not signed in. */
  perAddress: number;
}

/** The caller, as `onRequest` authenticated them. */
export interface Caller {
  userId: string;
  role: Role;
  /** User ids whose deals and tasks the caller may see and act on; `"all"` for admins. */
  scope: Set<string> | "all";
}

export interface Clock {
  now(): Date;
}

/** The server's configuration, validated at start (config.ts). */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  plugins: string[];
  /** Public base URL for links (survey links, login URLs, webhook URLs). */
  publicUrl: string;
  /** Largest request body, bytes. */
  bodyLimit: number;
  /** Allow webhook targets in private or loopback ranges (tests, intranets). */
  allowPrivateWebhooks: boolean;
  /** Run the timer and outbox worker in this process. */
  worker: boolean;
  /** Worker poll interval, ms. */
  tickMs: number;
  /** Seed the standards blueprint and demo data into an empty database. */
  seedDemo: boolean;
  sqliteDriver: "better-sqlite3" | "sqlite3";
  sqliteSynchronous: "NORMAL" | "FULL";
  /** Workspace defaults written into an empty database's settings (the settings table wins after). */
  timeZone: string;
  currency: string;
  /** Where notifications and survey deliveries are POSTed; absent: they are logged and acknowledged. */
  notifyWebhook?: string;
  /** The built editor to serve at `/` (default `packages/editor/dist`). */
  editorDir?: string;
  /** Requests a minute per signed-in user and per IP address of everyone else; 0 is no limit. */
  rateLimit: RateLimits;
}

export interface AppContext {
  config: ServerConfig;
  db: Database;
  knex: Knex;
  store: Store;
  engine: Engine;
  clock: Clock;
  /** The host's own data: users, tokens, clients, plans, settings, webhook secrets (src/host). */
  host: HostRepos;
}

/** A route module: `export default async function deals(app, ctx) { … }`. */
export type RouteModule = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the auth hook on every `/api` request (absent on public routes). */
    caller?: Caller;
  }
}
