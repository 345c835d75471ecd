/**
 * The Blueprint v1 JSON Schema (draft 2020-12), generated from the zod schema. Robots and triggers
 * are spelled out per type: one variant per registered type (its `type` as a constant, its params
 * schema from the registry) plus a generic variant for any other (custom) type, so editors and
 * integrators get completion and checks for the built-ins without shutting out plugins.
 */
import { z } from "zod";
import {
  ActivityNormSchema, ActivityTypeSchema, BlueprintSchema, CalendarSchema, DeadlineSchema, DelaySchema, DurationSchema,
  FieldSchema, JsonLogicSchema, PipelineSchema, ResponsibleSchema, RobotSchema, SignedDurationSchema, SlugSchema,
  StageSchema, SurveySchema, TextSchema, TimeOfDaySchema, TransitionSchema, TriggerSchema,
} from "../blueprint/blueprint.schema";
import { BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS, Registry } from "../registry/registry";

/** The schema's `$id`. */
export const BLUEPRINT_SCHEMA_ID = "https://voronka.dev/schema/blueprint.v1.json";

type Meta = { id: string; description?: string };

/** Named parts of the blueprint, extracted to `$defs` and described for editors. */
const NAMED: readonly [z.ZodType, string, string][] = [
  [SlugSchema, "Slug", "An id: a lower-case letter first, then letters, digits, '-' or '_' (no dots: dots are json-logic paths)."],
  [TextSchema, "Text", "A label: plain text, or one text per locale with English required: { \"en\": \"…\", \"ru\": \"…\" }."],
  [JsonLogicSchema, "JsonLogic", "A json-logic rule (https://jsonlogic.com) over { deal, event }."],
  [DurationSchema, "Duration", "An ISO-8601 duration, e.g. PT30M, PT4H, P2D."],
  [SignedDurationSchema, "SignedDuration", "An ISO-8601 duration that may start with '-' (before the date), e.g. -P3D."],
  [TimeOfDaySchema, "TimeOfDay", "A local time of day as HH:MM."],
  [ResponsibleSchema, "Responsible", "Who: the deal's responsible, their supervisor, a named user, or the next of a round-robin list."],
  [DelaySchema, "Delay", "When a robot runs: after a duration from stage entry, relative to a date field, or at an instant. Absent: at once."],
  [DeadlineSchema, "Deadline", "A task's deadline: after a duration from its creation, relative to a date field, at an instant, or after an event."],
  [FieldSchema, "Field", "A deal field. Options only for enum fields."],
  [ActivityTypeSchema, "ActivityType", "A kind of activity logged on deals (call, meeting, …)."],
  [ActivityNormSchema, "ActivityNorm", "How many activities of a type a manager should log per day."],
  [SurveySchema, "Survey", "An NPS-style survey: a question, a score scale and its detractor/passive/promoter bands."],
  [CalendarSchema, "Calendar", "A working calendar: time zone, working days (1 = Monday) and hours, holidays."],
  [TransitionSchema, "Transition", "An allowed move within a pipeline ('*' = from any process stage), with an optional guard."],
];

function describedRegistry(): z.core.$ZodRegistry<Meta> {
  const registry = z.registry<Meta>();
  for (const [schema, id, description] of NAMED) registry.add(schema, { id, description });
  return registry;
}

/**
 * Generates the Blueprint v1 JSON Schema. Pure: the same registry gives the same document. By
 * default the built-in robot and trigger types only (what the committed `blueprint.schema.json`
 * holds), whatever custom types this process has registered.
 *
 * @example
 * writeFileSync("blueprint.schema.json", JSON.stringify(blueprintJsonSchema(), null, 2) + "\n");
 */
export function blueprintJsonSchema(registry: Registry = new Registry(BUILT_IN_ROBOTS, BUILT_IN_TRIGGERS)): Record<string, unknown> {
  const meta = describedRegistry();
  const robotTypes = [...registry.robots.keys()];
  const triggerTypes = [...registry.triggers.keys()];

  const customRobotType = z.string().min(1);
  const customTriggerType = z.string().min(1);
  const robotVariants = [...registry.robots.values()].map((def) => {
    const variant = RobotSchema.extend({
      type: z.literal(def.type),
      params: def.params,
      // A guard (requireFields) checks every move at once: it never has a delay.
      ...(def.guard ? { delay: z.never().optional() } : {}),
    });
    meta.add(variant, { id: `Robot_${def.type}`, description: `A '${def.type}' robot.` });
    return variant;
  });
  const customRobot = RobotSchema.extend({ type: customRobotType });
  meta.add(customRobot, { id: "Robot_custom", description: "A robot of a custom type (registered by a plugin): its params are checked by that type." });
  const triggerVariants = [...registry.triggers.values()].map((def) => {
    const variant = TriggerSchema.extend({ type: z.literal(def.type), params: def.params });
    const fields = def.eventFields.length ? ` Its conditions may read event.type, ${def.eventFields.map((f) => `event.${f}`).join(", ")}.` : "";
    meta.add(variant, { id: `Trigger_${def.type}`, description: `A '${def.type}' trigger.${fields}` });
    return variant;
  });
  const customTrigger = TriggerSchema.extend({ type: customTriggerType });
  meta.add(customTrigger, { id: "Trigger_custom", description: "A trigger of a custom type (registered by a plugin): its params are checked by that type." });

  const robot = z.union([...robotVariants, customRobot]);
  meta.add(robot, { id: "Robot", description: "An automatic action run when a deal enters the stage (at once, or after its delay)." });
  const trigger = z.union([...triggerVariants, customTrigger]);
  meta.add(trigger, { id: "Trigger", description: "An event that pulls a deal of this pipeline into the stage." });
  const stage = StageSchema.extend({ robots: z.array(robot), triggers: z.array(trigger) });
  meta.add(stage, { id: "Stage", description: "A stage: process stages in order, then exactly one success and at least one failure stage per pipeline." });
  const pipeline = PipelineSchema.extend({ stages: z.array(stage).min(1) });
  meta.add(pipeline, { id: "Pipeline", description: "A pipeline (funnel): its stages in order and, optionally, the moves it allows." });
  const blueprint = BlueprintSchema.extend({ pipelines: z.array(pipeline).min(1) });

  const generated = z.toJSONSchema(blueprint, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    metadata: meta,
    override: (ctx) => {
      const json = ctx.jsonSchema as Record<string, unknown>;
      if (ctx.zodSchema === customRobotType) json["not"] = { enum: robotTypes };
      else if (ctx.zodSchema === customTriggerType) json["not"] = { enum: triggerTypes };
      const description = z.globalRegistry.get(ctx.zodSchema)?.description;
      if (description !== undefined && json["description"] === undefined) json["description"] = description;
    },
  }) as Record<string, unknown>;

  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: BLUEPRINT_SCHEMA_ID,
    title: "Voronka blueprint v1",
    description: "A Voronka blueprint: the fields, activity types, surveys, calendars and pipelines (stages with their robots and triggers) of a sales department. Generated from the engine's zod schema by `pnpm --filter @voronka/engine schema`; do not edit by hand.",
    ...rest,
  };
}
