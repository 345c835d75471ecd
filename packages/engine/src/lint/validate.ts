/**
 * `validateBlueprint` and `lintBlueprint`: input guards, the zod schema, every robot's and
 * trigger's params against its type, and the lint rules — every issue at once.
 */
import { BlueprintSchema, type Blueprint } from "../blueprint/blueprint.schema";
import type { Issue, Result } from "../errors";
import { defaultRegistry, type Registry } from "../registry/registry";
import { keepIndependent } from "./best-effort";
import { createContext, type LintContext } from "./context";
import { guardInput } from "./guard-input";
import { lintCalendarsAndSurveys } from "./lint-calendars";
import { lintConditions } from "./lint-conditions";
import { lintIds } from "./lint-ids";
import { lintParams } from "./lint-params";
import { lintPipelines } from "./lint-pipelines";
import { lintReferences } from "./lint-references";
import { lintTunnels } from "./lint-tunnels";
import { fromZodIssue } from "./zod-issues";

/** The rules in the order their issues are listed. `lintParams` comes first: later rules use the parsed params. */
const RULES: readonly ((ctx: LintContext) => void)[] = [
  lintParams, lintIds, lintPipelines, lintReferences, lintTunnels, lintCalendarsAndSurveys, lintConditions,
];

function runRules(blueprint: Blueprint, registry: Registry, bestEffort: boolean): Issue[] {
  let ctx: LintContext;
  try {
    ctx = createContext(blueprint, registry);
  } catch (error) {
    return bestEffort ? [] : [internalError(error)];
  }
  for (const rule of RULES) {
    try {
      rule(ctx);
    } catch (error) {
      // On a blueprint that failed the schema a rule may trip over a malformed part the schema
      // issues already point at; on a valid one it is a bug, and the blueprint must not pass.
      if (!bestEffort) ctx.issues.push(internalError(error));
    }
  }
  return ctx.issues;
}

function internalError(error: unknown): Issue {
  return {
    code: "lint.internal-error", path: [], severity: "error",
    message: `The blueprint checker failed (${error instanceof Error ? error.message : String(error)}); the blueprint cannot be published until this is fixed. Please report it.`,
  };
}

/**
 * Lints a structurally valid blueprint (one that passed `BlueprintSchema`): robot and trigger types
 * and params, ids, references, pipelines, tunnels, calendars, surveys and conditions. Answers every
 * issue, errors and warnings (`severity: "warning"`) alike, in a stable order; never throws.
 *
 * @example
 * const issues = lintBlueprint(blueprint, defaultRegistry());
 * const errors = issues.filter((i) => i.severity !== "warning");
 */
export function lintBlueprint(blueprint: Blueprint, registry: Registry): Issue[] {
  return runRules(blueprint, registry, false);
}

/**
 * Validates any input as a Blueprint v1: input guards (size, depth, forbidden keys, cycles), the
 * zod schema, each robot's and trigger's params against its type's schema (paths such as
 * `["pipelines",0,"stages",2,"robots",1,"params","deadline"]`), and lint. Every issue at once: when
 * the schema fails, the lint rules still run as far as they can, and those of their issues that
 * may only echo a schema problem are held back (see `best-effort.ts`). A blueprint with any error
 * is never `ok`; warnings never make it fail and come back in `warnings` either way. Never throws.
 *
 * @example
 * const result = validateBlueprint(JSON.parse(text));
 * if (!result.ok) for (const issue of result.issues) console.log(issue.path.join("."), issue.message);
 */
export function validateBlueprint(input: unknown, options: { registry?: Registry } = {}): Result<Blueprint> & { warnings?: Issue[] } {
  const registry = options.registry ?? defaultRegistry();
  const guard = guardInput(input);
  if (guard.length > 0) return { ok: false, issues: guard };

  let parsed: ReturnType<typeof BlueprintSchema.safeParse>;
  try {
    parsed = BlueprintSchema.safeParse(input);
  } catch (error) {
    return {
      ok: false,
      issues: [{ code: "blueprint.unreadable", path: [], severity: "error", message: `The blueprint could not be read: ${error instanceof Error ? error.message : String(error)}. Pass plain JSON data.` }],
    };
  }

  let issues: Issue[];
  if (parsed.success) {
    issues = lintBlueprint(parsed.data, registry);
  } else {
    const schemaIssues = parsed.error.issues.flatMap((i) => fromZodIssue(i, input, [], "schema.invalid"));
    issues = [...schemaIssues, ...keepIndependent(runRules(input as Blueprint, registry, true), schemaIssues)];
  }
  const errors = issues.filter((i) => i.severity !== "warning");
  const warnings = issues.filter((i) => i.severity === "warning");
  if (errors.length > 0 || !parsed.success) {
    return warnings.length > 0 ? { ok: false, issues: errors, warnings } : { ok: false, issues: errors };
  }
  return warnings.length > 0 ? { ok: true, value: parsed.data, warnings } : { ok: true, value: parsed.data };
}
