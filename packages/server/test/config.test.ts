/**
 * Configuration from environment variables: defaults with nothing set, each variable's parsing,
 * and one clear message listing every bad variable with its value and what to set instead.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, configWith, defaultPublicUrl, loadConfig } from "../src/config";

describe("loadConfig", () => {
  it("runs with no configuration at all: SQLite in ./data, port 3000 on 127.0.0.1, worker and demo on", () => {
    expect(loadConfig({})).toEqual({
      port: 3000, host: "127.0.0.1", dataDir: "./data", plugins: [], publicUrl: "http://127.0.0.1:3000",
      bodyLimit: 5 * 1024 * 1024, allowPrivateWebhooks: false, worker: true, tickMs: 1000, seedDemo: true,
      sqliteDriver: "better-sqlite3", sqliteSynchronous: "NORMAL", timeZone: "Europe/Moscow", currency: "RUB",
      rateLimit: { perUser: 6000, perAddress: 600 },
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "8080", HOST: "0.0.0.0", VORONKA_DATA_DIR: "/var/lib/voronka", DATABASE_URL: "postgres://u:p@db:5432/voronka",
      VORONKA_PLUGINS: " ./robots.js , @acme/voronka-robots ,", VORONKA_PUBLIC_URL: "https://crm.example.com/", VORONKA_BODY_LIMIT: "512kb",
      VORONKA_ALLOW_PRIVATE_WEBHOOKS: "yes", VORONKA_WORKER: "off", VORONKA_TICK_MS: "250", VORONKA_SEED_DEMO: "0",
      VORONKA_SQLITE_DRIVER: "sqlite3", VORONKA_SQLITE_SYNCHRONOUS: "full", VORONKA_TIME_ZONE: "UTC", VORONKA_CURRENCY: "EUR",
      VORONKA_NOTIFY_WEBHOOK: "https://hooks.example.com/n", VORONKA_EDITOR_DIR: "/srv/editor",
      VORONKA_RATE_LIMIT: "1200", VORONKA_RATE_LIMIT_ANONYMOUS: "0",
    });
    expect(config).toEqual({
      port: 8080, host: "0.0.0.0", dataDir: "/var/lib/voronka", databaseUrl: "postgres://u:p@db:5432/voronka",
      plugins: ["./robots.js", "@acme/voronka-robots"], publicUrl: "https://crm.example.com", bodyLimit: 512 * 1024,
      allowPrivateWebhooks: true, worker: false, tickMs: 250, seedDemo: false, sqliteDriver: "sqlite3", sqliteSynchronous: "FULL",
      timeZone: "UTC", currency: "EUR", notifyWebhook: "https://hooks.example.com/n", editorDir: "/srv/editor",
      rateLimit: { perUser: 1200, perAddress: 0 },
    });
  });

  it.each([
    ["1048576", 1048576], ["64kb", 65536], ["2MB", 2 * 1024 * 1024], ["1.5mb", 1.5 * 1024 * 1024],
  ])("reads VORONKA_BODY_LIMIT=%s as %i bytes", (value, bytes) => {
    expect(loadConfig({ VORONKA_BODY_LIMIT: value }).bodyLimit).toBe(bytes);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: " ", VORONKA_WORKER: "" })).toMatchObject({ port: 3000, worker: true });
    expect(loadConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("builds the public URL from a wildcard host as localhost", () => {
    expect(loadConfig({ HOST: "0.0.0.0", PORT: "4000" }).publicUrl).toBe("http://localhost:4000");
    expect(defaultPublicUrl("::1", 3000)).toBe("http://[::1]:3000");
  });

  it.each([
    ["PORT", "abc", "must be a port number"],
    ["PORT", "70000", "must be 0-65535"],
    ["DATABASE_URL", "mysql://x/y", "must be a PostgreSQL URL"],
    ["VORONKA_PUBLIC_URL", "crm.example.com", "must be an http(s) URL"],
    ["VORONKA_BODY_LIMIT", "lots", "must be a size between 1kb and 1gb"],
    ["VORONKA_WORKER", "maybe", "must be 1 or 0"],
    ["VORONKA_TICK_MS", "10", "must be at least 50"],
    ["VORONKA_SQLITE_DRIVER", "mysql", "must be better-sqlite3 or sqlite3"],
    ["VORONKA_SQLITE_SYNCHRONOUS", "OFF", "must be NORMAL or FULL"],
    ["VORONKA_TIME_ZONE", "Mars/Olympus", "must be an IANA time zone"],
    ["VORONKA_CURRENCY", "rub", "must be an ISO 4217 code"],
    ["VORONKA_NOTIFY_WEBHOOK", "ftp://x", "must be an http(s) URL"],
    ["VORONKA_RATE_LIMIT", "fast", "must be a number of requests a minute"],
    ["VORONKA_RATE_LIMIT_ANONYMOUS", "2.5", "must be a whole number of requests a minute"],
  ])("refuses %s=%s: %s", (variable, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([{ variable, value, message: expect.stringContaining(message) }]);
    expect((error as Error).message).toContain(`${variable}=${JSON.stringify(value)}: ${message}`);
  });

  it("lists every problem at once, in one message that says what to do", () => {
    expect(() => loadConfig({ PORT: "x", VORONKA_CURRENCY: "euro", VORONKA_WORKER: "sometimes" })).toThrowError(
      /^Voronka cannot start: 3 settings are not valid\.\n {2}- PORT="x": .+\n {2}- VORONKA_WORKER="sometimes": .+\n {2}- VORONKA_CURRENCY="euro": .+\nFix the environment variables/,
    );
  });

  it("configWith replaces defaults in code", () => {
    expect(configWith({ worker: false, dataDir: "/tmp/x" })).toMatchObject({ worker: false, dataDir: "/tmp/x", port: 3000 });
  });
});
