/**
 * Blueprint v1 in zod: exactly the normative shapes of DESIGN.md. Robot and trigger `params` are
 * checked here only as objects; each type's own schema checks them in `validateBlueprint`, so a
 * custom type registered by an embedder validates the same way as a built-in one.
 */
import { z } from "zod";
import { DURATION_PATTERN, SIGNED_DURATION_PATTERN, TIME_OF_DAY_PATTERN } from "../time/duration";

/** An id: starts with a lower-case letter; no dots, because dots are json-logic paths. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_-]*$/, "Use a letter first, then letters, digits, '-' or '_' (no dots or spaces)")
  .max(64);
export type Slug = z.infer<typeof SlugSchema>;

/** A label: plain text, or one text per locale with English required (`{ en, ru? }`). */
export const TextSchema = z.union([
  z.string().min(1).max(2000),
  z.object({ en: z.string().min(1).max(2000), ru: z.string().max(2000).optional() }).catchall(z.string().max(2000)),
]);
export type Text = z.infer<typeof TextSchema>;

/** A json-logic rule. Its operators, `var` paths, size and depth are checked by the linter. */
export const JsonLogicSchema = z.unknown().describe("A json-logic rule (https://jsonlogic.com)");
export type JsonLogic = unknown;

/** An ISO-8601 duration such as `PT30M` or `P2D`. */
export const DurationSchema = z.string().regex(DURATION_PATTERN, "Use an ISO-8601 duration such as PT30M, PT4H or P2D");
/** An ISO-8601 duration that may start with `-` (before a date). */
export const SignedDurationSchema = z.string().regex(SIGNED_DURATION_PATTERN, "Use an ISO-8601 duration such as P3D or -P3D");
export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY_PATTERN, "Use a time of day as HH:MM, e.g. 09:00");
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const IsoDateSchema = z.iso.date();

export const FIELD_TYPES = [
  "string", "text", "number", "money", "boolean", "date", "datetime", "enum",
  "url", "email", "phone", "address", "file", "user", "booking",
] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export const FieldSchema = z.object({
  id: SlugSchema,
  label: TextSchema,
  type: FieldTypeSchema,
  options: z.array(z.object({ id: SlugSchema, label: TextSchema })).optional(),
  multiple: z.boolean().optional(),
  help: TextSchema.optional(),
}).strict();
export type Field = z.infer<typeof FieldSchema>;

export const ActivityTypeSchema = z.object({ id: SlugSchema, label: TextSchema }).strict();
export type ActivityType = z.infer<typeof ActivityTypeSchema>;

export const ActivityNormSchema = z.object({
  activityType: SlugSchema,
  perDay: z.number().nonnegative(),
  role: z.literal("manager").optional(),
}).strict();
export type ActivityNorm = z.infer<typeof ActivityNormSchema>;

const Band = z.tuple([z.int(), z.int()]);
export const SurveySchema = z.object({
  id: SlugSchema,
  question: TextSchema,
  followUp: TextSchema.optional(),
  scale: z.object({ min: z.int(), max: z.int() }),
  bands: z.object({ detractor: Band, passive: Band, promoter: Band }),
}).strict();
export type Survey = z.infer<typeof SurveySchema>;

export const CalendarSchema = z.object({
  id: SlugSchema,
  timeZone: z.string().min(1).describe("IANA time zone, e.g. Europe/Moscow"),
  workingDays: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7)])),
  hours: z.object({ from: TimeOfDaySchema, to: TimeOfDaySchema }),
  holidays: z.array(IsoDateSchema),
}).strict();
export type Calendar = z.infer<typeof CalendarSchema>;

/** When a delayed robot runs: after a time from stage entry, relative to a date field, or at an instant. */
export const DelaySchema = z.union([
  z.object({ after: DurationSchema, workingTime: z.boolean().optional() }).strict(),
  z.object({ field: SlugSchema, offset: SignedDurationSchema, time: TimeOfDaySchema.optional(), workingTime: z.boolean().optional() }).strict(),
  z.object({ at: IsoDateTimeSchema }).strict(),
]);
export type Delay = z.infer<typeof DelaySchema>;

/** A task's deadline: from its creation, relative to a date field, at an instant, or after an event. */
export const DeadlineSchema = z.union([
  z.object({ after: DurationSchema, workingTime: z.boolean().optional() }).strict(),
  z.object({ field: SlugSchema, offset: SignedDurationSchema, time: TimeOfDaySchema.optional(), workingTime: z.boolean().optional() }).strict(),
  z.object({ at: IsoDateTimeSchema }).strict(),
  z.object({
    afterEvent: z.object({ type: z.string().min(1), match: JsonLogicSchema.optional() }).strict(),
    after: DurationSchema,
    workingTime: z.boolean().optional(),
  }).strict(),
]);
export type Deadline = z.infer<typeof DeadlineSchema>;

/** Who a task or notification is for, by role wherever possible so blueprints stay portable. */
export const ResponsibleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("dealResponsible") }).strict(),
  z.object({ kind: z.literal("supervisor") }).strict(),
  z.object({ kind: z.literal("user"), user: z.string().min(1) }).strict(),
  z.object({ kind: z.literal("roundRobin"), users: z.array(z.string().min(1)).min(1) }).strict(),
]);
export type Responsible = z.infer<typeof ResponsibleSchema>;

export const ParamsSchema = z.record(z.string(), z.unknown());

export const RobotSchema = z.object({
  id: SlugSchema,
  type: z.string().min(1),
  params: ParamsSchema,
  delay: DelaySchema.optional(),
  condition: JsonLogicSchema.optional(),
  enabled: z.boolean().optional(),
}).strict();
export type Robot = z.infer<typeof RobotSchema>;

export const TriggerSchema = z.object({
  id: SlugSchema,
  type: z.string().min(1),
  params: ParamsSchema,
  condition: JsonLogicSchema.optional(),
  allowBackward: z.boolean().optional(),
}).strict();
export type Trigger = z.infer<typeof TriggerSchema>;

export const StageKindSchema = z.enum(["process", "success", "failure"]);
export type StageKind = z.infer<typeof StageKindSchema>;

export const StageSchema = z.object({
  id: SlugSchema,
  label: TextSchema,
  kind: StageKindSchema,
  robots: z.array(RobotSchema),
  triggers: z.array(TriggerSchema),
  /** Editor metadata (position, colour); other keys are kept for editors' own use. */
  ui: z.object({ color: z.string().optional(), x: z.number().optional(), y: z.number().optional() }).catchall(z.unknown()).optional(),
}).strict();
export type Stage = z.infer<typeof StageSchema>;

export const TransitionSchema = z.object({
  from: z.union([SlugSchema, z.literal("*")]),
  to: SlugSchema,
  guard: JsonLogicSchema.optional(),
  label: TextSchema.optional(),
}).strict();
export type Transition = z.infer<typeof TransitionSchema>;

export const PipelineSchema = z.object({
  id: SlugSchema,
  label: TextSchema,
  stages: z.array(StageSchema).min(1),
  transitions: z.union([z.literal("any"), z.array(TransitionSchema)]).optional(),
  ui: z.object({ color: z.string().optional() }).catchall(z.unknown()).optional(),
}).strict();
export type Pipeline = z.infer<typeof PipelineSchema>;

/** A whole blueprint: what an admin draws, an integrator imports and the standards ship. */
export const BlueprintSchema = z.object({
  format: z.literal("voronka.blueprint/v1"),
  id: SlugSchema,
  name: TextSchema,
  description: TextSchema.optional(),
  fields: z.array(FieldSchema),
  activityTypes: z.array(ActivityTypeSchema),
  surveys: z.array(SurveySchema),
  calendars: z.array(CalendarSchema),
  defaultCalendar: SlugSchema.optional(),
  activityNorms: z.array(ActivityNormSchema).optional(),
  pipelines: z.array(PipelineSchema).min(1),
  /** Editor metadata for the whole canvas. */
  ui: z.record(z.string(), z.unknown()).optional(),
}).strict();
export type Blueprint = z.infer<typeof BlueprintSchema>;

/** The deal's core attributes: reserved names that no field may take. */
export const DEAL_CORE_ATTRIBUTES = [
  "id", "externalId", "title", "pipeline", "stage", "status", "amount", "currency", "responsible",
  "client", "source", "createdAt", "stageEnteredAt", "closedAt", "version",
] as const;

/** Field values a request may set besides blueprint fields. */
export const SETTABLE_CORE_ATTRIBUTES = ["title", "amount", "currency", "client"] as const;
