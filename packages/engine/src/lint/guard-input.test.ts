import { describe, expect, it } from "vitest";
import { broken, validBlueprint } from "./fixtures.test-helpers";
import { DEFAULT_INPUT_LIMITS, guardInput } from "./guard-input";
import { validateBlueprint } from "./validate";

function rejected(input: unknown): { code: string; path: (string | number)[]; message: string }[] {
  let result: ReturnType<typeof validateBlueprint> | undefined;
  expect(() => { result = validateBlueprint(input); }).not.toThrow();
  expect(result!.ok).toBe(false);
  return result!.ok ? [] : result!.issues;
}

describe("input guards", () => {
  it("accepts the valid blueprint", () => {
    expect(guardInput(validBlueprint())).toEqual([]);
  });

  it.each([
    ["null", null], ["an array", []], ["a string", "{}"], ["a number", 42], ["undefined", undefined], ["a function", () => ({})],
  ])("blueprint.not-object: rejects %s", (_name, input) => {
    const issues = rejected(input);
    expect(issues.map((i) => i.code)).toEqual(["blueprint.not-object"]);
    expect(issues[0]!.path).toEqual([]);
  });

  it("blueprint.too-deep: rejects JSON nested 100,000 levels deep, naming where", () => {
    const deep = JSON.parse(`{"description":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const issues = rejected(deep);
    expect(issues.map((i) => i.code)).toEqual(["blueprint.too-deep"]);
    expect(issues[0]!.path.slice(0, 2)).toEqual(["description", 0]);
    expect(issues[0]!.path).toHaveLength(DEFAULT_INPUT_LIMITS.maxDepth);
    expect(issues[0]!.message).toMatch(/nested more than 96 levels/);
  });

  it("blueprint.too-deep: a nesting just inside the limit passes the guard", () => {
    let v: unknown = 1;
    for (let i = 0; i < DEFAULT_INPUT_LIMITS.maxDepth - 1; i++) v = [v];
    expect(guardInput({ x: v }).map((i) => i.code)).toEqual([]);
    expect(guardInput({ x: [v] }).map((i) => i.code)).toEqual(["blueprint.too-deep"]);
  });

  it("blueprint.too-large: rejects a 10 MB string", () => {
    const issues = rejected(broken((bp) => { bp.description = "x".repeat(10_000_000); }));
    expect(issues.map((i) => i.code)).toEqual(["blueprint.too-large"]);
    expect(issues[0]!.message).toMatch(/too large/);
  });

  it("blueprint.too-large: rejects 300,000 values and a sparse array of a billion slots, quickly", () => {
    expect(rejected(broken((bp) => { bp.fields = Array.from({ length: 300_000 }, () => 1); })).map((i) => i.code)).toEqual(["blueprint.too-large"]);
    const sparse: unknown[] = [];
    sparse.length = 1_000_000_000;
    expect(rejected({ pipelines: sparse }).map((i) => i.code)).toEqual(["blueprint.too-large"]);
  });

  it("blueprint.too-large: a DAG that shares one object many times cannot blow up the walk", () => {
    let v: unknown = { a: 1 };
    for (let i = 0; i < 60; i++) v = [v, v];
    expect(rejected({ x: v }).map((i) => i.code)).toEqual(["blueprint.too-large"]);
  });

  it.each(["__proto__", "constructor", "prototype"])("blueprint.forbidden-key: rejects '%s' parsed from JSON, at its path", (key) => {
    const text = JSON.stringify(validBlueprint()).replace('"label":"E-mail"', `"label":"E-mail","${key}":{"polluted":true}`);
    const input = JSON.parse(text);
    const issues = rejected(input);
    expect(issues).toEqual([expect.objectContaining({ code: "blueprint.forbidden-key", path: ["fields", 0, key] })]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("blueprint.forbidden-key: reports every occurrence (up to a cap)", () => {
    const input = JSON.parse('{"a":{"__proto__":1},"b":[{"constructor":2}],"c":{"prototype":3}}');
    expect(guardInput(input).map((i) => i.path)).toEqual([["a", "__proto__"], ["b", 0, "constructor"], ["c", "prototype"]]);
    const many = JSON.parse(`[${Array.from({ length: 100 }, () => '{"__proto__":1}').join(",")}]`);
    expect(guardInput({ many }).length).toBeLessThanOrEqual(20);
  });

  it("blueprint.cycle: reports an object that refers to itself instead of looping", () => {
    const bp = broken(() => undefined);
    bp.fields[0].self = bp.fields[0];
    bp.pipelines[0].stages[0].robots[0].params.back = bp;
    const issues = rejected(bp);
    expect(issues.map((i) => i.code)).toEqual(["blueprint.cycle", "blueprint.cycle"]);
    expect(issues.map((i) => i.path)).toEqual([["fields", 0, "self"], ["pipelines", 0, "stages", 0, "robots", 0, "params", "back"]]);
  });

  it("blueprint.cycle: the same object shared in two places is not a cycle", () => {
    const bp = broken(() => undefined);
    const label = { en: "Shared", ru: "Общий" };
    bp.fields[0].label = label;
    bp.fields[1].label = label;
    expect(validateBlueprint(bp).ok).toBe(true);
  });

  it("blueprint.unreadable: a throwing getter or a revoked proxy becomes an issue, not a crash", () => {
    const bp = broken(() => undefined);
    Object.defineProperty(bp, "fields", { enumerable: true, get() { throw new Error("boom"); } });
    expect(rejected(bp).map((i) => i.code)).toEqual(["blueprint.unreadable"]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(rejected({ ...validBlueprint(), description: proxy }).map((i) => i.code)).toEqual(["blueprint.unreadable"]);
  });

  it("odd values (functions, symbols, bigints, dates) are schema issues, not crashes", () => {
    const issues = rejected(broken((bp) => {
      bp.description = () => "x";
      bp.fields[0].label = Symbol("x");
      bp.surveys[0].scale.min = 10n;
      bp.calendars[0].holidays = [new Date()];
    }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["schema.invalid", ["description"]],
      ["schema.invalid", ["fields", 0, "label"]],
      ["schema.invalid", ["surveys", 0, "scale", "min"]],
      ["schema.invalid", ["calendars", 0, "holidays", 0]],
    ]);
    for (const i of issues) expect(i.message).toMatch(/should be/);
  });
});
