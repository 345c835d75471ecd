import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { TriggerDefinition } from "../registry/definitions";

export const ActivityParams = z.object({ types: z.array(SlugSchema).min(1) });
export type ActivityParams = z.infer<typeof ActivityParams>;

/** `activity`: a call, meeting, chat or other activity of the listed types was logged on the deal. */
export const activityTrigger: TriggerDefinition<ActivityParams> = {
  type: "activity",
  label: { en: "Activity logged", ru: "Зафиксирована активность" },
  help: {
    en: "Pulls the deal here when an activity of one of these types is logged (a call, a meeting, a CP sent…).",
    ru: "Переводит сделку сюда, когда зафиксирована активность одного из типов (звонок, встреча, отправка КП…).",
  },
  params: ActivityParams,
  eventFields: ["activityType", "at", "data"],
  references(params) {
    return params.types.map((id, i) => ({ kind: "activityType" as const, id, path: ["types", i] }));
  },
  matches(params, event) {
    return typeof event["activityType"] === "string" && params.types.includes(event["activityType"]);
  },
};
