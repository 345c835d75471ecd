import { z } from "zod";
import { DeadlineSchema, ResponsibleSchema, TextSchema } from "../blueprint/blueprint.schema";
import type { Reference, RobotDefinition } from "../registry/definitions";

export const CreateTaskParams = z.object({
  title: TextSchema,
  description: TextSchema.optional(),
  responsible: ResponsibleSchema,
  deadline: DeadlineSchema.optional(),
  checklist: z.array(TextSchema).optional(),
  keepOnExit: z.boolean().optional(),
});
export type CreateTaskParams = z.infer<typeof CreateTaskParams>;

/** `createTask`: the task that says what must be done on this stage, with a deadline and a responsible. */
export const createTaskRobot: RobotDefinition<CreateTaskParams> = {
  type: "createTask",
  label: { en: "Create a task", ru: "Поставить задачу" },
  help: {
    en: "Creates a task with a responsible and a deadline when the deal enters the stage. Open tasks are cancelled when the deal leaves, unless 'keep on exit' is set.",
    ru: "Ставит задачу с ответственным и сроком, когда сделка попадает на стадию. Открытые задачи отменяются при уходе со стадии, если не отмечено «сохранять при выходе».",
  },
  params: CreateTaskParams,
  references(params) {
    const refs: Reference[] = [];
    if (params.deadline) refs.push({ kind: "timing", spec: params.deadline, path: ["deadline"] });
    return refs;
  },
  conditions(params) {
    const d = params.deadline;
    return d && "afterEvent" in d && d.afterEvent.match !== undefined
      ? [{ path: ["deadline", "afterEvent", "match"], rule: d.afterEvent.match }]
      : [];
  },
  execute({ params }) {
    return [{
      type: "task.create",
      title: params.title,
      ...(params.description !== undefined ? { description: params.description } : {}),
      responsible: params.responsible,
      ...(params.deadline !== undefined ? { deadline: params.deadline } : {}),
      ...(params.checklist !== undefined ? { checklist: params.checklist } : {}),
      keepOnExit: params.keepOnExit ?? false,
    }];
  },
  simulated: true,
};
