/**
 * Simple json-logic conditions read as a person writes them: `{">=":[{"var":"deal.amount"},100000]}`
 * → "amount ≥ 100,000", `{"in":[{"var":"deal.fields.lossReason"},["too-expensive"]]}` → "Loss
 * reason is one of Too expensive", with the blueprint's field and option labels. Anything it does
 * not know (arithmetic, `if`, `map`…) is shown as compact JSON, never guessed at.
 */
import type { Blueprint } from "@voronka/engine";
import { fieldOf, formatNumber, label, optionLabel } from "./format";

/** What the reader needs: the blueprint (labels), the locale, and words for the connectives. */
export interface ConditionWords {
  blueprint: Blueprint | null;
  locale: string;
  /** "and", "or", "not", "is one of", "is empty", "is filled in", "yes", "no"; and core attribute names. */
  word(key: "and" | "or" | "not" | "in" | "notIn" | "empty" | "filled" | "yes" | "no" | "contains"): string;
  attribute(name: string): string | undefined;
}

const COMPARISONS: Record<string, string> = { "==": "=", "===": "=", "!=": "≠", "!==": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥" };
const MAX_DEPTH = 6;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The single operator of a json-logic node, or null. */
function opOf(node: unknown): [string, unknown[]] | null {
  if (!isObject(node)) return null;
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  const op = keys[0]!;
  const args = node[op];
  return [op, Array.isArray(args) ? args : [args]];
}

/** The path of a `{"var": …}` node, or null. */
function varPath(node: unknown): string | null {
  const op = opOf(node);
  if (!op || op[0] !== "var") return null;
  const path = op[1][0];
  return typeof path === "string" ? path : null;
}

/** A variable's name: a field's label, a core attribute's word, or the path. */
function nameOf(path: string, w: ConditionWords): string {
  const field = /^deal\.fields\.([^.]+)$/.exec(path);
  if (field) {
    const f = fieldOf(w.blueprint, field[1]!);
    return f ? label(f.label, w.locale, f.id) : field[1]!;
  }
  const core = /^deal\.([^.]+)$/.exec(path);
  if (core) return w.attribute(core[1]!) ?? core[1]!;
  return path;
}

/** A literal value; an enum field's option ids become their labels. */
function valueOf(value: unknown, path: string | null, w: ConditionWords): string {
  const field = path ? /^deal\.fields\.([^.]+)$/.exec(path) : null;
  const f = field ? fieldOf(w.blueprint, field[1]!) : undefined;
  if (typeof value === "number") return formatNumber(value, w.locale);
  if (typeof value === "boolean") return w.word(value ? "yes" : "no");
  if (value === null) return "—";
  if (typeof value === "string") return f?.type === "enum" ? optionLabel(f, value, w.locale) : `“${value}”`;
  if (Array.isArray(value)) return value.map((v) => valueOf(v, path, w)).join(", ");
  return JSON.stringify(value);
}

function operand(node: unknown, other: unknown, w: ConditionWords, depth: number): string {
  const path = varPath(node);
  if (path !== null) return nameOf(path, w);
  if (opOf(node)) return read(node, w, depth + 1);
  return valueOf(node, varPath(other), w);
}

function read(node: unknown, w: ConditionWords, depth: number): string {
  if (depth > MAX_DEPTH) return JSON.stringify(node);
  const op = opOf(node);
  if (!op) return typeof node === "boolean" ? w.word(node ? "yes" : "no") : JSON.stringify(node);
  const [name, args] = op;
  if (name in COMPARISONS && args.length === 2) {
    return `${operand(args[0], args[1], w, depth)} ${COMPARISONS[name]} ${operand(args[1], args[0], w, depth)}`;
  }
  if ((name === "<" || name === "<=") && args.length === 3) {
    const sign = COMPARISONS[name];
    return `${operand(args[0], args[1], w, depth)} ${sign} ${operand(args[1], args[0], w, depth)} ${sign} ${operand(args[2], args[1], w, depth)}`;
  }
  if (name === "and" || name === "or") {
    const parts = args.map((a) => {
      const inner = opOf(a);
      const text = read(a, w, depth + 1);
      return inner && (inner[0] === "and" || inner[0] === "or") && inner[0] !== name ? `(${text})` : text;
    });
    return parts.join(` ${w.word(name)} `);
  }
  if (name === "!" && args.length === 1) {
    const path = varPath(args[0]);
    if (path !== null) return `${nameOf(path, w)} ${w.word("empty")}`;
    const inner = opOf(args[0]);
    const innerPath = inner && inner[0] === "in" ? varPath(inner[1][0]) : null;
    if (inner && innerPath !== null && Array.isArray(inner[1][1])) return `${nameOf(innerPath, w)} ${w.word("notIn")} ${valueOf(inner[1][1], innerPath, w)}`;
    return `${w.word("not")} (${read(args[0], w, depth + 1)})`;
  }
  if (name === "!!" && args.length === 1) {
    const path = varPath(args[0]);
    if (path !== null) return `${nameOf(path, w)} ${w.word("filled")}`;
  }
  if (name === "in" && args.length === 2) {
    const path = varPath(args[0]);
    if (path !== null && Array.isArray(args[1])) return `${nameOf(path, w)} ${w.word("in")} ${valueOf(args[1], path, w)}`;
    const listPath = varPath(args[1]);
    if (listPath !== null) return `${nameOf(listPath, w)} ${w.word("contains")} ${valueOf(args[0], listPath, w)}`;
  }
  if (name === "var") return nameOf(String(args[0]), w);
  return JSON.stringify(node);
}

/**
 * A condition in words.
 *
 * @example
 * conditionInWords({ ">=": [{ var: "deal.amount" }, 100000] }, words) // "amount ≥ 100,000"
 */
export function conditionInWords(condition: unknown, words: ConditionWords): string {
  try {
    return read(condition, words, 0);
  } catch {
    return JSON.stringify(condition);
  }
}
