import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { TriggerDefinition } from "../registry/definitions";

export const TaskCompletedParams = z.object({ robot: SlugSchema.optional() });
export type TaskCompletedParams = z.infer<typeof TaskCompletedParams>;

/** `taskCompleted`: a task (of a given robot, or any) was completed. */
export const taskCompletedTrigger: TriggerDefinition<TaskCompletedParams> = {
  type: "taskCompleted",
  label: { en: "Task completed", ru: "Задача выполнена" },
  help: {
    en: "Pulls the deal here when a task is completed — a task of the chosen robot, or any task.",
    ru: "Переводит сделку сюда, когда выполнена задача — задача выбранного робота или любая.",
  },
  params: TaskCompletedParams,
  eventFields: ["task", "robot"],
  references(params) {
    return params.robot ? [{ kind: "robot", id: params.robot, path: ["robot"] }] : [];
  },
  matches(params, event) {
    return params.robot === undefined || event["robot"] === params.robot;
  },
};
