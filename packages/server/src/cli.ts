/**
 * `pnpm voronka …` (commander): run the server, validate, import and export blueprints, bulk-import
 * deals, and create tokens — against the same database the server uses (the same environment
 * variables configure both). Exit codes: 0 done, 1 the input has problems (or the command was
 * refused), 2 a file could not be read or the configuration is wrong.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { defaultRegistry, EngineError, validateBlueprint, type Issue } from "@voronka/engine";
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError } from "commander";
import { buildApp, loadPlugins, VERSION } from "./app";
import { ConfigError, loadConfig } from "./config";
import type { AppContext, Role } from "./context";
import { openDatabase } from "./db/connect";
import { main as serve } from "./main";

/** A refusal the CLI reports as its message and an exit code. */
class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** `["pipelines", 0, "stages", 2]` → `$.pipelines[0].stages[2]`. */
export function jsonPath(path: readonly (string | number)[]): string {
  return "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("");
}

/** One line per issue: severity, JSON path, message and code. */
export function formatIssue(issue: Issue): string {
  return `  ${(issue.severity ?? "error").padEnd(7)} ${jsonPath(issue.path)}  ${issue.message} (${issue.code})`;
}

/** Reads and parses a JSON file; exit 2 when it cannot. */
function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`, 2);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`, 1);
  }
}

function configOrExit() {
  try {
    return loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** Runs `fn` with the server's wired parts (no HTTP listener, no worker), then closes everything. */
async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = { ...configOrExit(), worker: false };
  const db = await openDatabase({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir, sqliteDriver: config.sqliteDriver, sqliteSynchronous: config.sqliteSynchronous });
  try {
    const { app, ctx } = await buildApp({ config, db });
    try {
      return await fn(ctx);
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}

/** Explains an engine refusal (BLUEPRINT_INVALID lists its issues; MAPPING_REQUIRED its stages). */
function explain(e: unknown): never {
  if (e instanceof EngineError) {
    const lines = [e.message];
    if (e.code === "BLUEPRINT_INVALID") lines.push(...((e.details["issues"] as Issue[] | undefined) ?? []).map(formatIssue));
    if (e.code === "MAPPING_REQUIRED") {
      lines.push(...((e.details["stages"] as { ref: string; deals: number }[] | undefined) ?? []).map((s) => `  ${s.ref}: ${s.deals} deal(s)`));
      lines.push('Pass --mapping \'{"pipeline/old-stage":"pipeline/new-stage"}\' (or a JSON file) to say where they go.');
    }
    if (e.code === "NO_BLUEPRINT") lines.push("Import a blueprint first: pnpm voronka import blueprint.json");
    throw new CliError(lines.join("\n"), 1);
  }
  throw e;
}

async function validateCommand(file: string): Promise<void> {
  const config = configOrExit();
  const blueprint = readJson(file);
  const registry = defaultRegistry().with(await loadPlugins(config.plugins));
  const result = validateBlueprint(blueprint, { registry });
  const warnings = result.warnings ?? [];
  if (!result.ok) {
    console.log(`${file}: ${result.issues.length} problem(s)${warnings.length ? `, ${warnings.length} warning(s)` : ""}`);
    for (const issue of [...result.issues, ...warnings]) console.log(formatIssue(issue));
    process.exitCode = 1;
    return;
  }
  console.log(`${file}: valid${warnings.length ? `, with ${warnings.length} warning(s)` : ""} (${result.value.pipelines.length} pipeline(s)).`);
  for (const issue of warnings) console.log(formatIssue({ ...issue, severity: "warning" }));
}

function parseMapping(value: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.trim().startsWith("{") ? value : readFileSync(value, "utf8"));
  } catch (e) {
    throw new InvalidArgumentError(`give JSON such as {"p/old":"p/new"} or a JSON file (${(e as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Object.values(parsed).some((v) => typeof v !== "string")) {
    throw new InvalidArgumentError('give an object of "pipeline/stage" → "pipeline/stage"');
  }
  return parsed as Record<string, string>;
}

async function importCommand(file: string, opts: { publish: boolean; mapping?: Record<string, string> }): Promise<void> {
  const data = readJson(file);
  const rows = Array.isArray(data) ? data : typeof data === "object" && data !== null && Array.isArray((data as { deals?: unknown }).deals) ? (data as { deals: unknown[] }).deals : null;
  await withContext(async (ctx) => {
    if (rows) {
      const bar = new SingleBar({ format: "Importing deals [{bar}] {percentage}% | {value}/{total}", stream: process.stderr }, Presets.shades_classic);
      bar.start(rows.length, 0);
      const result = await ctx.engine.importDeals(rows, { onProgress: (done) => bar.update(done) }).catch(explain).finally(() => bar.stop());
      console.log(`Imported ${result.imported} of ${rows.length} deal(s).`);
      for (const e of result.errors) console.log(`  row ${e.index}${e.externalId ? ` (${e.externalId})` : ""}: ${e.message}`);
      if (result.errors.length) process.exitCode = 1;
      return;
    }
    const result = validateBlueprint(data, { registry: ctx.engine.registry });
    const issues = result.ok ? (result.warnings ?? []) : [...result.issues, ...(result.warnings ?? [])];
    if (!result.ok) {
      console.log(`${file}: ${result.issues.length} problem(s); nothing was saved.`);
      for (const issue of issues) console.log(formatIssue(issue));
      process.exitCode = 1;
      return;
    }
    const version = opts.publish ? (await ctx.engine.publish(data, opts.mapping ? { mapping: opts.mapping } : {}).catch(explain)).version : null;
    const revision = await ctx.store.saveBlueprint({ kind: "draft", blueprint: data, issues });
    console.log(version === null ? `Saved ${file} as draft revision ${revision} (not published).` : `Published ${file} as version ${version} (draft revision ${revision}).`);
  });
}

async function exportCommand(opts: { version?: number; output?: string }): Promise<void> {
  await withContext(async (ctx) => {
    const stored = await ctx.store.loadBlueprint(opts.version);
    if (!stored) throw new CliError(opts.version === undefined ? "Nothing is published yet." : `There is no published version ${opts.version}.`);
    const text = JSON.stringify(stored.blueprint, null, 2) + "\n";
    if (opts.output) {
      writeFileSync(opts.output, text);
      console.error(`Wrote version ${stored.version} to ${opts.output}.`);
    } else process.stdout.write(text);
  });
}

async function tokenCreateCommand(opts: { user: string; role?: Role; name?: string; label?: string }): Promise<void> {
  await withContext(async (ctx) => {
    const existing = await ctx.host.users.get(opts.user);
    if (existing && opts.role && existing.role !== opts.role) {
      throw new CliError(`User '${opts.user}' is ${existing.role === "admin" ? "an" : "a"} ${existing.role}, not ${opts.role === "admin" ? "an" : "a"} ${opts.role}. Change their role first (PATCH /api/users/${opts.user}), or leave out --role.`);
    }
    if (existing && !existing.active) throw new CliError(`User '${opts.user}' is deactivated; reactivate them first (PATCH /api/users/${opts.user} {"active":true}).`);
    if (!existing) {
      if (!opts.role) throw new CliError(`There is no user '${opts.user}'. Pass --role (admin, supervisor or manager) to create them.`);
      await ctx.host.users.create({ id: opts.user, name: opts.name ?? opts.user, role: opts.role });
      console.error(`Created ${opts.role} '${opts.user}'.`);
    }
    const created = await ctx.host.tokens.create(opts.user, opts.label ?? "created with the CLI");
    console.error(`Token for '${opts.user}' (shown once; keep it private). Login link: ${ctx.config.publicUrl}/#token=${created.token}`);
    console.log(created.token);
  });
}

const roleArg = (v: string): Role => {
  if (v === "admin" || v === "supervisor" || v === "manager") return v;
  throw new InvalidArgumentError("admin, supervisor or manager");
};

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a published version number (1, 2, …)");
  return n;
};

/** The CLI program (exported for tests and embedders). */
export function cliProgram(): Command {
  const program = new Command()
    .name("voronka")
    .description("Voronka: sales pipelines as blueprints, run by a durable engine.")
    .version(VERSION)
    .enablePositionalOptions()
    .showHelpAfterError();

  program.command("serve").description("start the server (as `pnpm start`); configured by environment variables").action(() => serve());

  program.command("validate").argument("<file>", "a blueprint JSON file").description("check a blueprint: every problem with its JSON path; exit 1 if there are any").action(validateCommand);

  program
    .command("import")
    .argument("<file>", "a blueprint, or deals: a JSON array or { \"deals\": [...] }")
    .description("a blueprint is saved as the draft and published; deals are bulk-imported (recorded by: import, no guards, no robots)")
    .option("--no-publish", "save a blueprint as the draft only")
    .option("--mapping <json|file>", 'where deals of disappearing stages go: {"p/old":"p/new"}', parseMapping)
    .action(importCommand);

  program
    .command("export")
    .description("print a published blueprint as JSON (no secrets, users or plans)")
    .option("--version <n>", "a published version (default: the latest)", positiveInt)
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(exportCommand);

  const token = program.command("token").description("API tokens");
  token
    .command("create")
    .description("create a token for a user (created with --role when missing); prints it once")
    .requiredOption("--user <id>", "the user's id")
    .option("--role <role>", "admin, supervisor or manager", roleArg)
    .option("--name <name>", "the new user's name (default: the id)")
    .option("--label <label>", "what the token is for")
    .action(tokenCreateCommand);

  return program;
}

/** Runs the CLI with `argv` (as `process.argv`). */
export async function runCli(argv: string[] = process.argv): Promise<void> {
  try {
    await cliProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CliError) {
      console.error(e.message);
      process.exitCode = e.exitCode;
      return;
    }
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void runCli();
