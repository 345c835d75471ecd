/**
 * The JSON blueprints for integrators: every `examples/blueprints/*.json` validates with no issues
 * and no warnings, and the committed standards JSON equals the TypeScript blueprint.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createMemoryStore, validateBlueprint } from "@voronka/engine";
import { testEngine } from "@voronka/engine/testing";
import { describe, expect, it } from "vitest";
import { blueprintToJson, standardsBlueprint } from "../src/index";

const examples = fileURLToPath(new URL("../../../examples/blueprints/", import.meta.url));
const files = readdirSync(examples).filter((f) => f.endsWith(".json")).sort();
const read = (path: string): string => readFileSync(path, "utf8");
const STALE = "is out of date: run `pnpm --filter @voronka/standards export-json` and commit the result";

describe("example blueprints", () => {
  it("include the standards and the small agency", () => {
    expect(files).toEqual(expect.arrayContaining(["small-agency.json", "standards.json"]));
  });

  it.each(files)("%s is valid with no issues and no warnings", (file) => {
    const result = validateBlueprint(JSON.parse(read(`${examples}${file}`)));
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.warnings ?? []).toEqual([]);
  });

  it.each([
    ["examples/blueprints/standards.json", `${examples}standards.json`],
    ["packages/standards/blueprint.json", fileURLToPath(new URL("../blueprint.json", import.meta.url))],
  ])("%s equals the TypeScript blueprint", (name, path) => {
    const text = read(path);
    expect(JSON.parse(text), `${name} ${STALE}`).toEqual(JSON.parse(JSON.stringify(standardsBlueprint)));
    expect(text === blueprintToJson(standardsBlueprint), `${name} ${STALE} (formatting)`).toBe(true);
  });

  it("the small agency runs: attaching the brief moves the deal to the proposal", async () => {
    const blueprint = JSON.parse(read(`${examples}small-agency.json`));
    const { engine } = testEngine(blueprint, { store: createMemoryStore() });
    const deal = await engine.createDeal({ pipeline: "projects", title: "Landing page", responsible: "ann" });
    expect((await engine.tasks({ deal: deal.id })).map((t) => [t.robot, t.deadline])).toEqual([["brief-task", "2026-03-02T13:00:00.000Z"]]);
    await engine.updateDeal(deal.id, { briefFile: { name: "brief.pdf", url: "https://files.example.ru/brief.pdf" } }, { actor: { user: "ann" } });
    expect((await engine.deal(deal.id)).record.stage).toBe("proposal");
  });
});
