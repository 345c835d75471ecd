/**
 * What gestures on the canvas mean, as operations: a drag that ends (positions, maybe a new
 * order), and a line drawn between two stages (a tunnel between lanes, a transition within one).
 * Pure, so the canvas stays thin and these are tested without a browser.
 */
import type { Blueprint, Robot } from "@voronka/engine";
import { itemIds, uniqueId } from "./ids";
import { indexAfterDrag, stagePositions } from "./layout";
import type { Operation } from "./operations";
import type { Selection } from "./selection";
import { parseNodeId } from "./to-flow";

/** A stage node where a drag left it (lane-local position). */
export interface Dropped {
  id: string;
  x: number;
  y: number;
}

/**
 * The operation for stage nodes dropped after a drag: each keeps its new position, and a process
 * stage dragged past another takes its new place in the order.
 */
export function dropOperation(bp: Blueprint, dropped: readonly Dropped[]): Operation | null {
  const ops: Operation[] = [];
  for (const d of dropped) {
    const { pipeline, stage } = parseNodeId(d.id);
    const p = bp.pipelines.find((x) => x.id === pipeline);
    if (!p || stage === undefined) continue;
    const x = Math.max(0, d.x);
    const y = Math.max(24, d.y);
    const index = indexAfterDrag(p, stage, x, stagePositions(p));
    ops.push({ type: "stage.place", pipeline, stage, x, y, ...(index !== undefined ? { index } : {}) });
  }
  if (!ops.length) return null;
  return ops.length === 1 ? ops[0]! : { type: "batch", operations: ops };
}

/** What drawing a line from one stage to another does. */
export type ConnectResult =
  | { kind: "tunnel"; operation: Operation; selection: Selection }
  | { kind: "transition"; operation: Operation; selection: Selection }
  | { kind: "refused"; reason: "same-stage" | "any-move" | "exists" | "unknown" };

/**
 * A line from stage `source` to stage `target` (node ids): between lanes it creates a
 * `copyToTunnel` robot on the source stage; within a lane with a transitions list, a transition.
 *
 * @example
 * connect(bp, "b2b-new/lead", "warm-up/nurture") // { kind: "tunnel", operation: { type: "robot.add", … } }
 */
export function connect(bp: Blueprint, source: string, target: string): ConnectResult {
  const from = parseNodeId(source);
  const to = parseNodeId(target);
  if (from.stage === undefined || to.stage === undefined) return { kind: "refused", reason: "unknown" };
  if (source === target) return { kind: "refused", reason: "same-stage" };
  const p = bp.pipelines.find((x) => x.id === from.pipeline);
  if (!p) return { kind: "refused", reason: "unknown" };
  if (from.pipeline !== to.pipeline) {
    const id = uniqueId(`tunnel-to-${to.stage}`.slice(0, 60), itemIds(bp));
    const robot: Robot = { id, type: "copyToTunnel", params: { pipeline: to.pipeline, stage: to.stage, mode: "copy", carry: "all" } };
    return {
      kind: "tunnel",
      operation: { type: "robot.add", pipeline: from.pipeline, stage: from.stage, robot },
      selection: { kind: "robot", pipeline: from.pipeline, stage: from.stage, robot: id },
    };
  }
  if (!Array.isArray(p.transitions)) return { kind: "refused", reason: "any-move" };
  if (p.transitions.some((t) => t.from === from.stage && t.to === to.stage)) return { kind: "refused", reason: "exists" };
  return {
    kind: "transition",
    operation: { type: "transition.add", pipeline: p.id, transition: { from: from.stage, to: to.stage } },
    selection: { kind: "transition", pipeline: p.id, index: p.transitions.length },
  };
}
