/**
 * The operator table: for each json-logic operator, its arity, what its literal arguments must
 * look like, and how to build its closure from its compiled arguments. Semantics follow
 * json-logic-js 2.0.5 except where noted in `index.ts` (own-property reads, no throwing on odd
 * data, stricter arity, pure `log`).
 */
import type { CompiledCondition, CompiledNode } from "./types";
import {
  catPiece, cloneConst, isIn, le, looseEq, lt, merge, missingKeys, num, pathReader, pf, readKey,
  readVar, splitPath, substr, toStr, truthy,
} from "./runtime";

/** How one operator is checked and compiled. */
export interface OperatorSpec {
  /** Fewest arguments accepted (after `{"op": x}` is read as `{"op": [x]}`). */
  readonly min: number;
  /** Most arguments accepted. */
  readonly max: number;
  /** The argument evaluated once per array item with the item as data (map, filter, all, ...). */
  readonly scopedArg?: number;
  /** Reads the data itself (var, missing): never folded, even with constant arguments. */
  readonly readsData?: boolean;
  /** Checks a literal (non-operator) argument at compile time; returns a message when malformed. */
  readonly checkLiteral?: (index: number, value: unknown) => string | undefined;
  /** Builds the closure from the compiled arguments. */
  readonly build: (args: readonly CompiledNode[]) => CompiledCondition;
}

const MANY = Number.POSITIVE_INFINITY;
const fnsOf = (args: readonly CompiledNode[]): CompiledCondition[] => args.map((a) => a.fn);
const arg = (args: readonly CompiledNode[], i: number): CompiledNode => args[i] as CompiledNode;
const isNumberLike = (v: unknown): boolean => typeof v === "number" || typeof v === "string";

/** A `missing` check over keys fixed at compile time: paths are split once. */
function missingOf(keys: readonly unknown[]): CompiledCondition {
  if (!keys.every(isNumberLike)) return (d) => missingKeys(d, keys);
  // As {"var": key}: a whole-data key ("") is missing only when the data itself is null or "".
  const readers = keys.map((key) => { const path = splitPath(key); return path === null ? null : pathReader(path); });
  return (d) => {
    const out: unknown[] = [];
    for (let i = 0; i < readers.length; i++) {
      const read = readers[i];
      const value = read === null || read === undefined ? d : read(d);
      if (value === null || value === "" || (value === undefined && read !== null)) out.push(keys[i]);
    }
    return out;
  };
}

function buildVar(args: readonly CompiledNode[]): CompiledCondition {
  if (args.length === 0) return (d) => d;
  const name = arg(args, 0);
  const dflt = args[1];
  // The not-found value: null, a constant, or (for array and computed defaults) evaluated on a miss.
  const constDefault = dflt === undefined || (dflt.isConst && !Array.isArray(dflt.value));
  const nf = dflt === undefined || dflt.value === undefined ? null : dflt.value;
  const fd = dflt?.fn;
  if (!name.isConst) {
    const fn = name.fn;
    if (fd === undefined) return (d) => readVar(d, fn(d), null);
    return (d) => {
      const value = readVar(d, fn(d), undefined);
      if (value !== undefined) return value;
      const v = fd(d);
      return v === undefined ? null : v;
    };
  }
  const keys = splitPath(name.value);
  if (keys === null) return (d) => d;
  if (keys.length === 1) {
    const key = keys[0] as string;
    if (constDefault) return (d) => { const v = readKey(d, key); return v === undefined ? nf : v; };
    return (d) => { const v = readKey(d, key); return v === undefined ? (fd as CompiledCondition)(d) ?? null : v; };
  }
  const read = pathReader(keys);
  if (constDefault) return (d) => { const v = read(d); return v === undefined ? nf : v; };
  return (d) => { const v = read(d); return v === undefined ? (fd as CompiledCondition)(d) ?? null : v; };
}

function buildIn(args: readonly CompiledNode[]): CompiledCondition {
  const needle = arg(args, 0).fn;
  const hay = arg(args, 1);
  if (!hay.isConst) { const fh = hay.fn; return (d) => isIn(needle(d), fh(d)); }
  const list = hay.value;
  if (typeof list === "string") {
    if (list === "") return () => false;
    return (d) => list.indexOf(toStr(needle(d))) !== -1;
  }
  if (!Array.isArray(list)) return () => false;
  // A Set agrees with indexOf (strict equality) unless the list holds NaN.
  if (list.length > 8 && !list.some((v) => v !== v)) {
    const set = new Set<unknown>(list);
    return (d) => set.has(needle(d));
  }
  return (d) => list.indexOf(needle(d)) !== -1;
}

type Compare = (a: unknown, b: unknown) => boolean;
type Pair = [CompiledCondition, CompiledCondition];
/**
 * A binary comparison, with its own closure literals per operator (so call sites stay monomorphic
 * in the operator) and a variant for a constant right-hand side, the usual case in blueprints.
 */
function comparison(op: string, cmp: Compare): OperatorSpec["build"] {
  return (args) => {
    const fa = arg(args, 0).fn;
    const b = arg(args, 1);
    const c = b.value;
    if (b.isConst && typeof c === "number") {
      switch (op) {
        case ">": return (d) => { const a = fa(d); return typeof a === "number" ? a > c : lt(c, a); };
        case ">=": return (d) => { const a = fa(d); return typeof a === "number" ? a >= c : le(c, a); };
        case "<": return (d) => { const a = fa(d); return typeof a === "number" ? a < c : lt(a, c); };
        case "<=": return (d) => { const a = fa(d); return typeof a === "number" ? a <= c : le(a, c); };
      }
    }
    if (b.isConst && !Array.isArray(c)) {
      switch (op) {
        case "==": return (d) => looseEq(fa(d), c);
        case "!=": return (d) => !looseEq(fa(d), c);
        case "===": return (d) => fa(d) === c;
        case "!==": return (d) => fa(d) !== c;
      }
      return (d) => cmp(fa(d), c);
    }
    const [, fb] = fnsOf(args) as Pair;
    switch (op) {
      case "==": return (d) => looseEq(fa(d), fb(d));
      case "===": return (d) => fa(d) === fb(d);
    }
    return (d) => cmp(fa(d), fb(d));
  };
}

/** `<` and `<=`: two arguments, or three for "between" (a < b < c). */
function chain(op: string, cmp: Compare): OperatorSpec["build"] {
  return (args) => {
    if (args.length === 2) return comparison(op, cmp)(args);
    const [fa, fb, fc] = fnsOf(args) as [CompiledCondition, CompiledCondition, CompiledCondition];
    return (d) => {
      const x = fa(d), y = fb(d), z = fc(d);
      return z === undefined ? cmp(x, y) : cmp(x, y) && cmp(y, z);
    };
  };
}

/** map, filter, all, some, none: the second argument runs once per item of the first. */
function scoped(min: number, max: number, run: (items: unknown[], each: CompiledCondition) => unknown,
  otherwise: () => unknown): OperatorSpec {
  return {
    min, max, scopedArg: 1,
    checkLiteral: (i, v) => (i === 0 && !Array.isArray(v) ? "The first argument must be an array (or an expression giving one)." : undefined),
    build: (args) => {
      const source = arg(args, 0).fn;
      const each = arg(args, 1).fn;
      return (d) => { const items = source(d); return Array.isArray(items) ? run(items, each) : otherwise(); };
    },
  };
}

const ops: Record<string, OperatorSpec> = {
  "==": { min: 2, max: 2, build: comparison("==", looseEq) },
  "===": { min: 2, max: 2, build: comparison("===", (a, b) => a === b) },
  "!=": { min: 2, max: 2, build: comparison("!=", (a, b) => !looseEq(a, b)) },
  "!==": { min: 2, max: 2, build: comparison("!==", (a, b) => a !== b) },
  ">": { min: 2, max: 2, build: comparison(">", (a, b) => lt(b, a)) },
  ">=": { min: 2, max: 2, build: comparison(">=", (a, b) => le(b, a)) },
  "<": { min: 2, max: 3, build: chain("<", lt) },
  "<=": { min: 2, max: 3, build: chain("<=", le) },
  "!": { min: 1, max: 1, build: (args) => { const f = arg(args, 0).fn; return (d) => !truthy(f(d)); } },
  "!!": { min: 1, max: 1, build: (args) => { const f = arg(args, 0).fn; return (d) => truthy(f(d)); } },
  and: {
    min: 1, max: MANY,
    build: (args) => {
      const fs = fnsOf(args);
      if (fs.length === 1) return fs[0] as CompiledCondition;
      if (fs.length === 2) {
        const [f0, f1] = fs as [CompiledCondition, CompiledCondition];
        return (d) => { const v = f0(d); return truthy(v) ? f1(d) : v; };
      }
      return (d) => {
        let v: unknown;
        for (let i = 0; i < fs.length; i++) { v = (fs[i] as CompiledCondition)(d); if (!truthy(v)) return v; }
        return v;
      };
    },
  },
  or: {
    min: 1, max: MANY,
    build: (args) => {
      const fs = fnsOf(args);
      if (fs.length === 1) return fs[0] as CompiledCondition;
      if (fs.length === 2) {
        const [f0, f1] = fs as [CompiledCondition, CompiledCondition];
        return (d) => { const v = f0(d); return truthy(v) ? v : f1(d); };
      }
      return (d) => {
        let v: unknown;
        for (let i = 0; i < fs.length; i++) { v = (fs[i] as CompiledCondition)(d); if (truthy(v)) return v; }
        return v;
      };
    },
  },
  if: { min: 0, max: MANY, build: buildIf },
  "?:": { min: 3, max: 3, build: buildIf },
  in: {
    min: 2, max: 2, build: buildIn,
    checkLiteral: (i, v) => (i === 1 && !Array.isArray(v) && typeof v !== "string" ? "The second argument of \"in\" must be an array or a string." : undefined),
  },
  cat: {
    min: 0, max: MANY,
    build: (args) => {
      const fs = fnsOf(args);
      if (fs.length === 1) { const f = fs[0] as CompiledCondition; return (d) => catPiece(f(d)); }
      return (d) => { let s = ""; for (let i = 0; i < fs.length; i++) s += catPiece((fs[i] as CompiledCondition)(d)); return s; };
    },
  },
  substr: {
    min: 2, max: 3,
    build: (args) => {
      const [fs, fa, fb] = fnsOf(args) as [CompiledCondition, CompiledCondition, CompiledCondition | undefined];
      return fb === undefined ? (d) => substr(fs(d), fa(d), undefined) : (d) => substr(fs(d), fa(d), fb(d));
    },
  },
  "+": {
    min: 0, max: MANY,
    build: (args) => {
      const fs = fnsOf(args);
      if (fs.length === 2) { const [f0, f1] = fs as [CompiledCondition, CompiledCondition]; return (d) => 0 + pf(f0(d)) + pf(f1(d)); }
      return (d) => { let s = 0; for (let i = 0; i < fs.length; i++) s += pf((fs[i] as CompiledCondition)(d)); return s; };
    },
  },
  "*": {
    min: 1, max: MANY,
    build: (args) => {
      const fs = fnsOf(args);
      // As json-logic-js (a reduce without initial value): one argument is returned as is.
      if (fs.length === 1) return fs[0] as CompiledCondition;
      return (d) => {
        let p = (fs[0] as CompiledCondition)(d);
        for (let i = 1; i < fs.length; i++) p = pf(p) * pf((fs[i] as CompiledCondition)(d));
        return p;
      };
    },
  },
  "-": {
    min: 1, max: 2,
    build: (args) => {
      const [fa, fb] = fnsOf(args) as [CompiledCondition, CompiledCondition | undefined];
      if (fb === undefined) return (d) => -num(fa(d));
      return (d) => { const a = fa(d), b = fb(d); return b === undefined ? -num(a) : num(a) - num(b); };
    },
  },
  "/": { min: 2, max: 2, build: (args) => { const [fa, fb] = fnsOf(args) as [CompiledCondition, CompiledCondition]; return (d) => num(fa(d)) / num(fb(d)); } },
  "%": { min: 2, max: 2, build: (args) => { const [fa, fb] = fnsOf(args) as [CompiledCondition, CompiledCondition]; return (d) => num(fa(d)) % num(fb(d)); } },
  min: { min: 1, max: MANY, build: (args) => { const fs = fnsOf(args); return (d) => Math.min(...fs.map((f) => num(f(d)))); } },
  max: { min: 1, max: MANY, build: (args) => { const fs = fnsOf(args); return (d) => Math.max(...fs.map((f) => num(f(d)))); } },
  merge: { min: 0, max: MANY, build: (args) => { const fs = fnsOf(args); return (d) => merge(fs.map((f) => f(d))); } },
  var: {
    min: 0, max: 2, readsData: true, build: buildVar,
    checkLiteral: (i, v) => (i === 0 && v !== null && typeof v !== "string" && typeof v !== "number" ? "A variable name must be a string, a number or null." : undefined),
  },
  missing: {
    min: 0, max: MANY, readsData: true,
    build: (args) => {
      if (args.every((a) => a.isConst)) {
        const values = args.map((a) => a.value);
        return missingOf(Array.isArray(values[0]) ? (values[0] as unknown[]).slice() : values);
      }
      const fs = fnsOf(args);
      return (d) => { const values = fs.map((f) => f(d)); return missingKeys(d, Array.isArray(values[0]) ? values[0] : values); };
    },
  },
  missing_some: {
    min: 2, max: 2, readsData: true,
    checkLiteral: (i, v) =>
      i === 0 && typeof v !== "number" ? "The first argument of \"missing_some\" must be a number."
      : i === 1 && !Array.isArray(v) ? "The second argument of \"missing_some\" must be an array of names." : undefined,
    build: (args) => {
      const need = arg(args, 0).fn;
      const opts = arg(args, 1);
      const fixed = opts.isConst && Array.isArray(opts.value) ? missingOf((opts.value as unknown[]).slice()) : undefined;
      const fo = opts.fn;
      return (d) => {
        const options = fo(d);
        const list = Array.isArray(options) ? options : [];
        const missing = fixed === undefined ? missingKeys(d, list) : (fixed(d) as unknown[]);
        return list.length - missing.length >= num(need(d)) ? [] : missing;
      };
    },
  },
  map: scoped(2, 2, (items, each) => items.map((item) => each(item)), () => []),
  filter: scoped(2, 2, (items, each) => items.filter((item) => truthy(each(item))), () => []),
  all: scoped(2, 2, (items, each) => items.length > 0 && items.every((item) => truthy(each(item))), () => false),
  some: scoped(2, 2, (items, each) => items.some((item) => truthy(each(item))), () => false),
  none: scoped(2, 2, (items, each) => !items.some((item) => truthy(each(item))), () => true),
  reduce: {
    ...scoped(2, 3, () => undefined, () => undefined),
    build: (args) => {
      const source = arg(args, 0).fn;
      const each = arg(args, 1).fn;
      const initial = args[2]?.fn;
      return (d) => {
        let acc = initial === undefined ? null : initial(d);
        const items = source(d);
        if (!Array.isArray(items)) return acc;
        for (const current of items) acc = each({ current, accumulator: acc });
        return acc;
      };
    },
  },
  // Pure here: returns its argument and prints nothing (json-logic-js console.logs it).
  log: { min: 1, max: 1, build: (args) => arg(args, 0).fn },
};

function buildIf(args: readonly CompiledNode[]): CompiledCondition {
  const fs = fnsOf(args);
  if (fs.length === 0) return () => null;
  if (fs.length === 1) return fs[0] as CompiledCondition;
  if (fs.length <= 3) {
    const [c, t, e] = fs as [CompiledCondition, CompiledCondition, CompiledCondition | undefined];
    return e === undefined ? (d) => (truthy(c(d)) ? t(d) : null) : (d) => (truthy(c(d)) ? t(d) : e(d));
  }
  return (d) => {
    let i = 0;
    for (; i < fs.length - 1; i += 2) if (truthy((fs[i] as CompiledCondition)(d))) return (fs[i + 1] as CompiledCondition)(d);
    return i === fs.length - 1 ? (fs[i] as CompiledCondition)(d) : null;
  };
}

/** Operator name to spec; a Map, so `__proto__` or `constructor` are never found. */
export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map(Object.entries(ops));

/** Every operator a condition may use, for editors' autocompletion and docs. */
export const CONDITION_OPERATORS: readonly string[] = Object.freeze([...OPERATORS.keys()]);

/** The closure of a constant: arrays are copied on each call so callers can't mutate the rule's own. */
export function constFn(value: unknown): CompiledCondition {
  return Array.isArray(value) ? () => cloneConst(value) : () => value;
}
