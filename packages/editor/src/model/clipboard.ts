/**
 * Copy, paste, duplicate and delete of the selection, as operations. A pasted stage gets a new id
 * in its pipeline and new ids for its robots and triggers (ids are unique in the blueprint); a
 * pasted robot or trigger goes to the selected stage. Pure.
 */
import type { Blueprint, Robot, Stage, Trigger } from "@voronka/engine";
import { itemIds, stageIds, uniqueId } from "./ids";
import { placeInserted } from "./layout";
import type { Operation } from "./operations";
import { findRobot, findStage, findTrigger, type Selection } from "./selection";

/** What copy keeps: a deep copy of one stage, robot or trigger. */
export type ClipboardContent =
  | { kind: "stage"; stage: Stage }
  | { kind: "robot"; robot: Robot }
  | { kind: "trigger"; trigger: Trigger };

/** The selection as clipboard content, or null when nothing copyable is selected. */
export function copySelection(bp: Blueprint, sel: Selection | null): ClipboardContent | null {
  if (!sel) return null;
  if (sel.kind === "stage") {
    const stage = findStage(bp, sel.pipeline, sel.stage);
    return stage ? { kind: "stage", stage: structuredClone(stage) } : null;
  }
  if (sel.kind === "robot") {
    const robot = findRobot(bp, sel.pipeline, sel.stage, sel.robot);
    return robot ? { kind: "robot", robot: structuredClone(robot) } : null;
  }
  if (sel.kind === "trigger") {
    const trigger = findTrigger(bp, sel.pipeline, sel.stage, sel.trigger);
    return trigger ? { kind: "trigger", trigger: structuredClone(trigger) } : null;
  }
  return null;
}

/** The stage a paste goes to (the selected one, or the selected item's). */
function targetStage(bp: Blueprint, sel: Selection | null): { pipeline: string; stage: string } | null {
  if (sel && (sel.kind === "stage" || sel.kind === "robot" || sel.kind === "trigger")) return { pipeline: sel.pipeline, stage: sel.stage };
  const p = sel && (sel.kind === "pipeline" || sel.kind === "transition") ? bp.pipelines.find((x) => x.id === sel.pipeline) : bp.pipelines[0];
  const s = p?.stages.find((x) => x.kind === "process") ?? p?.stages[0];
  return p && s ? { pipeline: p.id, stage: s.id } : null;
}

/**
 * The operation that pastes `content` relative to the selection, and what to select afterwards.
 *
 * @example
 * const pasted = pasteOperation(bp, { kind: "robot", robot }, { kind: "stage", pipeline: "sales", stage: "lead" });
 */
export function pasteOperation(bp: Blueprint, content: ClipboardContent, sel: Selection | null): { operation: Operation; selection: Selection } | null {
  const target = targetStage(bp, sel);
  if (!target) return null;
  const taken = itemIds(bp);
  if (content.kind === "robot" || content.kind === "trigger") {
    const item = content.kind === "robot" ? content.robot : content.trigger;
    const id = uniqueId(item.id, taken);
    const stage = findStage(bp, target.pipeline, target.stage);
    const selectedIndex = sel?.kind === content.kind ? (content.kind === "robot" ? stage?.robots.findIndex((r) => sel.kind === "robot" && r.id === sel.robot) : stage?.triggers.findIndex((t) => sel.kind === "trigger" && t.id === sel.trigger)) : undefined;
    const index = selectedIndex !== undefined && selectedIndex >= 0 ? selectedIndex + 1 : undefined;
    if (content.kind === "robot") {
      return {
        operation: { type: "robot.add", ...target, robot: { ...structuredClone(content.robot), id }, ...(index !== undefined ? { index } : {}) },
        selection: { kind: "robot", ...target, robot: id },
      };
    }
    return {
      operation: { type: "trigger.add", ...target, trigger: { ...structuredClone(content.trigger), id }, ...(index !== undefined ? { index } : {}) },
      selection: { kind: "trigger", ...target, trigger: id },
    };
  }
  const pipeline = bp.pipelines.find((p) => p.id === target.pipeline)!;
  const stageId = uniqueId(content.stage.id, stageIds(bp, pipeline.id));
  const copy: Stage = structuredClone(content.stage);
  copy.id = stageId;
  if (copy.ui) {
    delete copy.ui.x;
    delete copy.ui.y;
    if (!Object.keys(copy.ui).length) delete copy.ui;
  }
  const used = new Set(taken);
  for (const item of [...copy.robots, ...copy.triggers]) {
    item.id = uniqueId(item.id, used);
    used.add(item.id);
  }
  const after = sel?.kind === "stage" && findStage(bp, sel.pipeline, sel.stage)?.kind === "process" ? sel.stage : null;
  const afterIndex = after ? pipeline.stages.findIndex((s) => s.id === after) + 1 : pipeline.stages.filter((s) => s.kind === "process").length;
  const positions = placeInserted(pipeline, after, stageId);
  const add: Operation = { type: "stage.add", pipeline: pipeline.id, stage: copy, index: copy.kind === "process" ? afterIndex : pipeline.stages.length };
  return {
    operation: Object.keys(positions).length ? { type: "batch", operations: [add, { type: "layout.apply", positions }] } : add,
    selection: { kind: "stage", pipeline: pipeline.id, stage: stageId },
  };
}

/** The operation that deletes the selection, and what to select afterwards; null when it cannot. */
export function deleteOperation(bp: Blueprint, sel: Selection | null): { operation: Operation; selection: Selection } | null {
  if (!sel) return null;
  switch (sel.kind) {
    case "stage": {
      const p = bp.pipelines.find((x) => x.id === sel.pipeline);
      if (!p || p.stages.length <= 1) return null;
      return { operation: { type: "stage.delete", pipeline: sel.pipeline, stage: sel.stage }, selection: { kind: "pipeline", pipeline: sel.pipeline } };
    }
    case "robot":
      return { operation: { type: "robot.delete", pipeline: sel.pipeline, stage: sel.stage, robot: sel.robot }, selection: { kind: "stage", pipeline: sel.pipeline, stage: sel.stage } };
    case "trigger":
      return { operation: { type: "trigger.delete", pipeline: sel.pipeline, stage: sel.stage, trigger: sel.trigger }, selection: { kind: "stage", pipeline: sel.pipeline, stage: sel.stage } };
    case "transition":
      return { operation: { type: "transition.delete", pipeline: sel.pipeline, index: sel.index }, selection: { kind: "pipeline", pipeline: sel.pipeline } };
    case "pipeline":
      if (bp.pipelines.length <= 1) return null;
      return { operation: { type: "pipeline.delete", pipeline: sel.pipeline }, selection: { kind: "blueprint" } };
    default:
      return null;
  }
}
