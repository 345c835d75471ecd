import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { TriggerDefinition } from "../registry/definitions";

const CORE = ["title", "amount", "currency", "client"];
export const FieldChangedParams = z.object({ fields: z.array(SlugSchema).min(1) });
export type FieldChangedParams = z.infer<typeof FieldChangedParams>;

/** `fieldChanged`: one of the named fields changed (by a person, an integration or a robot). */
export const fieldChangedTrigger: TriggerDefinition<FieldChangedParams> = {
  type: "fieldChanged",
  label: { en: "Field changed", ru: "Поле изменилось" },
  help: {
    en: "Pulls the deal here when one of these fields changes. Use the condition to look at the new value (event.new).",
    ru: "Переводит сделку сюда, когда меняется одно из полей. Условием можно проверить новое значение (event.new).",
  },
  params: FieldChangedParams,
  eventFields: ["field", "old", "new"],
  references(params) {
    return params.fields
      .map((id, i) => ({ kind: "field" as const, id, path: ["fields", i] }))
      .filter((r) => !CORE.includes(r.id));
  },
  matches(params, event) {
    return typeof event["field"] === "string" && params.fields.includes(event["field"]);
  },
};
