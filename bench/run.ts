/**
 * `pnpm bench`: runs each registered part, prints its figure lines, and (unless `--smoke`)
 * replaces the part's own lines and notes in BENCHMARKS.md.
 *
 *   pnpm bench                      all parts, full length, writes BENCHMARKS.md
 *   pnpm bench --smoke              tiny iteration counts (< 20 s), prints only (for CI)
 *   pnpm bench --only engine        one part (repeat the flag or use commas for several)
 *
 * A part is `{ name, run(opts) }` returning its lines and a markdown paragraph saying where the
 * time goes. The editor part needs the built web app (`pnpm --filter @voronka/editor build`) and
 * Chromium (`/usr/bin/chromium`), and fails saying so when either is missing.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { describeMachine, writeBenchmarks, type PartResult } from "./benchmarks-md";
import { benchApi } from "./api.bench";
import { benchConditions } from "./conditions.bench";
import { benchEditor } from "./editor.bench";
import { benchEngine } from "./engine.bench";
import { benchReports } from "./reports.bench";
import { benchStore } from "./store.bench";

export interface PartOptions {
  /** Tiny iteration counts: proves the part runs, not how fast. */
  smoke: boolean;
}

export interface BenchPart {
  name: string;
  run(opts: PartOptions): Promise<{ lines: string[]; notes: string }>;
}

const CONDITIONS_NOTES = `Both sides evaluate the same 4 × 4 rule/data pairs (standards-like rules: \`and\`/\`or\`,
comparisons, \`in\`, \`!\`, \`missing\`, \`if\`/\`cat\` on \`deal.*\` and \`contact.*\` paths), after checking that
they agree on every pair. Ours compiles each rule once (\`compileCondition\`) into a tree of closures
with \`var\` paths pre-split, so an evaluation is only the closure calls; json-logic-js \`apply\`
re-reads the rule object on every call (operator lookup by key, \`Object.keys\`, argument arrays
re-built, \`var\` paths split each time). Rounds alternate sides (10 × 100 ms each, after warm-up);
the figure is the total evaluations over total time of each side.`;

/** The parts of the bench, in the order they run. */
export const parts: BenchPart[] = [
  { name: "engine", run: (opts) => benchEngine(opts) },
  {
    name: "conditions",
    run: async () => {
      const { line } = await benchConditions();
      return { lines: [line], notes: CONDITIONS_NOTES };
    },
  },
  { name: "store", run: (opts) => benchStore(opts) },
  { name: "api", run: (opts) => benchApi(opts) },
  { name: "reports", run: (o) => benchReports(o) },
  { name: "editor", run: (o) => benchEditor(o) },
];

function parseArgs(argv: string[]): { smoke: boolean; only: string[] | null; help: boolean } {
  let smoke = false;
  let help = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--smoke") smoke = true;
    else if (a === "--help" || a === "-h") help = true;
    else if (a === "--only") only.push(...(argv[++i] ?? "").split(","));
    else if (a.startsWith("--only=")) only.push(...a.slice("--only=".length).split(","));
    else throw new Error(`Unknown argument '${a}'. Use --smoke, --only <part>[,<part>…] or --help.`);
  }
  return { smoke, only: only.length ? only.map((s) => s.trim()).filter(Boolean) : null, help };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(`Usage: pnpm bench [--smoke] [--only ${parts.map((p) => p.name).join("|")}]`);
    return 0;
  }
  const unknown = (args.only ?? []).filter((n) => !parts.some((p) => p.name === n));
  if (unknown.length) {
    console.error(`No bench part named ${unknown.map((n) => `'${n}'`).join(", ")}; parts: ${parts.map((p) => p.name).join(", ")}.`);
    return 2;
  }
  const selected = parts.filter((p) => !args.only || args.only.includes(p.name));
  console.log(`pnpm bench${args.smoke ? " --smoke" : ""}: ${selected.map((p) => p.name).join(", ")} on ${describeMachine()}`);

  const results: PartResult[] = [];
  let failed = 0;
  for (const part of selected) {
    const started = performance.now();
    try {
      const { lines, notes } = await part.run({ smoke: args.smoke });
      for (const line of lines) console.log(line);
      console.log(`  (${part.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
      results.push({ name: part.name, lines, notes });
    } catch (e) {
      failed++;
      console.error(`bench part '${part.name}' failed:`, e);
    }
  }

  if (args.smoke) {
    console.log("--smoke: BENCHMARKS.md not written.");
  } else if (results.length) {
    const path = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));
    writeBenchmarks(path, results);
    console.log(`Updated ${path} (${results.map((r) => r.name).join(", ")}).`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
