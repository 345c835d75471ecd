/**
 * The single pass over a rule shared by the compiler and the analyzer: it enforces the limits,
 * checks operators and their arguments, records the variables read, and builds the closure tree
 * (folding constant subtrees) when the rule is valid.
 */
import type { Issue } from "../errors";
import type { CompiledNode, ConditionLimits } from "./types";
import { OPERATORS, constFn } from "./operators";

/** One variable the rule reads: dotted name ("" for the whole data) and where in the rule. */
export interface VarRead {
  name: string;
  path: (string | number)[];
  /** Inside the per-item argument of map/filter/reduce/all/some/none: reads the item, not the data. */
  scoped: boolean;
}

/** What one pass over a rule found. */
export interface WalkResult {
  /** The compiled rule; meaningful only when `issues` is empty. */
  node: CompiledNode;
  issues: Issue[];
  vars: VarRead[];
  operators: string[];
}

type Path = (string | number)[];

interface Context {
  readonly limits: ConditionLimits;
  readonly issues: Issue[];
  readonly vars: VarRead[];
  readonly operators: Set<string>;
  nodes: number;
  tooLarge: boolean;
  scoped: number;
}

const NULL_NODE: CompiledNode = { fn: () => null, isConst: true, value: null };

function constNode(value: unknown): CompiledNode {
  return { fn: constFn(value), isConst: true, value };
}

function describe(path: Path): string {
  return path.length === 0 ? "the condition itself" : `"${path.join(".")}"`;
}

function addIssue(ctx: Context, code: string, path: Path, message: string): void {
  ctx.issues.push({ code, path, message: `${message} (at ${describe(path)})` });
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function walk(rule: unknown, path: Path, depth: number, ctx: Context): CompiledNode {
  if (ctx.tooLarge) return NULL_NODE;
  if (++ctx.nodes > ctx.limits.maxNodes) {
    ctx.tooLarge = true;
    addIssue(ctx, "condition.too-large", [], `The condition has more than ${ctx.limits.maxNodes} parts; split it or simplify it`);
    return NULL_NODE;
  }
  if (depth > ctx.limits.maxDepth) {
    addIssue(ctx, "condition.too-deep", path, `The condition is nested more than ${ctx.limits.maxDepth} levels deep`);
    return NULL_NODE;
  }
  switch (typeof rule) {
    case "string": {
      const max = ctx.limits.maxStringLength;
      if (max !== undefined && rule.length > max) {
        addIssue(ctx, "condition.too-large", path, `A text in the condition is longer than ${max} characters`);
      }
      return constNode(rule);
    }
    case "number":
    case "boolean":
      return constNode(rule);
    case "object":
      if (rule === null) return constNode(null);
      return Array.isArray(rule) ? walkArray(rule, path, depth, ctx) : walkOperator(rule as Record<string, unknown>, path, depth, ctx);
    default:
      addIssue(ctx, "condition.bad-arguments", path, `A ${typeof rule} is not a JSON value`);
      return NULL_NODE;
  }
}

function walkArray(rule: readonly unknown[], path: Path, depth: number, ctx: Context): CompiledNode {
  const items = rule.map((item, i) => walk(item, [...path, i], depth + 1, ctx));
  if (items.every((n) => n.isConst)) return constNode(items.map((n) => n.value));
  const fns = items.map((n) => n.fn);
  return {
    isConst: false,
    value: undefined,
    fn: (d) => {
      const out = new Array<unknown>(fns.length);
      for (let i = 0; i < fns.length; i++) out[i] = (fns[i] as CompiledNode["fn"])(d);
      return out;
    },
  };
}

/** Records the data names `var`, `missing` and `missing_some` read, when written literally. */
function recordVars(op: string, args: readonly unknown[], argPath: (i: number) => Path, path: Path, ctx: Context): void {
  const scoped = ctx.scoped > 0;
  const isName = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number";
  if (op === "var") {
    const name = args[0];
    if (name === undefined || name === null || isName(name)) ctx.vars.push({ name: name == null ? "" : String(name), path, scoped });
    return;
  }
  let keys: readonly unknown[];
  let keyPath: (j: number) => Path;
  if (op === "missing") {
    const first = args[0];
    if (Array.isArray(first)) [keys, keyPath] = [first, (j) => [...argPath(0), j]];
    else [keys, keyPath] = [args, argPath];
  } else if (op === "missing_some" && Array.isArray(args[1])) {
    [keys, keyPath] = [args[1], (j) => [...argPath(1), j]];
  } else return;
  keys.forEach((key, j) => {
    if (isName(key)) ctx.vars.push({ name: String(key), path: keyPath(j), scoped });
  });
}

function walkOperator(rule: Record<string, unknown>, path: Path, depth: number, ctx: Context): CompiledNode {
  const keys = Object.keys(rule);
  if (keys.length !== 1) {
    addIssue(ctx, "condition.bad-arguments", path, keys.length === 0
      ? "An empty object is not a condition: an operator is an object with exactly one key"
      : `An operator is an object with exactly one key, this one has ${keys.length}: ${keys.slice(0, 5).map((k) => JSON.stringify(k)).join(", ")}`);
    return NULL_NODE;
  }
  const op = keys[0] as string;
  const raw = rule[op];
  const args: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  const argPath = Array.isArray(raw) ? (i: number): Path => [...path, op, i] : (): Path => [...path, op];
  const spec = OPERATORS.get(op);
  if (spec === undefined) {
    addIssue(ctx, "condition.unknown-operator", path, `Unknown operator ${JSON.stringify(op)}`);
  } else {
    ctx.operators.add(op);
    if (args.length < spec.min || args.length > spec.max) {
      const want = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
      addIssue(ctx, "condition.bad-arguments", [...path, op], `"${op}" takes ${want} argument${want === "1" ? "" : "s"}, got ${args.length}`);
    }
    args.forEach((a, i) => {
      const message = isOperatorObject(a) ? undefined : spec.checkLiteral?.(i, a);
      if (message !== undefined) addIssue(ctx, "condition.bad-arguments", argPath(i), `"${op}": ${message}`);
    });
    recordVars(op, args, argPath, path, ctx);
  }
  const compiled = args.map((a, i) => {
    const isScoped = spec?.scopedArg === i;
    if (isScoped) ctx.scoped++;
    const node = walk(a, argPath(i), depth + 1, ctx);
    if (isScoped) ctx.scoped--;
    return node;
  });
  // Build closures only while the whole rule is still valid: with any issue nothing will run.
  if (spec === undefined || ctx.issues.length > 0) return NULL_NODE;
  const fn = spec.build(compiled);
  if (!spec.readsData && compiled.every((n) => n.isConst)) {
    try {
      return constNode(fn(undefined));
    } catch {
      // Not foldable; evaluate at run time.
    }
  }
  return { fn, isConst: false, value: undefined };
}

/** Walks a rule once within the limits; never throws (a failure becomes an issue). */
export function walkCondition(rule: unknown, limits: ConditionLimits): WalkResult {
  const ctx: Context = { limits, issues: [], vars: [], operators: new Set(), nodes: 0, tooLarge: false, scoped: 0 };
  let node = NULL_NODE;
  try {
    node = walk(rule, [], 1, ctx);
  } catch (error) {
    // Only reachable with limits beyond the stack (maxDepth: Infinity) or exotic rule objects (throwing getters, proxies).
    const deep = error instanceof RangeError;
    addIssue(ctx, deep ? "condition.too-deep" : "condition.bad-arguments", [],
      deep ? "The condition is nested too deeply to be read" : `The condition could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { node, issues: ctx.issues, vars: ctx.vars, operators: [...ctx.operators] };
}
