/**
 * The server's configuration: environment variables, validated with zod at start. A bad value
 * stops the server with one message listing every problem and what to set instead. Empty
 * variables count as unset. The table of variables is in this package's README.
 */
import { isValidTimeZone } from "@voronka/engine";
import { z } from "zod";
import type { ServerConfig } from "./context";

const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      const s = v.trim().toLowerCase();
      if (TRUE.includes(s)) return true;
      if (FALSE.includes(s)) return false;
      ctx.addIssue({ code: "custom", message: "must be 1 or 0 (also true/false, yes/no, on/off)" });
      return z.NEVER;
    });

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** `1048576`, `512kb`, `2mb` → bytes. */
const byteSize = z.string().transform((v, ctx) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024 || bytes > 1024 ** 3) {
    ctx.addIssue({ code: "custom", message: "must be a size between 1kb and 1gb, such as 1048576, 512kb or 2mb" });
    return z.NEVER;
  }
  return bytes;
});

const httpUrl = (what: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, `must be an http(s) URL, such as ${what}`);

/** Requests a minute; 0 turns the limit off. */
const perMinute = z.coerce
  .number({ message: "must be a number of requests a minute (0 turns the limit off)" })
  .int("must be a whole number of requests a minute")
  .min(0, "must be 0 (no limit) or more")
  .max(10_000_000, "must be at most 10000000 a minute (use 0 for no limit)");

const EnvSchema = z.object({
  PORT: z.coerce.number({ message: "must be a port number" }).int("must be a whole number").min(0, "must be 0-65535").max(65535, "must be 0-65535").default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  VORONKA_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a PostgreSQL URL such as postgres://user:password@host:5432/voronka (unset it to use SQLite in VORONKA_DATA_DIR)")
    .optional(),
  VORONKA_PLUGINS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
  VORONKA_PUBLIC_URL: httpUrl("https://crm.example.com").optional(),
  VORONKA_BODY_LIMIT: byteSize.default(5 * 1024 * 1024),
  VORONKA_ALLOW_PRIVATE_WEBHOOKS: flag(false),
  VORONKA_WORKER: flag(true),
  VORONKA_TICK_MS: z.coerce.number({ message: "must be a number of milliseconds" }).int("must be a whole number").min(50, "must be at least 50 (ms)").max(3_600_000, "must be at most 3600000 (an hour)").default(1000),
  VORONKA_SEED_DEMO: flag(true),
  VORONKA_SQLITE_DRIVER: z.enum(["better-sqlite3", "sqlite3"], { message: "must be better-sqlite3 or sqlite3" }).default("better-sqlite3"),
  VORONKA_SQLITE_SYNCHRONOUS: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .pipe(z.enum(["NORMAL", "FULL"], { message: "must be NORMAL or FULL" }))
    .default("NORMAL"),
  VORONKA_TIME_ZONE: z.string().refine(isValidTimeZone, "must be an IANA time zone, such as Europe/Moscow or UTC").default("Europe/Moscow"),
  VORONKA_CURRENCY: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code in capitals, such as RUB, EUR or USD").default("RUB"),
  VORONKA_NOTIFY_WEBHOOK: httpUrl("https://hooks.example.com/voronka").optional(),
  VORONKA_EDITOR_DIR: z.string().min(1).optional(),
  VORONKA_RATE_LIMIT: perMinute.default(6000),
  VORONKA_RATE_LIMIT_ANONYMOUS: perMinute.default(600),
});

/** The environment variables the server reads, with their defaults. */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

/** The configuration could not be read; the message lists every problem. */
export class ConfigError extends Error {
  readonly problems: { variable: string; value: string | undefined; message: string }[];

  constructor(problems: { variable: string; value: string | undefined; message: string }[]) {
    const lines = problems.map((p) => `  - ${p.variable}${p.value === undefined ? "" : `=${JSON.stringify(p.value)}`}: ${p.message}`);
    super(`Voronka cannot start: ${problems.length === 1 ? "a setting is" : `${problems.length} settings are`} not valid.\n${lines.join("\n")}\nFix the environment variable${problems.length === 1 ? "" : "s"} (see packages/server/README.md) and start again.`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** The public URL when none is configured: the listening address, with a wildcard host as localhost. */
export function defaultPublicUrl(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "::" || host === "" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/**
 * Reads and validates the configuration from environment variables.
 *
 * @throws ConfigError listing every bad variable.
 * @example
 * const config = loadConfig(process.env); // { port: 3000, host: "127.0.0.1", dataDir: "./data", … }
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const input: Record<string, string> = {};
  for (const key of ENV_VARIABLES) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") input[key] = value;
  }
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "environment");
        return { variable, value: input[variable], message: issue.message };
      }),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.VORONKA_DATA_DIR,
    ...(e.DATABASE_URL !== undefined ? { databaseUrl: e.DATABASE_URL } : {}),
    plugins: e.VORONKA_PLUGINS,
    publicUrl: (e.VORONKA_PUBLIC_URL ?? defaultPublicUrl(e.HOST, e.PORT)).replace(/\/+$/, ""),
    bodyLimit: e.VORONKA_BODY_LIMIT,
    allowPrivateWebhooks: e.VORONKA_ALLOW_PRIVATE_WEBHOOKS,
    worker: e.VORONKA_WORKER,
    tickMs: e.VORONKA_TICK_MS,
    seedDemo: e.VORONKA_SEED_DEMO,
    sqliteDriver: e.VORONKA_SQLITE_DRIVER,
    sqliteSynchronous: e.VORONKA_SQLITE_SYNCHRONOUS,
    timeZone: e.VORONKA_TIME_ZONE,
    currency: e.VORONKA_CURRENCY,
    ...(e.VORONKA_NOTIFY_WEBHOOK !== undefined ? { notifyWebhook: e.VORONKA_NOTIFY_WEBHOOK } : {}),
    ...(e.VORONKA_EDITOR_DIR !== undefined ? { editorDir: e.VORONKA_EDITOR_DIR } : {}),
    rateLimit: { perUser: e.VORONKA_RATE_LIMIT, perAddress: e.VORONKA_RATE_LIMIT_ANONYMOUS },
  };
}

/**
 * The default configuration with some values replaced: for tests, benchmarks and embedders who
 * configure in code rather than through the environment.
 *
 * @example
 * const config = configWith({ dataDir: tmp, worker: false, seedDemo: false });
 */
export function configWith(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({}), ...overrides };
}
