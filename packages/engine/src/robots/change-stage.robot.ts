import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { RobotDefinition } from "../registry/definitions";

export const ChangeStageParams = z.object({ stage: SlugSchema });
export type ChangeStageParams = z.infer<typeof ChangeStageParams>;

/** `changeStage`: moves the deal to another stage of its pipeline; the target's guards still apply. */
export const changeStageRobot: RobotDefinition<ChangeStageParams> = {
  type: "changeStage",
  label: { en: "Move to a stage", ru: "Сменить стадию" },
  help: {
    en: "Moves the deal to another stage of the same pipeline. Guards apply: a blocked move leaves the deal where it is and is recorded in its history.",
    ru: "Переводит сделку на другую стадию той же воронки. Проверки действуют: если переход заблокирован, сделка остаётся на месте, а причина записывается в историю.",
  },
  params: ChangeStageParams,
  references(params) {
    return [{ kind: "stage", id: params.stage, path: ["stage"] }];
  },
  execute({ params }) {
    return [{ type: "stage.change", stage: params.stage }];
  },
  simulated: true,
};
