import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { RobotDefinition } from "../registry/definitions";

export const RequireFieldsParams = z.object({
  fields: z.array(z.union([SlugSchema, z.literal("amount"), z.literal("client"), z.literal("title")])).min(1),
  scope: z.enum(["enter", "leave"]),
});
export type RequireFieldsParams = z.infer<typeof RequireFieldsParams>;

/** `requireFields`: a guard, not an action — the deal cannot enter (or leave forward) without these fields. */
export const requireFieldsRobot: RobotDefinition<RequireFieldsParams> = {
  type: "requireFields",
  label: { en: "Require fields", ru: "Обязательные поля" },
  help: {
    en: "Blocks a move until these fields are filled: on 'enter', to enter this stage; on 'leave', to move on to a later stage or to success (never blocks a move to failure).",
    ru: "Не пускает сделку дальше, пока поля не заполнены: «вход» — чтобы попасть на стадию; «выход» — чтобы перейти дальше или в успех (переход в провал не блокируется).",
  },
  params: RequireFieldsParams,
  guard: true,
  references(params) {
    return params.fields
      .map((id, i) => ({ kind: "field" as const, id, path: ["fields", i] }))
      .filter((r) => r.id !== "amount" && r.id !== "client" && r.id !== "title");
  },
  simulated: true,
};
