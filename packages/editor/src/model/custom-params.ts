/**
 * Params of custom robots and triggers, checked in the browser against the JSON Schema the
 * server's catalogue gives for their type (the server checks them with the type's own zod schema;
 * the browser has only the JSON Schema). Issues read like the engine's `params.invalid`.
 */
import type { Blueprint, CatalogueEntry, Issue } from "@voronka/engine";
import validator from "@rjsf/validator-ajv8";
import type { RJSFSchema } from "@rjsf/utils";
import { customEntries } from "./registry";

/** Lists every custom robot's and trigger's params problem, with the engine's path convention. */
export function customParamIssues(bp: Blueprint, catalogue: readonly CatalogueEntry[]): Issue[] {
  const custom = customEntries(catalogue);
  if (!custom.length) return [];
  const schemas = new Map(custom.map((e) => [`${e.kind}:${e.type}`, e.params as RJSFSchema]));
  const issues: Issue[] = [];
  bp.pipelines.forEach((p, pi) => {
    p.stages.forEach((s, si) => {
      for (const kind of ["robot", "trigger"] as const) {
        const list = kind === "robot" ? s.robots : s.triggers;
        list.forEach((item, ii) => {
          const schema = schemas.get(`${kind}:${item.type}`);
          if (!schema) return;
          const { errors } = validator.rawValidation(schema, item.params);
          for (const e of errors ?? []) {
            const where = (e as { instancePath?: string }).instancePath ?? "";
            const path = where.split("/").filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
            issues.push({
              code: "params.invalid",
              severity: "error",
              path: ["pipelines", pi, "stages", si, kind === "robot" ? "robots" : "triggers", ii, "params", ...path],
              message: `The ${kind} '${item.id}' on stage '${s.id}' of pipeline '${p.id}': ${where ? `'${path.join(".")}' ` : "params "}${e.message ?? "is not valid"}.`,
            });
          }
        });
      }
    });
  });
  return issues;
}
