/**
 * References: every name a robot's or trigger's params use (through its type's `references()`),
 * robot delays, task deadlines, templates, the default calendar and activity norms must point at
 * something the blueprint has, of the right kind.
 */
import { DEAL_CORE_ATTRIBUTES, type Deadline } from "../blueprint/blueprint.schema";
import type { Reference } from "../registry/definitions";
import { BUILT_IN_ROBOTS } from "../registry/registry";
import { templatePathProblem, templatePaths } from "../runtime/template";
import { cap, siteName, type LintContext, type RobotSite, type TriggerSite } from "./context";
import type { Path } from "./describe";

const DATE_TYPES = new Set(["date", "datetime"]);
const TASK_TRIGGERS = new Set(["taskCompleted", "overdue"]);
const MAX_TEMPLATE_DEPTH = 32;

function coreHint(id: string): string {
  return (DEAL_CORE_ATTRIBUTES as readonly string[]).includes(id) ? ` ('${id}' is a built-in deal attribute, not a field)` : "";
}

/** Checks a delay or a deadline: its date field, its working time, its event type. */
function lintTiming(ctx: LintContext, spec: Deadline, path: Path, subject: string): void {
  if (typeof spec !== "object" || spec === null) return;
  if ("field" in spec && typeof spec.field === "string") {
    const field = ctx.fields.get(spec.field);
    if (!field) {
      ctx.report("ref.unknown-field", [...path, "field"],
        `${cap(subject)} counts from field '${spec.field}', which the blueprint does not have${coreHint(spec.field)}: choose a date field.`);
    } else if (!DATE_TYPES.has(field.type)) {
      ctx.report("timing.not-date-field", [...path, "field"],
        `${cap(subject)} counts from field '${spec.field}', which is a ${field.type} field: choose a date field.`);
    }
  }
  if ("workingTime" in spec && spec.workingTime === true && ctx.bp.defaultCalendar === undefined) {
    ctx.report("timing.no-calendar", [...path, "workingTime"],
      `${cap(subject)} counts working time, but the blueprint has no default calendar: add a calendar with working days and hours and make it the default, or turn off working time.`);
  }
  if ("afterEvent" in spec && !ctx.registry.triggers.has(spec.afterEvent.type)) {
    ctx.report("timing.bad-event-type", [...path, "afterEvent", "type"],
      `${cap(subject)} waits for an event '${spec.afterEvent.type}', which is not a known trigger type: choose one of ${[...ctx.registry.triggers.keys()].join(", ")}.`);
  }
}

/** Checks the placeholders of every string in a template (a Text or a webhook body). */
function lintTemplate(ctx: LintContext, template: unknown, path: Path, subject: string): void {
  const fieldIds = new Set(ctx.fields.keys());
  const walk = (value: unknown, at: Path, depth: number): void => {
    if (depth > MAX_TEMPLATE_DEPTH) return;
    if (typeof value === "string") {
      for (const placeholder of templatePaths(value)) {
        const problem = templatePathProblem(placeholder, fieldIds);
        if (problem !== null) ctx.report("template.unknown-path", at, `${cap(subject)}: ${problem}.`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...at, i], depth + 1));
    } else if (typeof value === "object" && value !== null) {
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], [...at, key], depth + 1);
    }
  };
  walk(template, path, 0);
}

type Owner = { kind: "robot"; site: RobotSite } | { kind: "trigger"; site: TriggerSite };

function lintReference(ctx: LintContext, ref: Reference, owner: Owner): void {
  const { site } = owner;
  const subject = siteName(owner.kind, site);
  const path: Path = [...site.path, "params", ...ref.path];
  switch (ref.kind) {
    case "field":
    case "dateField": {
      const field = ctx.fields.get(ref.id);
      if (!field) {
        const guard = owner.kind === "robot" && owner.site.def?.guard === true;
        ctx.report(guard ? "require-fields.unknown-field" : "ref.unknown-field", path, guard
          ? `${cap(subject)} requires field '${ref.id}', which the blueprint does not have${coreHint(ref.id)}: add the field, or remove it from the list.`
          : `${cap(subject)} uses field '${ref.id}', which the blueprint does not have${coreHint(ref.id)}: add the field, or choose an existing one.`);
      } else if (ref.kind === "dateField" && !DATE_TYPES.has(field.type)) {
        ctx.report("timing.not-date-field", path, `${cap(subject)} uses field '${ref.id}' as a date, but it is a ${field.type} field: choose a date field.`);
      }
      return;
    }
    case "survey":
      if (!ctx.surveys.has(ref.id)) ctx.report("ref.unknown-survey", path, `${cap(subject)} uses survey '${ref.id}', which the blueprint does not have: add the survey, or choose an existing one.`);
      return;
    case "activityType":
      if (!ctx.activityTypes.has(ref.id)) ctx.report("ref.unknown-activity-type", path, `${cap(subject)} uses activity type '${ref.id}', which the blueprint does not have: add it to the activity types, or choose an existing one.`);
      return;
    case "calendar":
      if (!ctx.calendars.has(ref.id)) ctx.report("ref.unknown-calendar", path, `${cap(subject)} uses calendar '${ref.id}', which the blueprint does not have: add the calendar, or choose an existing one.`);
      return;
    case "pipeline":
      if (!ctx.pipelines.has(ref.id)) ctx.report("ref.unknown-pipeline", path, `${cap(subject)} goes to pipeline '${ref.id}', which the blueprint does not have: choose an existing pipeline.`);
      return;
    case "stage": {
      // Without a pipeline, the robot's own (even if its id is doubled: that is reported apart).
      const pipelineId = ref.pipeline ?? site.pipeline.id;
      const pipeline = ref.pipeline === undefined ? site.pipeline : ctx.pipelines.get(pipelineId);
      if (pipeline && !pipeline.stages.some((s) => s.id === ref.id)) {
        ctx.report("ref.unknown-stage", path, `${cap(subject)} goes to stage '${ref.id}', which pipeline '${pipelineId}' does not have: choose one of ${pipeline.stages.map((s) => `'${s.id}'`).join(", ")}.`);
      }
      return;
    }
    case "robot": {
      const target = ctx.robotsById.get(ref.id);
      if (!target) {
        ctx.report("ref.unknown-robot", path, `${cap(subject)} names robot '${ref.id}', which the blueprint does not have: choose an existing robot, or leave it empty for any.`);
      } else if (owner.kind === "trigger" && TASK_TRIGGERS.has(site.def?.type ?? "") && target.def && BUILT_IN_ROBOTS.includes(target.def) && target.def.type !== "createTask") {
        ctx.report("ref.not-a-task-robot", path, `${cap(subject)} waits for a task of robot '${ref.id}', but that robot (${target.robot.type}) never creates tasks: choose a 'create a task' robot.`);
      }
      return;
    }
    case "template":
      lintTemplate(ctx, ref.template, path, subject);
      return;
    case "timing":
      lintTiming(ctx, ref.spec, path, `the ${ref.path.includes("deadline") ? "task deadline" : "timing"} of ${subject}`);
      return;
  }
}

function referencesOf(ctx: LintContext, owner: Owner): Reference[] {
  const { site } = owner;
  if (!site.def?.references || site.params === undefined) return [];
  try {
    const refs: unknown = site.def.references(site.params as never);
    // A custom type may answer anything: keep the well-formed references only.
    return Array.isArray(refs) ? refs.filter((r): r is Reference => typeof r === "object" && r !== null && Array.isArray(r.path)) : [];
  } catch (error) {
    ctx.report("plugin.error", [...site.path, "params"],
      `${cap(siteName(owner.kind, site))}: its type failed while listing what its settings refer to (${error instanceof Error ? error.message : String(error)}). Ask whoever installed that type to fix it.`);
    return [];
  }
}

/** `ref.*`, `require-fields.*`, `timing.*`, `template.unknown-path`, `norm.*`. */
export function lintReferences(ctx: LintContext): void {
  const { bp } = ctx;
  for (const site of ctx.robots) {
    if (site.robot.delay !== undefined) {
      if (site.def?.guard) {
        ctx.report("require-fields.delay", [...site.path, "delay"],
          `${cap(siteName("robot", site))} requires fields, which is checked at every move, so it cannot wait: remove its delay.`);
      } else {
        lintTiming(ctx, site.robot.delay, [...site.path, "delay"], `the delay of ${siteName("robot", site)}`);
      }
    }
    for (const ref of referencesOf(ctx, { kind: "robot", site })) lintReference(ctx, ref, { kind: "robot", site });
  }
  for (const site of ctx.triggers) {
    for (const ref of referencesOf(ctx, { kind: "trigger", site })) lintReference(ctx, ref, { kind: "trigger", site });
  }
  if (bp.defaultCalendar !== undefined && !ctx.calendars.has(bp.defaultCalendar)) {
    ctx.report("ref.unknown-calendar", ["defaultCalendar"],
      `The default calendar '${bp.defaultCalendar}' is not one of the blueprint's calendars: choose one of them${ctx.calendars.size ? ` (${[...ctx.calendars].map((c) => `'${c}'`).join(", ")})` : ", or add it"}.`);
  }
  const norms = new Set<string>();
  (bp.activityNorms ?? []).forEach((norm, i) => {
    if (!ctx.activityTypes.has(norm.activityType)) {
      ctx.report("norm.unknown-activity-type", ["activityNorms", i, "activityType"],
        `The activity norm for '${norm.activityType}' names an activity type the blueprint does not have: add it to the activity types, or choose an existing one.`);
    }
    const key = `${norm.activityType}\u0000${norm.role ?? ""}`;
    if (norms.has(key)) {
      ctx.report("norm.duplicate", ["activityNorms", i],
        `The activity norm for '${norm.activityType}'${norm.role ? ` (role ${norm.role})` : ""} is set twice: keep one.`);
    }
    norms.add(key);
  });
}
