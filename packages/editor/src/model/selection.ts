/**
 * What the admin has selected: the blueprint, a pipeline, a stage, a robot, a trigger or a
 * transition. The inspector shows it; the lint panel selects the target of an issue.
 */
import type { Blueprint, Robot, Stage, Trigger } from "@voronka/engine";
import { laneNodeId, stageNodeId } from "./to-flow";

/** The editor's selection. Items are named by id, so a selection survives reordering. */
export type Selection =
  | { kind: "blueprint" }
  | { kind: "pipeline"; pipeline: string }
  | { kind: "stage"; pipeline: string; stage: string }
  | { kind: "robot"; pipeline: string; stage: string; robot: string }
  | { kind: "trigger"; pipeline: string; stage: string; trigger: string }
  | { kind: "transition"; pipeline: string; index: number };

/** The stage a selection belongs to, if any. */
export function findStage(bp: Blueprint, pipeline: string, stage: string): Stage | undefined {
  return bp.pipelines.find((p) => p.id === pipeline)?.stages.find((s) => s.id === stage);
}

/** The robot a selection names, if it still exists. */
export function findRobot(bp: Blueprint, pipeline: string, stage: string, robot: string): Robot | undefined {
  return findStage(bp, pipeline, stage)?.robots.find((r) => r.id === robot);
}

/** The trigger a selection names, if it still exists. */
export function findTrigger(bp: Blueprint, pipeline: string, stage: string, trigger: string): Trigger | undefined {
  return findStage(bp, pipeline, stage)?.triggers.find((t) => t.id === trigger);
}

/** True when two selections name the same thing. */
export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The canvas node a selection highlights: its stage, or its pipeline's lane. */
export function selectionNodeId(selection: Selection | null): string | null {
  if (!selection || selection.kind === "blueprint") return null;
  if (selection.kind === "pipeline" || selection.kind === "transition") return laneNodeId(selection.pipeline);
  return stageNodeId(selection.pipeline, selection.stage);
}

/** The canvas edge a selection highlights: a tunnel robot or a transition. */
export function selectionEdgeId(selection: Selection | null): string | null {
  if (selection?.kind === "robot") return `tunnel:${selection.robot}`;
  if (selection?.kind === "transition") return `transition:${selection.pipeline}:${selection.index}`;
  return null;
}
