import { z } from "zod";
import { ResponsibleSchema } from "../blueprint/blueprint.schema";
import type { RobotDefinition } from "../registry/definitions";

export const ChangeResponsibleParams = z.object({ to: ResponsibleSchema });
export type ChangeResponsibleParams = z.infer<typeof ChangeResponsibleParams>;

/** `changeResponsible`: hands the deal to a person, the supervisor, or the next in a round-robin. */
export const changeResponsibleRobot: RobotDefinition<ChangeResponsibleParams> = {
  type: "changeResponsible",
  label: { en: "Change the responsible", ru: "Сменить ответственного" },
  help: {
    en: "Gives the deal to a named person, to the current responsible's supervisor, or to the next person in a round-robin list (leads are shared out evenly).",
    ru: "Передаёт сделку указанному сотруднику, руководителю ответственного или следующему по очереди из списка (равномерное распределение лидов).",
  },
  params: ChangeResponsibleParams,
  execute({ params }) {
    return [{ type: "responsible.change", to: params.to }];
  },
  simulated: true,
};
