/**
 * Ids and fields: ids unique in their scope, field ids that are not reserved names, and enum
 * options where (and only where) a field is an enum.
 */
import { DEAL_CORE_ATTRIBUTES, FIELD_TYPES } from "../blueprint/blueprint.schema";
import type { LintContext } from "./context";
import type { Path } from "./describe";

/** Names a field may not take: the deal's core attributes and JavaScript's object names. */
export const RESERVED_FIELD_IDS: ReadonlySet<string> = new Set<string>([
  ...DEAL_CORE_ATTRIBUTES, "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__proto__",
]);

interface Named {
  id: string;
  path: Path;
  /** Where the thing is, for the message ("in pipeline 'sales'"). */
  place: string;
}

function checkUnique(ctx: LintContext, kind: string, items: Named[], hint: string): void {
  const first = new Map<string, Named>();
  for (const item of items) {
    if (typeof item.id !== "string") continue;
    const earlier = first.get(item.id);
    if (earlier === undefined) {
      first.set(item.id, item);
      continue;
    }
    const where = earlier.place === item.place ? "" : ` (also used ${earlier.place})`;
    ctx.report("id.duplicate", item.path,
      `${kind} '${item.id}'${item.place ? ` ${item.place}` : ""} is listed twice${where}: ${hint}`);
  }
}

/** `id.duplicate`, `field.reserved-name`, `field.options-missing`, `field.options-not-enum`. */
export function lintIds(ctx: LintContext): void {
  const { bp } = ctx;
  const top = (key: "fields" | "activityTypes" | "surveys" | "calendars" | "pipelines") =>
    (bp[key] as { id: string }[]).map((item, i): Named => ({ id: item?.id, path: [key, i, "id"], place: "" }));
  checkUnique(ctx, "Field", top("fields"), "give each field its own id.");
  checkUnique(ctx, "Activity type", top("activityTypes"), "give each activity type its own id.");
  checkUnique(ctx, "Survey", top("surveys"), "give each survey its own id.");
  checkUnique(ctx, "Calendar", top("calendars"), "give each calendar its own id.");
  checkUnique(ctx, "Pipeline", top("pipelines"), "give each pipeline its own id.");
  checkUnique(ctx, "Robot", ctx.robots.map((s) => ({
    id: s.robot.id, path: [...s.path, "id"], place: `on stage '${s.stage.id}' of pipeline '${s.pipeline.id}'`,
  })), "robot ids must be unique across the whole blueprint, so give this one its own id.");
  checkUnique(ctx, "Trigger", ctx.triggers.map((s) => ({
    id: s.trigger.id, path: [...s.path, "id"], place: `on stage '${s.stage.id}' of pipeline '${s.pipeline.id}'`,
  })), "trigger ids must be unique across the whole blueprint, so give this one its own id.");
  bp.pipelines.forEach((pipeline, p) => {
    checkUnique(ctx, "Stage", pipeline.stages.map((stage, s) => ({
      id: stage?.id, path: ["pipelines", p, "stages", s, "id"], place: `in pipeline '${pipeline.id}'`,
    })), "give each stage its own id.");
  });

  bp.fields.forEach((field, f) => {
    if (RESERVED_FIELD_IDS.has(field.id)) {
      const core = (DEAL_CORE_ATTRIBUTES as readonly string[]).includes(field.id);
      ctx.report("field.reserved-name", ["fields", f, "id"], core
        ? `Field '${field.id}' has the name of a built-in deal attribute (every deal already has '${field.id}'): give the field another id, e.g. '${field.id}Extra'.`
        : `Field '${field.id}' has a name the system reserves: give the field another id.`);
    }
    const options = field.options;
    if (!(FIELD_TYPES as readonly string[]).includes(field.type)) return; // a schema issue already
    if (field.type === "enum") {
      if (options === undefined || options.length === 0) {
        ctx.report("field.options-missing", options === undefined ? ["fields", f] : ["fields", f, "options"],
          `Field '${field.id}' is a choice list (enum) without options: add the options people can choose from.`);
      } else {
        checkUnique(ctx, "Option", options.map((o, i) => ({ id: o?.id, path: ["fields", f, "options", i, "id"], place: `of field '${field.id}'` })),
          "give each option its own id.");
      }
    } else if (options !== undefined) {
      ctx.report("field.options-not-enum", ["fields", f, "options"],
        `Field '${field.id}' is a ${field.type} field but has options: remove the options, or make the field a choice list (enum).`);
    }
  });
}
