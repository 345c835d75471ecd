/**
 * Runtime helpers of compiled conditions: json-logic truthiness, JS coercions that never throw on
 * odd data, and own-property path reads. Fast paths first: these run on every evaluation.
 */

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * json-logic truthiness, as json-logic-js `truthy`: `[]` is falsy, `"0"` is truthy, otherwise JS
 * truthiness. Exposed so callers agree with `if`/`and`/`or`/`!` on what "passes".
 */
export function truthy(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.length !== 0;
  return !!value;
}

/** `String(value)` that never throws (null-prototype objects, throwing `toString`). */
export function toStr(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    return "[object Object]";
  }
}

/** One `cat` piece, as `Array.prototype.join` renders it: null and undefined become "". */
export function catPiece(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return toStr(value);
}

/** `Number(value)` (JS ToNumber, as `-`, `/`, `%`, `min`, `max` apply it) that never throws. */
export function num(value: unknown): number {
  if (typeof value === "number") return value;
  try {
    return Number(value);
  } catch {
    return NaN;
  }
}

/** `parseFloat(value)` (as json-logic-js `+` and `*` apply it) that never throws. */
export function pf(value: unknown): number {
  if (typeof value === "number") return value + 0; // parseFloat(String(-0)) is 0
  return parseFloat(typeof value === "string" ? value : toStr(value));
}

function looseEqSlow(a: unknown, b: unknown): boolean {
  try {
    return a == b;
  } catch {
    return false;
  }
}

/** JS loose equality `a == b` (json-logic `==`), false instead of throwing on unconvertible objects. */
export function looseEq(a: unknown, b: unknown): boolean {
  return typeof a === typeof b ? a === b : looseEqSlow(a, b);
}

function ltSlow(a: unknown, b: unknown): boolean {
  try {
    return (a as number) < (b as number);
  } catch {
    return false;
  }
}

function leSlow(a: unknown, b: unknown): boolean {
  try {
    return (a as number) <= (b as number);
  } catch {
    return false;
  }
}

/** JS `a < b` (numeric, or lexicographic for two strings), false instead of throwing. */
export function lt(a: unknown, b: unknown): boolean {
  return typeof a === "number" && typeof b === "number" ? a < b : ltSlow(a, b);
}

/** JS `a <= b`, false instead of throwing. */
export function le(a: unknown, b: unknown): boolean {
  return typeof a === "number" && typeof b === "number" ? a <= b : leSlow(a, b);
}

/**
 * Splits a `var` name into its path: `null` means the whole data (`""`, `null`, `undefined`);
 * otherwise `String(name).split(".")`, as json-logic-js does (so `1` reads index 1).
 */
export function splitPath(name: unknown): readonly string[] | null {
  if (name === undefined || name === null || name === "") return null;
  return toStr(name).split(".");
}

/**
 * Reads a path with own-property reads only, descending only into objects and arrays (never into
 * strings or other primitives, never through the prototype chain); `undefined` when absent.
 */
export function readPath(data: unknown, keys: readonly string[]): unknown {
  let cur = data;
  for (let i = 0; i < keys.length; i++) {
    if (cur === null || typeof cur !== "object") return undefined;
    const key = keys[i] as string;
    if (!hasOwn.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Reads one own property of an object or array; `undefined` when absent. */
export function readKey(data: unknown, key: string): unknown {
  if (data === null || typeof data !== "object" || !hasOwn.call(data, key)) return undefined;
  return (data as Record<string, unknown>)[key];
}

/** A reader for a path fixed at compile time, unrolled for the usual 1 to 3 keys. */
export function pathReader(keys: readonly string[]): (data: unknown) => unknown {
  switch (keys.length) {
    case 1: { const [k1] = keys as [string]; return (d) => readKey(d, k1); }
    case 2: { const [k1, k2] = keys as [string, string]; return (d) => readKey(readKey(d, k1), k2); }
    case 3: { const [k1, k2, k3] = keys as [string, string, string]; return (d) => readKey(readKey(readKey(d, k1), k2), k3); }
    default: return (d) => readPath(d, keys);
  }
}

/** Reads a `var` by a name known only at run time, with json-logic's not-found default. */
export function readVar(data: unknown, name: unknown, notFound: unknown): unknown {
  const keys = splitPath(name);
  if (keys === null) return data;
  const value = readPath(data, keys);
  return value === undefined ? notFound : value;
}

/** json-logic `missing` over keys known at run time: the keys whose value is absent, null or "". */
export function missingKeys(data: unknown, keys: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const key of keys) {
    // json-logic-js reads each key as {"var": key}; an array key is a [name, default] pair.
    const value = Array.isArray(key) ? readVar(data, key[0], key[1] === undefined ? null : key[1]) : readVar(data, key, null);
    if (value === null || value === "") out.push(key);
  }
  return out;
}

/** A deep copy of a folded constant, so callers can't mutate what the compiled rule holds. */
export function cloneConst(value: unknown): unknown {
  return Array.isArray(value) ? value.map(cloneConst) : value;
}

/** `merge`: flattens arguments one level into a fresh array, as json-logic-js `[].concat(...)`. */
export function merge(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (Array.isArray(value)) for (const item of value) out.push(item);
    else out.push(value);
  }
  return out;
}

/** `substr` as json-logic-js: JS `substr(start, length)`, and a negative length cuts from the end (PHP). */
export function substr(source: unknown, start: unknown, end: unknown): string {
  const s = toStr(source);
  const from = num(start);
  if (end === undefined) return s.substr(from);
  const length = num(end);
  if (length < 0) {
    const rest = s.substr(from);
    return rest.substr(0, rest.length + length);
  }
  return s.substr(from, length);
}

/** `in`: membership in an array (strict) or substring of a non-empty string; false for anything else. */
export function isIn(needle: unknown, haystack: unknown): boolean {
  if (typeof haystack === "string") return haystack !== "" && haystack.indexOf(toStr(needle)) !== -1;
  return Array.isArray(haystack) && haystack.indexOf(needle) !== -1;
}
