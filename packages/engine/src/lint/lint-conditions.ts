/**
 * Conditions: every json-logic rule in the blueprint (robot and trigger conditions, transition
 * guards, rules inside params such as a `setField` expression or a deadline's `afterEvent.match`)
 * must compile within the limits and read only what its context has:
 * `{ deal: { id, …, fields: { <field ids> } }, event: { <what the event carries there> } }`.
 */
import { DEAL_CORE_ATTRIBUTES } from "../blueprint/blueprint.schema";
import { analyzeCondition } from "../conditions";
import { cap, siteName, type LintContext, type RobotSite } from "./context";
import { settingName, valueAt, type Path } from "./describe";

/** The deal attributes a condition may read (`deal.<name>`), as in DESIGN.md "Conditions". */
export const CONDITION_DEAL_ATTRIBUTES: readonly string[] = [
  "id", "externalId", "title", "amount", "currency", "pipeline", "stage", "status", "responsible", "client",
  "createdAt", "stageEnteredAt", "fields",
];

/** What `event` carries in an immediate robot's condition: `{ type: "stage.entered", from, by }`. */
export const ROBOT_EVENT_FIELDS: readonly string[] = ["type", "from", "by"];
/** What `event` carries in a delayed robot's condition: `{ type: "timer", robot }`. */
export const TIMER_EVENT_FIELDS: readonly string[] = ["type", "robot"];
/** What `event` carries in a guard (`requireFields`) or a transition's guard: `{ type: "move", from, to, by }`. */
export const MOVE_EVENT_FIELDS: readonly string[] = ["type", "from", "to", "by"];

/** `null` means: the event's shape is unknown here (an unknown type), so `event.*` is not checked. */
type EventFields = readonly string[] | null;

function varProblem(name: string, event: EventFields, fieldIds: ReadonlySet<string>): string | null {
  if (name === "") return null;
  const parts = name.split(".");
  const [head, second, third] = parts;
  if (head === "deal") {
    if (second === undefined) return null;
    if (!CONDITION_DEAL_ATTRIBUTES.includes(second)) {
      const field = fieldIds.has(second) ? ` ('${second}' is a field: use deal.fields.${second})` : "";
      return `reads '${name}', which is not a deal attribute${field}: use deal.title, deal.amount, deal.stage, … or deal.fields.<field id>`;
    }
    if (second === "fields") {
      if (third === undefined || fieldIds.has(third)) return null;
      const core = (DEAL_CORE_ATTRIBUTES as readonly string[]).includes(third) ? ` ('${third}' is a deal attribute: use deal.${third})` : "";
      return `reads '${name}', but the blueprint has no field '${third}'${core}: add the field, or choose an existing one`;
    }
    if (parts.length > 2) return `reads '${name}', but deal.${second} has nothing inside it: use deal.${second}`;
    return null;
  }
  if (head === "event") {
    if (second === undefined || event === null || event.includes(second)) return null;
    return `reads '${name}', but here the event carries only ${event.map((f) => `event.${f}`).join(", ")}`;
  }
  return `reads '${name}', which is neither deal.… nor event.…: use deal.<attribute>, deal.fields.<field id> or event.<…>`;
}

/** Analyzes one rule and reports its problems and its unknown variables, at their place in the blueprint. */
function lintRule(ctx: LintContext, rule: unknown, base: Path, subject: string, event: EventFields, fieldIds: ReadonlySet<string>): void {
  const analysis = analyzeCondition(rule);
  for (const issue of analysis.issues) {
    ctx.report(issue.code, [...base, ...issue.path], `${cap(subject)}: ${issue.message}.`.replace(/\.\.$/, "."));
  }
  for (const v of analysis.vars) {
    if (v.scoped) continue;
    const problem = varProblem(v.name, event, fieldIds);
    if (problem !== null) ctx.report("condition.unknown-var", [...base, ...v.path], `${cap(subject)} ${problem}.`);
  }
}

function eventOfTrigger(ctx: LintContext, type: unknown): EventFields {
  const def = typeof type === "string" ? ctx.registry.triggers.get(type) : undefined;
  return def && Array.isArray(def.eventFields) ? ["type", ...def.eventFields] : null;
}

function robotEvent(site: RobotSite): EventFields {
  if (site.def?.guard) return MOVE_EVENT_FIELDS;
  return site.robot.delay === undefined ? ROBOT_EVENT_FIELDS : TIMER_EVENT_FIELDS;
}

function paramRules(ctx: LintContext, site: RobotSite): { path: Path; rule: unknown }[] {
  if (!site.def?.conditions || site.params === undefined) return [];
  try {
    const rules: unknown = site.def.conditions(site.params as never);
    return Array.isArray(rules) ? rules.filter((r): r is { path: Path; rule: unknown } => typeof r === "object" && r !== null && Array.isArray(r.path)) : [];
  } catch (error) {
    ctx.report("plugin.error", [...site.path, "params"],
      `${cap(siteName("robot", site))}: its type failed while listing the conditions in its settings (${error instanceof Error ? error.message : String(error)}). Ask whoever installed that type to fix it.`);
    return [];
  }
}

/** `condition.*`: operators, limits and variables of every rule in the blueprint. */
export function lintConditions(ctx: LintContext): void {
  const fieldIds = new Set(ctx.fields.keys());
  for (const site of ctx.robots) {
    const name = siteName("robot", site);
    if (site.robot.condition !== undefined) {
      lintRule(ctx, site.robot.condition, [...site.path, "condition"], `the condition of ${name}`, robotEvent(site), fieldIds);
    }
    for (const { path, rule } of paramRules(ctx, site)) {
      // A rule named `match` beside a `type` matches an event of that type (a deadline's afterEvent).
      const parent = valueAt(site.params, path.slice(0, -1)) as { type?: unknown } | undefined;
      const isMatch = path[path.length - 1] === "match" && typeof parent?.type === "string";
      const subject = isMatch
        ? `the event match of ${name}`
        : `the ${settingName(path)} of ${name}`;
      lintRule(ctx, rule, [...site.path, "params", ...path], subject, isMatch ? eventOfTrigger(ctx, parent.type) : robotEvent(site), fieldIds);
    }
  }
  for (const site of ctx.triggers) {
    if (site.trigger.condition === undefined) continue;
    lintRule(ctx, site.trigger.condition, [...site.path, "condition"], `the condition of ${siteName("trigger", site)}`,
      eventOfTrigger(ctx, site.trigger.type), fieldIds);
  }
  ctx.bp.pipelines.forEach((pipeline, p) => {
    if (!Array.isArray(pipeline.transitions)) return;
    pipeline.transitions.forEach((t, i) => {
      if (t.guard === undefined) return;
      lintRule(ctx, t.guard, ["pipelines", p, "transitions", i, "guard"],
        `the guard of transition #${i + 1} (${t.from} → ${t.to}) of pipeline '${pipeline.id}'`, MOVE_EVENT_FIELDS, fieldIds);
    });
  });
}
