import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { TriggerDefinition } from "../registry/definitions";

export const OverdueParams = z.object({ robot: SlugSchema.optional() });
export type OverdueParams = z.infer<typeof OverdueParams>;

/** `overdue`: a task (of a given robot, or any) passed its deadline unfinished. */
export const overdueTrigger: TriggerDefinition<OverdueParams> = {
  type: "overdue",
  label: { en: "Task overdue", ru: "Задача просрочена" },
  help: {
    en: "Pulls the deal here when a task passes its deadline unfinished — a task of the chosen robot, or any.",
    ru: "Переводит сделку сюда, когда задача не выполнена в срок — задача выбранного робота или любая.",
  },
  params: OverdueParams,
  eventFields: ["task", "robot", "deadline"],
  references(params) {
    return params.robot ? [{ kind: "robot", id: params.robot, path: ["robot"] }] : [];
  },
  matches(params, event) {
    return params.robot === undefined || event["robot"] === params.robot;
  },
};
