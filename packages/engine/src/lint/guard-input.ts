/**
 * The first line of defence: before zod sees an input, check that it is an object of bounded size
 * and depth, without prototype-polluting keys or cycles. Iterative (no recursion), bounded in work
 * by the node limit, and never throws: a throwing getter or proxy becomes an issue.
 */
import type { Issue } from "../errors";

/** The input guards' limits. */
export interface InputLimits {
  /** Deepest allowed nesting of objects and arrays; the blueprint object itself is level 1. */
  maxDepth: number;
  /** Most JSON text, in characters (a lower estimate of `JSON.stringify(input).length`). */
  maxChars: number;
  /** Most values (objects, arrays, strings, numbers, …) in the whole document. */
  maxNodes: number;
}

/** Depth 96, 5,000,000 characters and 200,000 values: far above the bundled standards blueprint. */
export const DEFAULT_INPUT_LIMITS: InputLimits = Object.freeze({ maxDepth: 96, maxChars: 5_000_000, maxNodes: 200_000 });

/** Keys that could reach `Object.prototype` in careless code, rejected anywhere in a blueprint. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

const MAX_GUARD_ISSUES = 20;

type Path = (string | number)[];
type Frame = { value: unknown; path: Path; depth: number } | { exit: object };

function issue(code: string, path: Path, message: string): Issue {
  return { code, path, message, severity: "error" };
}

function showPath(path: Path): string {
  return path.length === 0 ? "the top level" : path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "");
}

/**
 * Checks the raw input and answers every problem found (empty when it is safe to hand to zod).
 * Work is bounded: the walk stops as soon as the input proves too large.
 */
export function guardInput(input: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS): Issue[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    const what = input === null ? "null" : Array.isArray(input) ? "a list" : typeof input === "string" ? "a text" : `a ${typeof input}`;
    return [issue("blueprint.not-object", [], `A blueprint must be a JSON object ({ "format": "voronka.blueprint/v1", … }), but this is ${what}.`)];
  }
  const issues: Issue[] = [];
  try {
    walk(input, limits, issues);
  } catch (error) {
    issues.push(issue("blueprint.unreadable", [], `The blueprint could not be read: ${error instanceof Error ? error.message : String(error)}. Pass plain JSON data.`));
  }
  return issues;
}

function walk(root: object, limits: InputLimits, issues: Issue[]): void {
  const stack: Frame[] = [{ value: root, path: [], depth: 1 }];
  const ancestors = new Set<object>();
  let nodes = 0;
  let chars = 0;
  let reportedDeep = false;
  const tooLarge = (): void => {
    issues.push(issue("blueprint.too-large", [],
      `The blueprint is too large: at most ${limits.maxChars.toLocaleString("en")} characters of JSON and ${limits.maxNodes.toLocaleString("en")} values are accepted. Remove unused parts or split it.`));
  };
  while (stack.length > 0) {
    if (issues.length >= MAX_GUARD_ISSUES) return;
    const frame = stack.pop()!;
    if ("exit" in frame) {
      ancestors.delete(frame.exit);
      continue;
    }
    const { value, path, depth } = frame;
    nodes++;
    if (typeof value === "string") chars += value.length + 2;
    else if (typeof value === "number" || typeof value === "boolean") chars += String(value).length;
    else if (value === null || typeof value !== "object") chars += 4;
    if (nodes > limits.maxNodes || chars > limits.maxChars) return tooLarge();
    if (typeof value !== "object" || value === null) continue;
    if (ancestors.has(value)) {
      issues.push(issue("blueprint.cycle", path, `The blueprint refers back to itself at ${showPath(path)}: pass plain JSON data (a tree, not a graph).`));
      continue;
    }
    if (depth > limits.maxDepth) {
      if (!reportedDeep) {
        reportedDeep = true;
        issues.push(issue("blueprint.too-deep", path, `The blueprint is nested more than ${limits.maxDepth} levels deep (at ${showPath(path)}): simplify that part.`));
      }
      continue;
    }
    ancestors.add(value);
    stack.push({ exit: value });
    if (Array.isArray(value)) {
      const length = value.length;
      chars += 2 + length;
      if (nodes + length > limits.maxNodes || chars > limits.maxChars) return tooLarge();
      for (let i = length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    chars += 2 + keys.length;
    if (nodes + keys.length > limits.maxNodes || chars > limits.maxChars) return tooLarge();
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      chars += key.length + 3;
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push(issue("blueprint.forbidden-key", [...path, key],
          `The key '${key}' is not allowed anywhere in a blueprint (found at ${showPath([...path, key])}): remove it.`));
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
    }
  }
}
