import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LINT_CODES, WARNING_CODES } from "./codes";

const here = fileURLToPath(new URL(".", import.meta.url));
const conditions = fileURLToPath(new URL("../conditions/", import.meta.url));
const CODE = /"((?:blueprint|schema|params|plugin|lint|id|field|ref|robot|trigger|pipeline|stage|transition|change-stage|tunnel|require-fields|timing|calendar|survey|condition|template|norm)\.[a-z]+(?:-[a-z]+)*)"/g;

function codesIn(dir: string): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".ts") || file.includes(".test")) continue;
    // Code, not comments (which may quote event types such as "stage.entered").
    const text = readFileSync(dir + file, "utf8").split("\n").filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join("\n");
    for (const m of text.matchAll(CODE)) found.add(m[1]!);
  }
  return found;
}

describe("the issue code catalogue", () => {
  it("holds every code the lint sources and the condition analyzer can report", () => {
    const catalogue = new Set(Object.keys(LINT_CODES));
    for (const code of codesIn(here)) expect(catalogue, `${code} is reported but not in LINT_CODES`).toContain(code);
    for (const code of codesIn(conditions)) expect(catalogue, `${code} (condition analyzer) is not in LINT_CODES`).toContain(code);
  });

  it("codes are dotted kebab-case with a one-line description", () => {
    for (const [code, description] of Object.entries(LINT_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
      expect(description).not.toContain("\n");
      expect(description.length).toBeGreaterThan(10);
    }
    for (const code of WARNING_CODES) expect(LINT_CODES).toHaveProperty([code]);
  });

  it("README.md documents every code, with its severity, in one table", () => {
    const readme = readFileSync(`${here}README.md`, "utf8");
    const rows = [...readme.matchAll(/^\| `([^`]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.keys(LINT_CODES).map((code) => [code, WARNING_CODES.has(code) ? "warning" : "error"]));
  });
});
