/**
 * Real server processes for the crash and multi-process tests: `spawnServer()` starts
 * `node --import tsx src/main.ts` as a child with the environment a test gives (a temporary
 * `VORONKA_DATA_DIR`, or a `DATABASE_URL`), waits for the start banner, and answers where it
 * listens and the login tokens it printed. `kill("SIGKILL")` is the crash; `stop()` is a clean
 * SIGTERM (SIGKILL if it does not exit in time). `killAllServers()` in an `afterAll` ends every
 * child still running, so a failing test never leaves a server behind.
 *
 * Nothing here reaches into the server's modules: the child is configured only through its
 * environment, as an operator would run it.
 *
 * @example
 * const server = await spawnServer({ env: { VORONKA_DATA_DIR: dir } });
 * const r = await server.api("GET", "/api/blueprint");
 * await server.kill("SIGKILL");
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root (the child's working directory, where `tsx` resolves). */
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

/** Variables of the parent's environment that must not leak into a child's configuration. */
const CONFIG_NAMES = new Set(["DATABASE_URL", "PORT", "HOST"]);

/** A login link of the start banner. */
export interface BannerLink {
  name: string;
  role: string;
  url: string;
  token: string;
}

/** How a child ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** An answer of {@link ServerProcess.api}. */
export interface ProcessAnswer {
  status: number;
  // Tests read bodies freely; each assertion checks the shape it needs.
  body: any;
}

/** A running server process. */
export interface ServerProcess {
  label: string;
  child: ChildProcess;
  pid: number;
  /** `http://127.0.0.1:<port>`, from the banner. */
  url: string;
  links: BannerLink[];
  /** The token of the banner's admin link (null when the banner printed none). */
  adminToken: string | null;
  /** Everything the child wrote so far (stdout and stderr interleaved). */
  output(): string;
  /** Settles when the child has exited. */
  exited: Promise<ExitInfo>;
  /** Whether the child is still running. */
  alive(): boolean;
  /** Calls the API (with `token`, default the admin's) and parses a JSON answer. */
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<ProcessAnswer>;
  /** Sends a signal and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); waits for the exit. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

/** Options of {@link spawnServer}. */
export interface SpawnOptions {
  /** The server's configuration (merged over PORT=0, HOST=127.0.0.1, VORONKA_LOG_LEVEL=warn). */
  env: Record<string, string>;
  /** How long to wait for the banner (default 30 s). */
  startTimeoutMs?: number;
  /** A name for messages (default `server`). */
  label?: string;
}

const running = new Set<ChildProcess>();

/** The parent's environment without any of the server's own variables. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("VORONKA_") && !CONFIG_NAMES.has(k)) env[k] = v;
  return { ...env, ...extra };
}

/** Parses a complete start banner; null until the banner has been printed in full. */
export function parseBanner(text: string): { url: string; links: BannerLink[] } | null {
  const head = /Voronka \S+ is running at (\S+)\n/.exec(text);
  if (!head) return null;
  const rest = text.slice(head.index + head[0].length);
  // The banner ends with an empty line after the links, or after the "sign in with a token" line.
  const end = /(?:^ {2}sign in {3}with .*\n|Sign in with one of these links.*\n(?:^ {2}.*#token=\S+\n)+)\n/m.exec(rest);
  if (!end) return null;
  const links: BannerLink[] = [];
  for (const m of end[0].matchAll(/^ {2}(.+?) \((admin|supervisor|manager)\)\s+(\S+#token=(\S+))$/gm)) {
    links.push({ name: m[1]!.trim(), role: m[2]!, url: m[3]!, token: m[4]! });
  }
  return { url: head[1]!, links };
}

/** Starts a server process and waits for its banner. */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const label = options.label ?? "server";
  const env = cleanEnv({ PORT: "0", HOST: "127.0.0.1", VORONKA_LOG_LEVEL: "warn", ...options.env });
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  let exitInfo: ExitInfo | null = null;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.on("exit", (code, signal) => {
      exitInfo = { code, signal };
      running.delete(child);
      resolve(exitInfo);
    });
  });
  child.on("error", (e) => (out += `\n[spawn error] ${e.message}\n`));

  const started = Date.now();
  const timeout = options.startTimeoutMs ?? 30_000;
  let banner: ReturnType<typeof parseBanner> = null;
  while (!(banner = parseBanner(out))) {
    if (exitInfo) throw new Error(`${label} exited before it started (${JSON.stringify(exitInfo)}). Output:\n${out}`);
    if (Date.now() - started > timeout) {
      child.kill("SIGKILL");
      throw new Error(`${label} printed no start banner within ${timeout} ms. Output:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const { url, links } = banner;
  const adminToken = links.find((l) => l.role === "admin")?.token ?? null;

  const kill = async (signal: NodeJS.Signals): Promise<ExitInfo> => {
    if (exitInfo) return exitInfo;
    child.kill(signal);
    return exited;
  };

  return {
    label, child, pid: child.pid!, url, links, adminToken, exited,
    output: () => out,
    alive: () => exitInfo === null,
    async api(method, path, body, token = adminToken) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      const json = text !== "" && (response.headers.get("content-type") ?? "").includes("json");
      return { status: response.status, body: json ? JSON.parse(text) : text };
    },
    kill,
    async stop(graceMs = 10_000) {
      if (exitInfo) return exitInfo;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** SIGKILLs every server this module started that is still running (for `afterAll`). */
export async function killAllServers(): Promise<void> {
  const waits: Promise<unknown>[] = [];
  for (const child of running) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    waits.push(new Promise((r) => child.once("exit", r)));
    child.kill("SIGKILL");
  }
  await Promise.all(waits);
}

/** Runs the CLI (`src/cli.ts`) with a configuration; answers its exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: REPO_ROOT, env: cleanEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `tasks` with at most `limit` in flight; `shouldStop()` is asked before each new one starts.
 * Answers what each started task settled with (undefined for tasks never started).
 */
export async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>, shouldStop: () => boolean = () => false): Promise<(PromiseSettledResult<T> | undefined)[]> {
  const results: (PromiseSettledResult<T> | undefined)[] = new Array(count).fill(undefined);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count && !shouldStop()) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await task(i) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  }));
  return results;
}
