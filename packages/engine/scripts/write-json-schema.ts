/**
 * Writes `blueprint.schema.json` (the Blueprint v1 JSON Schema) next to package.json from the zod
 * schema and the built-in robot and trigger types. Run with `pnpm --filter @voronka/engine schema`
 * after changing a schema; `test/json-schema.test.ts` fails while the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { blueprintJsonSchema } from "../src/lint/blueprint-json-schema";

const target = fileURLToPath(new URL("../blueprint.schema.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
