/**
 * The CLI as users run it (`tsx src/cli.ts …` in a child process): validate's exit codes and JSON
 * paths, token create (printed once, stored hashed), blueprint import and export, and bulk deal
 * import — all against a temporary data directory.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { testBlueprint } from "@voronka/engine/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/db/connect";

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../..", import.meta.url));

let dir: string;
/** Each case spawns the CLI once or more (a process start with tsx is a second or two). */
const SLOW = { timeout: 90_000 };

/** Runs the CLI; answers its exit code and output. */
function voronka(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
      cwd: REPO,
      env: { ...process.env, VORONKA_DATA_DIR: dir, VORONKA_PUBLIC_URL: "http://crm.test", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
};

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: dir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "voronka-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("voronka validate", SLOW, () => {
  it("exits 0 for a valid blueprint", async () => {
    const r = await voronka(["validate", write("ok.json", testBlueprint())]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\.json: valid/);
  });

  it("exits 1 and prints every problem with its JSON path", async () => {
    const bp = testBlueprint() as unknown as { pipelines: { stages: { id: string }[] }[] };
    bp.pipelines[0]!.stages[1]!.id = "Bad Id";
    const r = await voronka(["validate", write("bad.json", { ...bp, id: "Also bad" })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad\.json: \d+ problem\(s\)/);
    expect(r.stdout).toMatch(/^ {2}error +\$\.id {2}/m);
    expect(r.stdout).toMatch(/^ {2}error +\$\.pipelines\[0\]\.stages\[1\]\.id {2}/m);
  });

  it("exits 1 for a file that is not JSON and 2 for one that is not there", async () => {
    const notJson = await voronka(["validate", write("text.json", "{ nope")]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/is not valid JSON/);
    const missing = await voronka(["validate", join(dir, "missing.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it("exits 2 with the configuration's message when an environment variable is bad", async () => {
    const r = await voronka(["validate", join(dir, "ok.json")], { VORONKA_TICK_MS: "5" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/VORONKA_TICK_MS="5": must be at least 50/);
  });
});

describe("voronka token create", SLOW, () => {
  it("creates the user with --role when missing and prints the token once; the database holds only its hash", async () => {
    const r = await voronka(["token", "create", "--user", "root", "--role", "admin", "--name", "Root"]);
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^vk_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toContain(`http://crm.test/#token=${token}`);
    await withDb(async (db) => {
      expect(await db.knex("users").where("id", "root").first("role", "name")).toEqual({ role: "admin", name: "Root" });
      const rows = await db.knex("tokens").where("user_id", "root").select("hash");
      expect(rows).toEqual([{ hash: createHash("sha256").update(token).digest("hex") }]);
    });
  });

  it("refuses a role that differs from the user's, and an unknown user without --role", async () => {
    const r = await voronka(["token", "create", "--user", "root", "--role", "manager"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is an admin, not a manager/);
    const unknown = await voronka(["token", "create", "--user", "nobody"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Pass --role/);
    const badRole = await voronka(["token", "create", "--user", "x", "--role", "boss"]);
    expect(badRole.code).toBe(1);
  });
});

describe("voronka import and export", SLOW, () => {
  it("imports a blueprint (published) and exports it", async () => {
    const r = await voronka(["import", write("bp.json", testBlueprint())]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Published .*bp\.json as version 1/);
    const out = await voronka(["export", "--version", "1"]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(testBlueprint());
    const file = join(dir, "out.json");
    expect((await voronka(["export", "-o", file])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(testBlueprint());
    expect((await voronka(["export", "--version", "7"])).code).toBe(1);
  });

  it("refuses an invalid blueprint, saving nothing", async () => {
    const r = await voronka(["import", write("broken.json", { ...testBlueprint(), pipelines: "none" })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/nothing was saved/);
    expect(r.stdout).toMatch(/\$\.pipelines/);
    await withDb(async (db) => expect(await db.knex("blueprints").where("kind", "published").count({ n: "*" }).first()).toMatchObject({ n: 1 }));
  });

  it("bulk-imports deals from a JSON array, reporting rows that do not fit (exit 1)", async () => {
    await voronka(["token", "create", "--user", "ann", "--role", "manager"]);
    const rows = [
      { externalId: "old-1", pipeline: "sales", stage: "proposal", title: "Old one", responsible: "ann", amount: 100, createdAt: "2025-01-01T00:00:00Z" },
      { externalId: "old-2", pipeline: "sales", stage: "won", title: "Old two", responsible: "ann", amount: 200, createdAt: "2025-01-01T00:00:00Z", closedAt: "2025-02-01T00:00:00Z" },
      { externalId: "old-3", pipeline: "nowhere", stage: "x", title: "Bad", responsible: "ann", createdAt: "2025-01-01T00:00:00Z" },
    ];
    const r = await voronka(["import", write("deals.json", { deals: rows })]);
    expect(r.stdout).toMatch(/Imported 2 of 3 deal\(s\)\./);
    expect(r.stdout).toMatch(/row 2 \(old-3\): /);
    expect(r.code).toBe(1);
    await withDb(async (db) => {
      const deals = await db.knex("deals").orderBy("external_id").select("external_id", "stage", "status");
      expect(deals).toEqual([{ external_id: "old-1", stage: "proposal", status: "open" }, { external_id: "old-2", stage: "won", status: "won" }]);
    });
  });

  it("prints help naming every command", async () => {
    const r = await voronka(["--help"]);
    expect(r.code).toBe(0);
    for (const command of ["serve", "validate", "import", "export", "token"]) expect(r.stdout).toContain(command);
  });
});
