import { describe, expect, it } from "vitest";
import { EngineError } from "../errors";
import {
  CONDITION_OPERATORS, DEFAULT_CONDITION_LIMITS, compileCondition, evaluateCondition, truthy,
  type ConditionLimits,
} from "./index";

/** The issues of the EngineError a compile throws. */
function issuesOf(rule: unknown, limits?: ConditionLimits): { code: string; path: (string | number)[] }[] {
  try {
    compileCondition(rule, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    const e = error as EngineError;
    expect(e.code).toBe("CONDITION_INVALID");
    return (e.details.issues as { code: string; path: (string | number)[] }[]).map(({ code, path }) => ({ code, path }));
  }
  throw new Error("expected compileCondition to throw");
}

/** `{"!": {"!": ... true}}`, `levels` operators deep. */
function nested(levels: number): unknown {
  let rule: unknown = true;
  for (let i = 0; i < levels; i++) rule = { "!": rule };
  return rule;
}

describe("prototype safety: own-property reads only", () => {
  const data = { a: { b: 1 }, s: "abc", list: [10, 20, 30] };
  it.each(["constructor", "__proto__", "constructor.constructor", "prototype", "toString", "a.__proto__",
    "a.constructor", "a.hasOwnProperty", "list.map", "list.__proto__", "valueOf"])("{var: %j} is null", (name) => {
    expect(evaluateCondition({ var: name }, data)).toBeNull();
    expect(evaluateCondition({ var: [name, "fallback"] }, data)).toBe("fallback");
  });

  it("reads own __proto__ keys of parsed JSON as plain data", () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"x": 1}}');
    expect(evaluateCondition({ var: "__proto__.x" }, parsed)).toBe(1);
    expect(evaluateCondition({ var: "__proto__.x" }, {})).toBeNull();
  });

  it("computed names are just as safe", () => {
    expect(evaluateCondition({ var: { cat: ["constructor", ".constructor"] } }, data)).toBeNull();
  });

  it("arrays have an own length and own indexes; strings are primitives and are not descended", () => {
    expect(evaluateCondition({ var: "list.length" }, data)).toBe(3);
    expect(evaluateCondition({ var: "list.1" }, data)).toBe(20);
    expect(evaluateCondition({ var: "list.5" }, data)).toBeNull();
    // json-logic-js gives 3 and "a" here; we return null (documented difference).
    expect(evaluateCondition({ var: "s.length" }, data)).toBeNull();
    expect(evaluateCondition({ var: "s.0" }, data)).toBeNull();
  });

  it("operators named after Object.prototype members are unknown", () => {
    for (const op of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const rule: unknown = JSON.parse(`{${JSON.stringify(op)}: [1]}`);
      expect(issuesOf(rule)).toEqual([{ code: "condition.unknown-operator", path: [] }]);
    }
  });

  it("missing checks own properties too", () => {
    expect(evaluateCondition({ missing: ["constructor", "a.b", "toString"] }, data)).toEqual(["constructor", "toString"]);
  });
});

describe("limits", () => {
  it("accepts a rule exactly maxDepth deep and rejects one level more, at the path of the first too-deep node", () => {
    const limits = { maxDepth: 5, maxNodes: 100 };
    expect(compileCondition(nested(4), limits)(null)).toBe(true); // 4 operators + the literal = depth 5
    expect(issuesOf(nested(5), limits)).toEqual([{ code: "condition.too-deep", path: ["!", "!", "!", "!", "!"] }]);
  });

  it("rejects deep rules with the default limits without overflowing the stack", () => {
    const issues = issuesOf(nested(100_000));
    expect(issues).toEqual([{ code: "condition.too-deep", path: Array(DEFAULT_CONDITION_LIMITS.maxDepth).fill("!") }]);
  });

  it("rejects rules with more than maxNodes nodes", () => {
    const huge = { or: Array.from({ length: 5000 }, (_, i) => ({ "==": [{ var: "x" }, i] })) };
    expect(issuesOf(huge)).toEqual([{ code: "condition.too-large", path: [] }]);
    const small = { or: Array.from({ length: 10 }, (_, i) => ({ "==": [{ var: "x" }, i] })) };
    expect(compileCondition(small)({ x: 7 })).toBe(true);
    expect(issuesOf(small, { maxDepth: 10, maxNodes: 40 })).toEqual([{ code: "condition.too-large", path: [] }]);
  });

  it("rejects string literals longer than maxStringLength", () => {
    const rule = { cat: ["ok", "x".repeat(50)] };
    expect(issuesOf(rule, { maxDepth: 10, maxNodes: 10, maxStringLength: 20 })).toEqual([{ code: "condition.too-large", path: ["cat", 1] }]);
    expect(compileCondition(rule, { maxDepth: 10, maxNodes: 10 })(null)).toHaveLength(52);
  });
});

describe("compile-time checks", () => {
  it.each([
    [{ "==": [1] }, [{ code: "condition.bad-arguments", path: ["=="] }]],
    [{ "!": [] }, [{ code: "condition.bad-arguments", path: ["!"] }]],
    [{ and: [] }, [{ code: "condition.bad-arguments", path: ["and"] }]],
    [{ "?:": [true, 1] }, [{ code: "condition.bad-arguments", path: ["?:"] }]],
    [{ in: ["a", 5] }, [{ code: "condition.bad-arguments", path: ["in", 1] }]],
    [{ var: [true] }, [{ code: "condition.bad-arguments", path: ["var", 0] }]],
    [{ var: { a: 1, b: 2 } }, [{ code: "condition.bad-arguments", path: ["var"] }]],
    [{ missing_some: ["1", ["a"]] }, [{ code: "condition.bad-arguments", path: ["missing_some", 0] }]],
    [{ map: [5, { var: "" }] }, [{ code: "condition.bad-arguments", path: ["map", 0] }]],
    [{ a: 1, b: 2 }, [{ code: "condition.bad-arguments", path: [] }]],
    [{}, [{ code: "condition.bad-arguments", path: [] }]],
    [{ if: [{ var: "x" }, { nope: 1 }, { "==": [1, 2, 3] }] }, [
      { code: "condition.unknown-operator", path: ["if", 1] },
      { code: "condition.bad-arguments", path: ["if", 2, "=="] },
    ]],
  ])("%j is rejected", (rule, expected) => {
    expect(issuesOf(rule)).toEqual(expected);
  });

  it("accepts operator arguments that are expressions, where literals would be checked", () => {
    expect(compileCondition({ in: ["a", { var: "tags" }] })({ tags: ["a"] })).toBe(true);
    expect(compileCondition({ in: ["a", { "+": [1, 2] }] })(null)).toBe(false);
  });

  it("a thrown EngineError names the problem in its message", () => {
    expect(() => compileCondition({ and: [{ frobnicate: 1 }] })).toThrow(/Unknown operator "frobnicate"/);
  });

  it("lists the operators, including log", () => {
    for (const op of ["==", "===", "!=", "!==", ">", ">=", "<", "<=", "!", "!!", "%", "*", "+", "-", "/", "?:", "all", "and",
      "cat", "filter", "if", "in", "map", "max", "merge", "min", "missing", "missing_some", "none", "or", "reduce", "some",
      "substr", "var", "log"]) expect(CONDITION_OPERATORS).toContain(op);
  });
});

describe("runtime behaviour", () => {
  it("log is pure: returns its argument and prints nothing", () => {
    const original = console.log;
    let printed = 0;
    console.log = () => { printed++; };
    try {
      expect(evaluateCondition({ log: { var: "a" } }, { a: [1] })).toEqual([1]);
      expect(evaluateCondition({ log: "x" }, null)).toBe("x");
    } finally {
      console.log = original;
    }
    expect(printed).toBe(0);
  });

  it("never throws on odd data", () => {
    const odd: unknown[] = [null, undefined, 0, 42, "", "text", true, [], [null], {}, { deal: null }, { deal: 5 },
      { deal: { amount: "many" } }, Object.create(null), { deal: Object.create(null) }];
    const rules = [
      { and: [{ ">=": [{ var: "deal.amount" }, 100] }, { in: [{ var: "deal.segment" }, ["b2b"]] }] },
      { "==": [{ var: "deal" }, "x"] }, { "<": [{ var: "deal" }, 1, { var: "" }] }, { "+": [{ var: "deal" }, 1] },
      { "*": [{ var: "deal" }, { var: "" }] }, { "-": [{ var: "deal" }] }, { "/": [{ var: "deal" }, 0] },
      { cat: [{ var: "deal" }, { var: "" }] }, { substr: [{ var: "deal" }, { var: "" }, -1] },
      { in: [{ var: "deal" }, { var: "" }] }, { max: [{ var: "deal" }, 1] }, { merge: [{ var: "deal" }, { var: "" }] },
      { map: [{ var: "deal" }, { var: "x" }] }, { reduce: [{ var: "" }, { "+": [{ var: "current" }, 1] }] },
      { missing: [{ var: "deal" }] }, { missing_some: [{ var: "deal" }, ["a", "deal"]] }, { var: [{ var: "deal" }, 1] },
      { all: [{ var: "" }, { var: "x" }] }, { "!=": [{ var: "" }, { var: "deal" }] },
    ];
    for (const rule of rules) {
      const condition = compileCondition(rule);
      for (const data of odd) expect(() => condition(data), JSON.stringify(rule)).not.toThrow();
    }
  });

  it("null-prototype objects compare false and print like plain objects", () => {
    const bare: unknown = Object.create(null);
    expect(evaluateCondition({ "==": [{ var: "" }, "x"] }, bare)).toBe(false);
    expect(evaluateCondition({ ">": [{ var: "" }, 1] }, bare)).toBe(false);
    expect(evaluateCondition({ cat: ["<", { var: "" }, ">"] }, bare)).toBe("<[object Object]>");
  });

  it("division and remainder by zero behave as in JavaScript", () => {
    expect(evaluateCondition({ "/": [1, 0] }, null)).toBe(Infinity);
    expect(evaluateCondition({ "/": [0, 0] }, null)).toBeNaN();
    expect(evaluateCondition({ "%": [1, 0] }, null)).toBeNaN();
  });

  it("keeps json-logic-js coercions: loose ==, parseFloat in + and *, string comparison of two strings", () => {
    expect(evaluateCondition({ "==": [0, ""] }, null)).toBe(true);
    expect(evaluateCondition({ "==": [null, 0] }, null)).toBe(false);
    expect(evaluateCondition({ "+": ["3.5kg", 1] }, null)).toBe(4.5);
    expect(evaluateCondition({ "*": ["2", "3"] }, null)).toBe(6);
    expect(evaluateCondition({ "<": ["10", "9"] }, null)).toBe(true);
    expect(evaluateCondition({ "<": [{ var: "n" }, 9] }, { n: "10" })).toBe(false);
    expect(evaluateCondition({ in: ["", ""] }, null)).toBe(false);
    expect(evaluateCondition({ substr: [null, 0] }, null)).toBe("null");
    expect(evaluateCondition({ cat: [null, "a", [1, null, 2]] }, null)).toBe("a1,,2");
  });

  it("never mutates the data, and array results are fresh on every call", () => {
    const data = { items: [3, 1, 2], tags: ["a"] };
    const frozen = structuredClone(data);
    const rules = [{ merge: [{ var: "items" }, { var: "tags" }] }, { map: [{ var: "items" }, { var: "" }] },
      { filter: [{ var: "items" }, true] }, { merge: [[1], [2]] }, { if: [true, ["x", ["y"]], []] }, ["a", ["b"]],
      { missing: ["a", "b"] }, { var: ["nope", [1]] }];
    for (const rule of rules) {
      const condition = compileCondition(rule);
      const first = condition(data) as unknown[];
      const second = condition(data) as unknown[];
      expect(first).not.toBe(second);
      expect(first).toEqual(second);
      expect(first).not.toBe(data.items);
      first.push("mutated");
      const inner = first.find(Array.isArray) as unknown[] | undefined;
      inner?.push("mutated");
      expect(condition(data)).toEqual(second);
    }
    expect(data).toEqual(frozen);
  });

  it("copies the rule at compile time: later edits to the rule object don't change the condition", () => {
    const rule = { in: [{ var: "s" }, ["b2b", "b2c"]] };
    const condition = compileCondition(rule);
    (rule.in[1] as string[]).push("b2g");
    expect(condition({ s: "b2g" })).toBe(false);
  });

  it("large constant in-lists agree with indexOf", () => {
    const list = Array.from({ length: 20 }, (_, i) => (i % 2 ? i : String(i)));
    const condition = compileCondition({ in: [{ var: "x" }, list] });
    expect(condition({ x: 3 })).toBe(true);
    expect(condition({ x: "3" })).toBe(false);
    expect(condition({ x: "4" })).toBe(true);
    expect(condition({ x: 0 })).toBe(false);
  });

  it("truthy follows json-logic", () => {
    expect([[], [0], "", "0", 0, -0, NaN, null, undefined, {}, false, true].map(truthy))
      .toEqual([false, true, false, true, false, false, false, false, false, true, false, true]);
  });
});
