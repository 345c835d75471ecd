/**
 * Differential property test: on random rules over a grammar of safe operators, our compiled
 * conditions give exactly what json-logic-js 2.0.5 gives.
 *
 * Legitimate differences are excluded by construction:
 * - `var` never descends into a string (`"s.length"`, `"s.0"`): json-logic-js reads String.prototype
 *   members and indexes; we read own properties of objects and arrays only and return null.
 * - `var` names never name prototype members (`constructor`, `toString`...): json-logic-js returns
 *   functions and prototypes there; we return null (see compile-condition.test.ts).
 * - Every operator gets an argument count we accept (e.g. `and` with at least one, `!` with exactly
 *   one, `<` with two or three): json-logic-js accepts any count and ignores extras or reads
 *   `undefined`; we reject such rules at compile time.
 * - The second argument of `in` is a literal array, a literal string or an expression, never a
 *   literal number/boolean/null, which we reject at compile time (json-logic-js: always false).
 */
import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileCondition } from "./index";

const DATA = [
  { a: 1, b: { c: "x", d: [1, 2] }, s: "hello", n: null, z: 0, t: true, f: false, list: [1, "2", 3], empty: [], zero: "0", num: "42" },
  { a: "1", b: { c: "", d: [] }, s: "", n: 5, z: -1, t: "true", f: [], list: ["x", "hello"], empty: [0], zero: 0, num: 42 },
  { a: null, b: null, s: "b2b", list: [], zero: "", num: "4.5e1" },
];

const VAR_NAMES = ["", "a", "b", "b.c", "b.d", "b.d.1", "b.nope", "s", "n", "n.x", "z", "t", "f", "list", "list.0",
  "list.1", "list.length", "empty", "empty.length", "zero", "num", "nope"];

const primitive = fc.oneof(
  fc.integer({ min: -3, max: 50 }),
  fc.constantFrom(-0.5, 1.5, 42),
  fc.constantFrom("", "0", "1", "2", "x", "hello", "42", "b2b", " 7 ", "true"),
  fc.boolean(),
  fc.constant(null),
);
const varName = fc.constantFrom(...VAR_NAMES);
const varRead = fc.oneof(
  varName.map((name) => ({ var: name })),
  fc.tuple(varName, primitive).map(([name, dflt]) => ({ var: [name, dflt] })),
);
const arrayLiteral = fc.array(primitive, { maxLength: 4 });
const leaf = fc.oneof({ weight: 3, arbitrary: primitive }, { weight: 4, arbitrary: varRead }, { weight: 1, arbitrary: arrayLiteral });

const { rule } = fc.letrec<{ rule: unknown; op: unknown }>((tie) => {
  const call = (op: string, min: number, max: number) =>
    fc.array(tie("rule"), { minLength: min, maxLength: max }).map((args) => ({ [op]: args }));
  return {
    rule: fc.oneof({ depthSize: "small", maxDepth: 5, withCrossShrink: true }, leaf, tie("op")),
    op: fc.oneof(
      call("==", 2, 2), call("===", 2, 2), call("<", 2, 3), call(">", 2, 2),
      call("and", 1, 3), call("or", 1, 3), call("!", 1, 1), call("if", 0, 5),
      call("+", 0, 3), call("-", 1, 2), call("*", 1, 3), call("cat", 0, 3),
      fc.tuple(tie("rule"), fc.oneof(arrayLiteral, fc.constantFrom("", "hello", "b2b", "x"), varRead, tie("op")))
        .map((args) => ({ in: args })),
    ),
  };
});

function theirs(r: unknown, data: unknown): unknown {
  return jsonLogic.apply(r as Parameters<typeof jsonLogic.apply>[0], data);
}

describe("differential: compiled conditions agree with json-logic-js", () => {
  it("on random rules over safe operators", () => {
    fc.assert(
      fc.property(rule, fc.constantFrom(...DATA), (r, data) => {
        expect(compileCondition(r)(data)).toStrictEqual(theirs(r, data));
      }),
      { numRuns: 3000 },
    );
  });

  it("on the blueprint-style rules used by the benchmark", () => {
    const rules = [
      { and: [{ ">=": [{ var: "deal.amount" }, 100000] }, { in: [{ var: "deal.fields.segment" }, ["b2b", "b2c"]] }, { "!": { var: "deal.fields.lossReason" } }] },
      { missing: ["deal.amount", "deal.fields.segment", "contact.email"] },
      { if: [{ var: "contact.name" }, { cat: ["Hello, ", { var: "contact.name" }] }, "Hello"] },
    ];
    const data = [
      { deal: { amount: 150000, fields: { segment: "b2b" } }, contact: { name: "Ann", email: "a@x" } },
      { deal: { amount: 90000, fields: { segment: "b2g", lossReason: "price" } }, contact: {} },
      { deal: null },
      {},
    ];
    for (const r of rules) for (const d of data) expect(compileCondition(r)(d)).toStrictEqual(theirs(r, d));
  });
});
