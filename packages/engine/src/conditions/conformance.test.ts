/**
 * The official JsonLogic test suite (shared/conformance/jsonlogic/tests.json): every case must pass.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileCondition } from "./index";

const suiteUrl = new URL("../../../../../shared/conformance/jsonlogic/tests.json", import.meta.url);
const entries = JSON.parse(readFileSync(suiteUrl, "utf8")) as unknown[];

// Strings are section titles; the rest are [rule, data, expected].
let section = "";
const cases: { name: string; rule: unknown; data: unknown; expected: unknown }[] = [];
for (const entry of entries) {
  if (typeof entry === "string") {
    section = entry.replace(/^#\s*/, "");
    continue;
  }
  const [rule, data, expected] = entry as [unknown, unknown, unknown];
  cases.push({ name: `${section}: ${JSON.stringify(rule)} on ${JSON.stringify(data)}`, rule, data, expected });
}

describe("JsonLogic conformance suite", () => {
  it("has all 278 cases", () => {
    expect(cases).toHaveLength(278);
  });

  it.each(cases)("$name", ({ rule, data, expected }) => {
    const condition = compileCondition(rule);
    expect(condition(data)).toStrictEqual(expected);
    // Compiled once, evaluated again: same answer, and the data is untouched.
    const snapshot = JSON.stringify(data);
    expect(condition(data)).toStrictEqual(expected);
    expect(JSON.stringify(data)).toBe(snapshot);
  });
});
