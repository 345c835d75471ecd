/**
 * Benchmark: evaluations per second of compiled conditions (`compileCondition`) against
 * json-logic-js `apply` (which re-walks the rule on every call), on blueprint-like rules and data.
 * Same loop for both, warm-up first, then alternating rounds (~1 s per side) so drift in CPU
 * frequency or GC hits both sides alike.
 *
 * Run alone: `npx tsx bench/conditions.bench.ts`.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { compileCondition, truthy } from "../packages/engine/src/conditions/index";

// bench/ depends on json-logic-js but has no @types/json-logic-js, so a plain `import` fails
// type-checking (TS7016); required instead, with the one method used typed here.
const jsonLogic = createRequire(import.meta.url)("json-logic-js") as { apply(rule: unknown, data: unknown): unknown };

const RULES: unknown[] = [
  { and: [{ ">=": [{ var: "deal.amount" }, 100000] }, { in: [{ var: "deal.fields.segment" }, ["b2b", "b2c"]] }, { "!": { var: "deal.fields.lossReason" } }] },
  { missing: ["deal.amount", "deal.fields.segment", "contact.email"] },
  { if: [{ var: "contact.name" }, { cat: ["Hello, ", { var: "contact.name" }, "!"] }, "Hello!"] },
  { or: [{ "==": [{ var: "deal.stage" }, "won"] }, { and: [{ ">": [{ var: "deal.probability" }, 50] }, { "<": [{ var: "deal.daysInStage" }, 30] }] }] },
];

const DATA: unknown[] = [
  { deal: { amount: 150000, stage: "proposal", probability: 70, daysInStage: 12, fields: { segment: "b2b" } }, contact: { name: "Ann", email: "ann@example.com" } },
  { deal: { amount: 90000, stage: "won", probability: 100, daysInStage: 3, fields: { segment: "b2g", lossReason: "price" } }, contact: { name: "" } },
  { deal: { amount: "250000", stage: "lead", fields: {} }, contact: null },
  { deal: { amount: 100000, stage: "negotiation", probability: 40, daysInStage: 45, fields: { segment: "b2c", lossReason: null } }, contact: { email: "b@example.com" } },
];

const EVALS_PER_PASS = RULES.length * DATA.length;

type Runner = (passes: number) => number;

const compiled = RULES.map((rule) => compileCondition(rule));
const runOurs: Runner = (passes) => {
  let hits = 0;
  for (let p = 0; p < passes; p++) for (const condition of compiled) for (const data of DATA) if (truthy(condition(data))) hits++;
  return hits;
};
const runTheirs: Runner = (passes) => {
  let hits = 0;
  for (let p = 0; p < passes; p++) for (const rule of RULES) for (const data of DATA) if (truthy(jsonLogic.apply(rule, data))) hits++;
  return hits;
};

let sink = 0;

/** Runs batches for about `ms` milliseconds; returns evaluations done and seconds taken. */
function round(run: Runner, ms: number): { evals: number; seconds: number } {
  const batch = 200;
  let passes = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    sink += run(batch);
    passes += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return { evals: passes * EVALS_PER_PASS, seconds: elapsed / 1000 };
}

const format = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Measures both sides and returns the summary line with the two rates (evaluations per second). */
export async function benchConditions(): Promise<{ line: string; ours: number; theirs: number }> {
  // Both must agree on every case before their speed is compared.
  if (runOurs(1) !== runTheirs(1)) throw new Error("conditions bench: results differ from json-logic-js");
  for (let i = 0; i < 3; i++) { round(runOurs, 100); round(runTheirs, 100); } // warm-up

  const totals = { ours: { evals: 0, seconds: 0 }, theirs: { evals: 0, seconds: 0 } };
  const add = (to: { evals: number; seconds: number }, r: { evals: number; seconds: number }) => {
    to.evals += r.evals;
    to.seconds += r.seconds;
  };
  for (let i = 0; i < 10; i++) {
    // Alternate which side goes first in each round.
    if (i % 2 === 0) { add(totals.ours, round(runOurs, 100)); add(totals.theirs, round(runTheirs, 100)); }
    else { add(totals.theirs, round(runTheirs, 100)); add(totals.ours, round(runOurs, 100)); }
    await Promise.resolve();
  }
  const ours = totals.ours.evals / totals.ours.seconds;
  const theirs = totals.theirs.evals / totals.theirs.seconds;
  if (sink < 0) console.log(sink); // keep the results observable
  const line = `conditions vs json-logic-js: ${(ours / theirs).toFixed(2)}× (ours ${format(ours)} evals/s vs theirs ${format(theirs)} evals/s)`;
  return { line, ours, theirs };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await benchConditions()).line);
}
