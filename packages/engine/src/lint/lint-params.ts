/**
 * Robot and trigger types and their params: every robot's and trigger's `type` must be known to the
 * registry and its `params` must fit that type's zod schema. Fills in `site.params` for the rules
 * that follow, so they only ever look at params that parsed.
 */
import type { z } from "zod";
import type { Issue } from "../errors";
import { cap, siteName, type LintContext } from "./context";
import type { Path } from "./describe";
import { fromZodIssue } from "./zod-issues";

function parse(ctx: LintContext, schema: z.ZodType, params: unknown, base: Path, name: string): { ok: boolean; data?: unknown } {
  try {
    const parsed = schema.safeParse(params);
    if (parsed.success) return { ok: true, data: parsed.data };
    const issues: Issue[] = parsed.error.issues.flatMap((i) => fromZodIssue(i, ctx.bp, base, "params.invalid"));
    ctx.issues.push(...issues);
  } catch (error) {
    ctx.report("plugin.error", base,
      `${cap(name)}: its type failed while checking its settings (${error instanceof Error ? error.message : String(error)}). Ask whoever installed that type to fix it.`);
  }
  return { ok: false };
}

/** Reports unknown types and params that do not fit; records parsed params on the sites. */
export function lintParams(ctx: LintContext): void {
  const robotTypes = [...ctx.registry.robots.keys()].join(", ");
  const triggerTypes = [...ctx.registry.triggers.keys()].join(", ");
  for (const site of ctx.robots) {
    const name = siteName("robot", site);
    if (!site.def) {
      ctx.report("robot.unknown-type", [...site.path, "type"],
        `${cap(name)} has type '${site.robot.type}', which this system does not know: choose one of ${robotTypes}, or install the plugin that provides it.`);
      continue;
    }
    const result = parse(ctx, site.def.params, site.robot.params, [...site.path, "params"], name);
    if (result.ok) site.params = result.data;
  }
  for (const site of ctx.triggers) {
    const name = siteName("trigger", site);
    if (!site.def) {
      ctx.report("trigger.unknown-type", [...site.path, "type"],
        `${cap(name)} has type '${site.trigger.type}', which this system does not know: choose one of ${triggerTypes}, or install the plugin that provides it.`);
      continue;
    }
    const result = parse(ctx, site.def.params, site.trigger.params, [...site.path, "params"], name);
    if (result.ok) site.params = result.data;
  }
}
