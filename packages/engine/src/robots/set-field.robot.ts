import { z } from "zod";
import { JsonLogicSchema, SlugSchema } from "../blueprint/blueprint.schema";
import type { RobotDefinition } from "../registry/definitions";

export const SetFieldParams = z.union([
  z.object({ field: SlugSchema, value: z.unknown() }).strict(),
  z.object({ field: SlugSchema, expression: JsonLogicSchema }).strict(),
]);
export type SetFieldParams = z.infer<typeof SetFieldParams>;

/** `setField`: sets a field to a value or to a json-logic expression's result; raises `fieldChanged`. */
export const setFieldRobot: RobotDefinition<SetFieldParams> = {
  type: "setField",
  label: { en: "Set a field", ru: "Изменить поле" },
  help: {
    en: "Sets a field to a fixed value or to a computed expression. The change can fire 'field changed' triggers at once.",
    ru: "Записывает в поле значение или результат выражения. Изменение может сразу запустить триггеры «поле изменилось».",
  },
  params: SetFieldParams,
  references(params) {
    return params.field === "amount" || params.field === "title" || params.field === "client" || params.field === "currency"
      ? []
      : [{ kind: "field", id: params.field, path: ["field"] }];
  },
  conditions(params) {
    return "expression" in params ? [{ path: ["expression"], rule: params.expression }] : [];
  },
  execute({ params, evaluate }) {
    const value = "expression" in params ? evaluate(params.expression) : params.value;
    return [{ type: "field.set", field: params.field, value }];
  },
  simulated: true,
};
