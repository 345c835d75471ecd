/**
 * Writes the standards blueprint as JSON for integrators: `packages/standards/blueprint.json` and
 * `examples/blueprints/standards.json` (both the same: two-space indent, trailing newline).
 *
 *   pnpm --filter @voronka/standards export-json
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { blueprintToJson, standardsBlueprint } from "../src/index";

const targets = [
  new URL("../blueprint.json", import.meta.url),
  new URL("../../../examples/blueprints/standards.json", import.meta.url),
];
const text = blueprintToJson(standardsBlueprint);
for (const target of targets) {
  writeFileSync(target, text);
  console.log(`wrote ${fileURLToPath(target)} (${text.length} characters)`);
}
