/**
 * Operations on stages: add, rename, recolour, change kind or id, reorder, place (drag) and
 * delete, and applying an auto-layout. Pure; used through `apply`.
 */
import type { Blueprint, Stage, StageKind, Text } from "@voronka/engine";
import { insertAt, moveItem, updatePipeline, updateStage } from "./immutable";
import { renameStageReferences } from "./rename";

/** Stage positions by pipeline and stage id, lane-local (see `to-flow.ts`). */
export type Positions = Record<string, Record<string, { x: number; y: number }>>;

/** Operations on one stage (or, for `layout.apply`, on every stage's position). */
export type StageOperation =
  | { type: "stage.add"; pipeline: string; stage: Stage; index?: number }
  | { type: "stage.rename"; pipeline: string; stage: string; label: Text }
  | { type: "stage.recolor"; pipeline: string; stage: string; color: string | null }
  | { type: "stage.set-kind"; pipeline: string; stage: string; kind: StageKind }
  | { type: "stage.set-id"; pipeline: string; stage: string; id: string }
  /** Reorders: the stage goes to `index` in its pipeline's stage list. */
  | { type: "stage.move"; pipeline: string; stage: string; index: number }
  /** A drag ended: the new position (lane-local) and, when the drag reordered it, its new index. */
  | { type: "stage.place"; pipeline: string; stage: string; x: number; y: number; index?: number }
  | { type: "stage.delete"; pipeline: string; stage: string }
  /** Saves positions for every listed stage; `null` forgets every saved position. */
  | { type: "layout.apply"; positions: Positions | null };

function withUi(stage: Stage, patch: Record<string, unknown>): Stage {
  const ui: Record<string, unknown> = { ...(stage.ui ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null) delete ui[k];
    else ui[k] = v;
  }
  const next: Stage = { ...stage };
  if (Object.keys(ui).length) next.ui = ui as Stage["ui"];
  else delete next.ui;
  return next;
}

function reorder(bp: Blueprint, pipeline: string, stage: string, index: number): Blueprint {
  return updatePipeline(bp, pipeline, (p) => {
    const from = p.stages.findIndex((s) => s.id === stage);
    const stages = moveItem(p.stages, from, index);
    return stages === p.stages ? p : { ...p, stages };
  });
}

/** Applies a stage operation (see {@link StageOperation}). */
export function applyStageOperation(bp: Blueprint, op: StageOperation): Blueprint {
  switch (op.type) {
    case "stage.add":
      return updatePipeline(bp, op.pipeline, (p) =>
        p.stages.some((s) => s.id === op.stage.id) ? p : { ...p, stages: insertAt(p.stages, op.stage, op.index) },
      );
    case "stage.rename":
      return updateStage(bp, op.pipeline, op.stage, (s) => ({ ...s, label: op.label }));
    case "stage.recolor":
      return updateStage(bp, op.pipeline, op.stage, (s) => withUi(s, { color: op.color }));
    case "stage.set-kind":
      return updateStage(bp, op.pipeline, op.stage, (s) => (s.kind === op.kind ? s : { ...s, kind: op.kind }));
    case "stage.set-id": {
      const p = bp.pipelines.find((x) => x.id === op.pipeline);
      if (!p || op.id === op.stage || p.stages.some((s) => s.id === op.id)) return bp;
      const renamed = updateStage(bp, op.pipeline, op.stage, (s) => ({ ...s, id: op.id }));
      return renamed === bp ? bp : renameStageReferences(renamed, op.pipeline, op.stage, op.id);
    }
    case "stage.move":
      return reorder(bp, op.pipeline, op.stage, op.index);
    case "stage.place": {
      const placed = updateStage(bp, op.pipeline, op.stage, (s) => withUi(s, { x: Math.round(op.x), y: Math.round(op.y) }));
      return op.index === undefined ? placed : reorder(placed, op.pipeline, op.stage, op.index);
    }
    case "stage.delete":
      return updatePipeline(bp, op.pipeline, (p) => {
        if (!p.stages.some((s) => s.id === op.stage) || p.stages.length <= 1) return p;
        const next = { ...p, stages: p.stages.filter((s) => s.id !== op.stage) };
        if (Array.isArray(p.transitions)) next.transitions = p.transitions.filter((t) => t.from !== op.stage && t.to !== op.stage);
        return next;
      });
    case "layout.apply":
      return {
        ...bp,
        pipelines: bp.pipelines.map((p) => ({
          ...p,
          stages: p.stages.map((s) => {
            if (op.positions === null) return withUi(s, { x: null, y: null });
            const at = op.positions[p.id]?.[s.id];
            return at ? withUi(s, { x: Math.round(at.x), y: Math.round(at.y) }) : s;
          }),
        })),
      };
  }
}
