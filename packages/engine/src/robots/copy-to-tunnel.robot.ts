import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { Reference, RobotDefinition } from "../registry/definitions";

export const CopyToTunnelParams = z.object({
  pipeline: SlugSchema,
  stage: SlugSchema,
  mode: z.enum(["copy", "move"]),
  carry: z.union([z.literal("all"), z.array(SlugSchema)]),
});
export type CopyToTunnelParams = z.infer<typeof CopyToTunnelParams>;

/** `copyToTunnel`: copies (or moves) the deal into a stage of another pipeline — warm-up, repeat clients, warranty. */
export const copyToTunnelRobot: RobotDefinition<CopyToTunnelParams> = {
  type: "copyToTunnel",
  label: { en: "Tunnel to another pipeline", ru: "Туннель в другую воронку" },
  help: {
    en: "'copy' creates a new deal in the target stage, linked to this one, carrying the chosen fields; 'move' takes this deal itself to the other pipeline (not from success or failure).",
    ru: "«Копия» создаёт новую сделку на целевой стадии, связанную с этой, и переносит выбранные поля; «перенос» переводит саму сделку в другую воронку (кроме стадий успеха и провала).",
  },
  params: CopyToTunnelParams,
  references(params) {
    const refs: Reference[] = [
      { kind: "pipeline", id: params.pipeline, path: ["pipeline"] },
      { kind: "stage", id: params.stage, pipeline: params.pipeline, path: ["stage"] },
    ];
    if (params.carry !== "all") params.carry.forEach((id, i) => refs.push({ kind: "field", id, path: ["carry", i] }));
    return refs;
  },
  execute({ params }) {
    return [{ type: "tunnel", pipeline: params.pipeline, stage: params.stage, mode: params.mode, carry: params.carry }];
  },
  simulated: true,
};
