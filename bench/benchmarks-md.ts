/**
 * Updates BENCHMARKS.md in place so that each part of `pnpm bench` replaces only what it owns:
 *
 * - the machine header (rewritten on every run that writes the file);
 * - figure lines inside the `<!-- figures -->` block, one per line, identified by their prefix
 *   before the first `:` (e.g. `engine vs raw XState`); lines of parts not run are kept;
 * - a "Where the time goes" block per part, delimited by `<!-- part:NAME -->` … `<!-- /part:NAME -->`.
 *
 * Everything outside the markers (hand-written prose) is kept as it is.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

/** The normative figure names of DESIGN.md "Performance and scale", in their order. */
export const FIGURE_ORDER = [
  "engine vs raw XState",
  "engine vs bpmn-engine",
  "conditions vs json-logic-js",
  "store vs raw better-sqlite3",
  "store (1 client) vs raw better-sqlite3",
  "api vs bare fastify",
  "overdue query at 1M tasks",
  "funnel report at 1M deals",
  "plans report at 1M deals",
  "editor first render, 500 stages",
  "editor drag, 500 stages",
] as const;

const MACHINE_START = "<!-- machine -->";
const MACHINE_END = "<!-- /machine -->";
const FIGURES_START = "<!-- figures -->";
const FIGURES_END = "<!-- /figures -->";
const NOTES_HEADING = "## Where the time goes";

/** What one part hands back after it ran. */
export interface PartResult {
  name: string;
  lines: string[];
  notes: string;
}

/** The key of a figure line: its text before the first `:`. */
export function lineKey(line: string): string {
  const i = line.indexOf(":");
  return (i < 0 ? line : line.slice(0, i)).trim();
}

/** One line about the machine, the runtime and the date. */
export function describeMachine(date = new Date()): string {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim();
  return `${model}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.arch()}, Node ${process.version}, ${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const TEMPLATE = `# Benchmarks

Written by \`pnpm bench\` (\`bench/run.ts\`); see DESIGN.md "Performance and scale". Each figure is
measured beside its peer, its limit or its budget in the same run, on the same machine. Each part
of the bench replaces only its own lines and its own block below, so a part re-run alone leaves the
others as they were (each block says when and where its part last ran). Benchmarks run outside CI;
\`pnpm bench --smoke\` only checks that they still run and writes nothing.

${MACHINE_START}
${MACHINE_END}

## Figures

${FIGURES_START}
\`\`\`text
\`\`\`
${FIGURES_END}

${NOTES_HEADING}
`;

function between(text: string, start: string, end: string): { before: string; inside: string; after: string } | null {
  const a = text.indexOf(start);
  const b = text.indexOf(end, a + start.length);
  if (a < 0 || b < 0) return null;
  return { before: text.slice(0, a + start.length), inside: text.slice(a + start.length, b), after: text.slice(b) };
}

const orderOf = (key: string): number => {
  const i = (FIGURE_ORDER as readonly string[]).indexOf(key);
  return i < 0 ? FIGURE_ORDER.length : i;
};

/** Merges new figure lines into old ones: same key replaces, new keys are added, normative order kept. */
export function mergeFigures(old: string[], fresh: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const line of old) if (line.trim()) byKey.set(lineKey(line), line);
  for (const line of fresh) byKey.set(lineKey(line), line);
  const keys = [...byKey.keys()];
  // Stable: normative names first in DESIGN order, others after in the order first seen.
  keys.sort((a, b) => orderOf(a) - orderOf(b));
  return keys.map((k) => byKey.get(k)!);
}

/** Returns the new text of BENCHMARKS.md given its current text (or null) and the parts' results. */
export function updateBenchmarksText(current: string | null, results: PartResult[], machine = describeMachine()): string {
  let text = current ?? TEMPLATE;
  if (!text.includes(MACHINE_START) || !text.includes(MACHINE_END)) text = text.replace(/^(# .*\n)/, `$1\n${MACHINE_START}\n${MACHINE_END}\n`);
  if (!text.includes(MACHINE_START)) text = `${MACHINE_START}\n${MACHINE_END}\n\n${text}`;
  if (!text.includes(FIGURES_START) || !text.includes(FIGURES_END)) text = `${text.trimEnd()}\n\n## Figures\n\n${FIGURES_START}\n\`\`\`text\n\`\`\`\n${FIGURES_END}\n`;
  if (!text.includes(NOTES_HEADING)) text = `${text.trimEnd()}\n\n${NOTES_HEADING}\n`;

  // Machine header.
  const m = between(text, MACHINE_START, MACHINE_END)!;
  text = `${m.before}\nLast run: ${machine}.\n${m.after}`;

  // Figure lines.
  const f = between(text, FIGURES_START, FIGURES_END)!;
  const oldLines = f.inside.split("\n").filter((l) => l.trim() && !l.trim().startsWith("```"));
  const merged = mergeFigures(oldLines, results.flatMap((r) => r.lines));
  text = `${f.before}\n\`\`\`text\n${merged.join("\n")}\n\`\`\`\n${f.after}`;

  // One notes block per part.
  for (const r of results) {
    const start = `<!-- part:${r.name} -->`;
    const end = `<!-- /part:${r.name} -->`;
    const block = `${start}\n### ${r.name}\n\n_Measured ${machine}._\n\n${r.notes.trim()}\n${end}`;
    const existing = between(text, start, end);
    if (existing) {
      text = `${existing.before.slice(0, -start.length)}${block}${existing.after.slice(end.length)}`;
    } else {
      text = `${text.trimEnd()}\n\n${block}\n`;
    }
  }
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** Reads, updates and writes BENCHMARKS.md. */
export function writeBenchmarks(path: string, results: PartResult[]): void {
  const current = existsSync(path) ? readFileSync(path, "utf8") : null;
  writeFileSync(path, updateBenchmarksText(current, results));
}
