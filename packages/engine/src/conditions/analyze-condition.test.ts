import { describe, expect, it } from "vitest";
import { analyzeCondition } from "./index";

describe("analyzeCondition", () => {
  it("finds unknown operators with their paths, and keeps going", () => {
    const { issues, operators } = analyzeCondition({
      and: [{ ">=": [{ var: "deal.amount" }, 1] }, { "==": [{ foo: [{ var: "x" }] }, 1] }, { "!": { bar: 1 } }],
    });
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "condition.unknown-operator", path: ["and", 1, "==", 0] },
      { code: "condition.unknown-operator", path: ["and", 2, "!"] },
    ]);
    expect(issues[0]?.message).toMatch(/Unknown operator "foo"/);
    expect(operators).toEqual(["and", ">=", "var", "==", "!"]); // known ones only
  });

  it("lists var names with their paths, and marks scoped ones", () => {
    const { issues, vars } = analyzeCondition({
      and: [
        { var: "deal.amount" },
        { var: ["deal.stage", "lead"] },
        { var: "" },
        { var: 1 },
        { some: [{ var: "deal.items" }, { ">": [{ var: "qty" }, { var: "" }] }] },
        { reduce: [{ var: "lines" }, { "+": [{ var: "accumulator" }, { var: "current.price" }] }, { var: "base" }] },
        { filter: [{ map: [{ var: "a" }, { var: "b" }] }, { all: [{ var: "c" }, { var: "d" }] }] },
        { var: { cat: ["computed", ".name"] } },
      ],
    });
    expect(issues).toEqual([]);
    expect(vars).toEqual([
      { name: "deal.amount", path: ["and", 0], scoped: false },
      { name: "deal.stage", path: ["and", 1], scoped: false },
      { name: "", path: ["and", 2], scoped: false },
      { name: "1", path: ["and", 3], scoped: false },
      { name: "deal.items", path: ["and", 4, "some", 0], scoped: false },
      { name: "qty", path: ["and", 4, "some", 1, ">", 0], scoped: true },
      { name: "", path: ["and", 4, "some", 1, ">", 1], scoped: true },
      { name: "lines", path: ["and", 5, "reduce", 0], scoped: false },
      { name: "accumulator", path: ["and", 5, "reduce", 1, "+", 0], scoped: true },
      { name: "current.price", path: ["and", 5, "reduce", 1, "+", 1], scoped: true },
      { name: "base", path: ["and", 5, "reduce", 2], scoped: false },
      { name: "a", path: ["and", 6, "filter", 0, "map", 0], scoped: false },
      { name: "b", path: ["and", 6, "filter", 0, "map", 1], scoped: true },
      { name: "c", path: ["and", 6, "filter", 1, "all", 0], scoped: true },
      { name: "d", path: ["and", 6, "filter", 1, "all", 1], scoped: true },
      // The computed name is not listed (unknowable statically), but the operator is.
    ]);
  });

  it("lists the names missing and missing_some check", () => {
    const { vars } = analyzeCondition({
      or: [{ missing: ["deal.amount", "contact.email"] }, { missing: "inn" }, { missing: [["a", "b"]] },
        { missing_some: [1, ["phone", "email"]] }],
    });
    expect(vars).toEqual([
      { name: "deal.amount", path: ["or", 0, "missing", 0], scoped: false },
      { name: "contact.email", path: ["or", 0, "missing", 1], scoped: false },
      { name: "inn", path: ["or", 1, "missing"], scoped: false },
      { name: "a", path: ["or", 2, "missing", 0, 0], scoped: false },
      { name: "b", path: ["or", 2, "missing", 0, 1], scoped: false },
      { name: "phone", path: ["or", 3, "missing_some", 1, 0], scoped: false },
      { name: "email", path: ["or", 3, "missing_some", 1, 1], scoped: false },
    ]);
  });

  it("reports limits the same way compile does", () => {
    let deep: unknown = { var: "x" };
    for (let i = 0; i < 40; i++) deep = { and: [true, deep] };
    const tooDeep = analyzeCondition(deep);
    // The "and" at depth 32 is fine; both of its arguments are at depth 33, and each is reported.
    const parent = Array.from({ length: 31 }, () => ["and", 1]).flat();
    expect(tooDeep.issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "condition.too-deep", path: [...parent, "and", 0] },
      { code: "condition.too-deep", path: [...parent, "and", 1] },
    ]);

    const tooLarge = analyzeCondition({ cat: Array.from({ length: 10 }, () => "x") }, { maxDepth: 5, maxNodes: 5 });
    expect(tooLarge.issues.map((i) => i.code)).toEqual(["condition.too-large"]);
  });

  it("never throws, whatever it is given", () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error("boom"); } });
    const getter = { get and(): unknown { throw new Error("getter"); } };
    const inputs: unknown[] = [undefined, () => 1, Symbol("s"), 10n, hostile, getter, { var: () => 1 }, [hostile],
      new Date(0), new Map([["a", 1]])];
    for (const input of inputs) {
      const result = analyzeCondition(input);
      expect(result.issues.length).toBeGreaterThan(0);
    }
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(analyzeCondition(deep, { maxDepth: Infinity, maxNodes: Infinity }).issues[0]?.code).toBe("condition.too-deep");
  });

  it("a valid rule has no issues", () => {
    expect(analyzeCondition({ if: [{ missing: ["a"] }, { cat: ["need ", "a"] }, "ok"] }).issues).toEqual([]);
  });
});
