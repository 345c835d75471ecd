/**
 * The stable catalogue of validation and lint issue codes. Codes never change meaning; new ones
 * may be added. Tools (the editor, the server's draft store, CI scripts) may match on them.
 */

/** Every issue code `validateBlueprint` and `lintBlueprint` can report, with a one-line description. */
export const LINT_CODES: Readonly<Record<string, string>> = Object.freeze({
  // Input guards (before the schema is even looked at)
  "blueprint.not-object": "The blueprint is not a JSON object.",
  "blueprint.too-deep": "The JSON is nested deeper than the limit (64 levels).",
  "blueprint.too-large": "The JSON is larger than the limit (5,000,000 characters or 200,000 values).",
  "blueprint.forbidden-key": "A key `__proto__`, `constructor` or `prototype` appears somewhere in the JSON.",
  "blueprint.cycle": "The object refers to itself (only possible for objects built in code, not JSON).",
  "blueprint.unreadable": "The object could not be read (a throwing getter or proxy passed by an embedder).",
  // Shape
  "schema.invalid": "A value does not have the shape Blueprint v1 requires (wrong type, missing, unknown option).",
  "params.invalid": "A robot's or trigger's params do not fit its type's schema.",
  "plugin.error": "A custom robot or trigger type threw while its params were being checked.",
  "lint.internal-error": "The checker itself failed on this blueprint (a bug to report); the blueprint is treated as invalid.",
  "robot.unknown-type": "A robot's type is neither built in nor registered.",
  "trigger.unknown-type": "A trigger's type is neither built in nor registered.",
  // Ids and fields
  "id.duplicate": "An id is used twice in its scope (fields, activity types, surveys, calendars, pipelines, robots, triggers; stages within a pipeline; options within a field).",
  "field.reserved-name": "A field id is a deal core attribute or a JavaScript object name.",
  "field.options-missing": "An enum field has no options.",
  "field.options-not-enum": "A field that is not an enum has options.",
  // References
  "ref.unknown-field": "A field id names no field of the blueprint.",
  "ref.unknown-stage": "A stage id names no stage of the pipeline it refers to.",
  "ref.unknown-pipeline": "A pipeline id names no pipeline of the blueprint.",
  "ref.unknown-robot": "A robot id names no robot of the blueprint.",
  "ref.unknown-survey": "A survey id names no survey of the blueprint.",
  "ref.unknown-activity-type": "An activity type id names no activity type of the blueprint.",
  "ref.unknown-calendar": "`defaultCalendar` (or a calendar reference) names no calendar of the blueprint.",
  "ref.not-a-task-robot": "Warning: a trigger waits for tasks of a robot that never creates tasks.",
  // Pipelines, stages, transitions
  "pipeline.success-count": "A pipeline does not have exactly one success stage.",
  "pipeline.no-failure": "A pipeline has no failure stage.",
  "pipeline.no-process-stage": "A pipeline has no process stage for new deals to start in.",
  "pipeline.transitions-empty": "Warning: a pipeline's transitions list is empty, so no deal can ever move.",
  "stage.unreachable": "With a transitions list, no path leads to the stage from the first process stage (or a tunnel's target).",
  "transition.unknown-stage": "A transition's `from` or `to` names no stage of its pipeline.",
  "transition.from-final": "Warning: a transition starts at a success or failure stage, which deals never leave by a move.",
  "trigger.never-fires": "Warning: a trigger on the first process stage without `allowBackward` has no earlier stage to pull deals from.",
  "change-stage.from-final": "Warning: a 'move to a stage' robot sits on a success or failure stage, which deals never leave by a move.",
  // Tunnels and loops
  "tunnel.immediate-cycle": "Tunnels (with immediate stage moves) send deals round a loop with no delay anywhere in it.",
  "tunnel.move-from-final": "A tunnel in `move` mode sits on a success or failure stage.",
  "stage.immediate-cycle": "Immediate 'move to a stage' robots send deals round a loop of stages with no delay anywhere in it.",
  // requireFields
  "require-fields.unknown-field": "A 'require fields' robot names a field the blueprint does not have.",
  "require-fields.delay": "A 'require fields' robot has a delay; it is a guard and checks every move at once.",
  // Timing
  "timing.not-date-field": "A delay or deadline counts from a field that is not a date or datetime field.",
  "timing.no-calendar": "A delay or deadline counts working time, but the blueprint has no `defaultCalendar`.",
  "timing.bad-event-type": "A deadline waits for an event type that is no known trigger type.",
  // Calendars and surveys
  "calendar.bad-time-zone": "A calendar's time zone is not an IANA time zone.",
  "calendar.no-working-days": "A calendar has no working days.",
  "calendar.bad-hours": "A calendar's working hours do not start before they end.",
  "survey.bad-scale": "A survey's scale does not run from a lower to a higher number.",
  "survey.bad-bands": "A survey's bands are outside its scale, overlap, leave gaps or are out of order.",
  // Conditions and templates
  "condition.unknown-operator": "A condition uses an operator json-logic (as Voronka runs it) does not have.",
  "condition.bad-arguments": "A condition's operator has the wrong number or kind of arguments, or is not an object with one key.",
  "condition.too-deep": "A condition is nested deeper than the limit (32 levels).",
  "condition.too-large": "A condition has more parts (2,000) or a longer text (10,000 characters) than the limit.",
  "condition.unknown-var": "A condition reads a variable outside its context (`deal.…` with known fields, `event.…` with what the event carries there).",
  "template.unknown-path": "A notification or webhook template uses a placeholder that is not `{{deal.<attribute>}}` or `{{deal.fields.<field>}}`.",
  // Activity norms
  "norm.unknown-activity-type": "An activity norm names an activity type the blueprint does not have.",
  "norm.duplicate": "Two activity norms are set for the same activity type and role.",
});

/** Codes reported with `severity: "warning"`: shown to the admin, but they never block publishing. */
export const WARNING_CODES: ReadonlySet<string> = new Set([
  "pipeline.transitions-empty",
  "transition.from-final",
  "trigger.never-fires",
  "change-stage.from-final",
  "ref.not-a-task-robot",
]);
