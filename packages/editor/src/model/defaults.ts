/**
 * What new things look like: a starter blueprint, a new pipeline, stage, robot or trigger with
 * params that make sense for the built-in types (custom types start with `{}` and their form).
 */
import type { Blueprint, Pipeline, Robot, Stage, Trigger } from "@voronka/engine";

/** Starting params for built-in robot types; a custom type starts empty. */
const ROBOT_PARAMS: Record<string, Record<string, unknown>> = {
  createTask: { title: { en: "New task", ru: "Новая задача" }, responsible: { kind: "dealResponsible" }, deadline: { after: "P1D", workingTime: true } },
  requireFields: { fields: [], scope: "enter" },
  copyToTunnel: { pipeline: "", stage: "", mode: "copy", carry: "all" },
  sendSurvey: { survey: "", recipient: { field: "" }, channel: "link" },
  setField: { field: "", value: "" },
  changeResponsible: { to: { kind: "supervisor" } },
  changeStage: { stage: "" },
  notify: { to: { kind: "dealResponsible" }, text: { en: "Deal {{deal.title}} needs attention", ru: "Сделка {{deal.title}} требует внимания" } },
  webhook: { url: "https://example.com/hook", method: "POST" },
};

/** Starting params for built-in trigger types. */
const TRIGGER_PARAMS: Record<string, Record<string, unknown>> = {
  taskCompleted: {},
  fieldChanged: { fields: [] },
  surveyAnswered: {},
  activity: { types: [] },
  webhook: {},
  overdue: {},
};

/**
 * A new robot of `type` with id `id`. Deadlines count working time only when the blueprint has
 * a default calendar (otherwise that would be a lint error from the start).
 */
export function newRobot(type: string, id: string, options: { workingTime?: boolean } = {}): Robot {
  const params = structuredClone(ROBOT_PARAMS[type] ?? {});
  const deadline = params["deadline"] as Record<string, unknown> | undefined;
  if (deadline && !options.workingTime) delete deadline["workingTime"];
  return { id, type, params };
}

/** A new trigger of `type` with id `id`. */
export function newTrigger(type: string, id: string): Trigger {
  return { id, type, params: structuredClone(TRIGGER_PARAMS[type] ?? {}) };
}

/** A new process stage. */
export function newStage(id: string, label: Stage["label"], kind: Stage["kind"] = "process"): Stage {
  return { id, label, kind, robots: [], triggers: [] };
}

/** A new pipeline with one process stage, a success and a failure stage, so it lints clean. */
export function newPipeline(id: string, label: Pipeline["label"]): Pipeline {
  return {
    id,
    label,
    stages: [
      newStage("new", { en: "New", ru: "Новая" }),
      newStage("won", { en: "Won", ru: "Успех" }, "success"),
      newStage("lost", { en: "Lost", ru: "Провал" }, "failure"),
    ],
  };
}

/** The blueprint the editor starts with when there is no server draft: one small pipeline. */
export function starterBlueprint(): Blueprint {
  return {
    format: "voronka.blueprint/v1",
    id: "my-blueprint",
    name: { en: "My pipelines", ru: "Мои воронки" },
    fields: [],
    activityTypes: [],
    surveys: [],
    calendars: [],
    pipelines: [newPipeline("sales", { en: "Sales", ru: "Продажи" })],
  };
}
