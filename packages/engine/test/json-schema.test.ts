import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS, Registry, registerRobot } from "../src/registry/registry";
import { BLUEPRINT_SCHEMA_ID, blueprintJsonSchema } from "../src/lint/blueprint-json-schema";

const file = fileURLToPath(new URL("../blueprint.schema.json", import.meta.url));

describe("blueprint.schema.json", () => {
  it("is what the generator produces now (if not: run `pnpm schema` in packages/engine and commit the file)", () => {
    const committed = readFileSync(file, "utf8");
    const expected = `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`;
    expect(committed === expected, "packages/engine/blueprint.schema.json is stale: run `pnpm schema` (pnpm --filter @voronka/engine schema) and commit it").toBe(true);
  });

  it("is a draft 2020-12 schema with its $id, title and description", () => {
    const schema = blueprintJsonSchema();
    expect(schema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: BLUEPRINT_SCHEMA_ID,
      title: expect.any(String),
      description: expect.any(String),
      type: "object",
    });
    expect((schema["required"] as string[])).toEqual(expect.arrayContaining(["format", "id", "name", "fields", "pipelines"]));
  });

  it("spells out one robot variant per built-in type plus a generic one for custom types; likewise triggers", () => {
    const defs = blueprintJsonSchema()["$defs"] as Record<string, any>;
    expect(defs["Robot"].anyOf.map((v: { $ref: string }) => v.$ref)).toEqual([
      ...BUILT_IN_ROBOTS.map((r) => `#/$defs/Robot_${r.type}`), "#/$defs/Robot_custom",
    ]);
    expect(defs["Trigger"].anyOf.map((v: { $ref: string }) => v.$ref)).toEqual([
      ...BUILT_IN_TRIGGERS.map((t) => `#/$defs/Trigger_${t.type}`), "#/$defs/Trigger_custom",
    ]);
    expect(defs["Robot_createTask"].properties.type).toEqual({ type: "string", const: "createTask" });
    expect(defs["Robot_createTask"].properties.params.required).toEqual(["title", "responsible"]);
    expect(defs["Robot_requireFields"].properties.delay).toEqual({ not: {} });
    expect(defs["Robot_custom"].properties.type.not).toEqual({ enum: BUILT_IN_ROBOTS.map((r) => r.type) });
    expect(defs["Trigger_custom"].properties.type.not).toEqual({ enum: BUILT_IN_TRIGGERS.map((t) => t.type) });
    expect(defs["Stage"].properties.robots.items).toEqual({ $ref: "#/$defs/Robot" });
  });

  it("is pure: custom types registered in the process do not leak into the default document", () => {
    const before = JSON.stringify(blueprintJsonSchema());
    registerRobot({ type: "schemaTestRobot", label: "Test", help: "", params: z.object({ x: z.string() }), execute: () => [] });
    expect(JSON.stringify(blueprintJsonSchema())).toBe(before);
  });

  it("takes a registry: its custom types get their own variants", () => {
    const registry = new Registry(BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS).with([{
      robots: [{ type: "sendSlack", label: "Slack", help: "", params: z.object({ channel: z.string() }), execute: () => [] }],
    }]);
    const defs = blueprintJsonSchema(registry)["$defs"] as Record<string, any>;
    expect(defs["Robot_sendSlack"].properties.params.properties.channel).toEqual({ type: "string" });
    expect(defs["Robot_custom"].properties.type.not.enum).toContain("sendSlack");
  });
});
