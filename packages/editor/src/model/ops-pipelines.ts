/**
 * Operations on pipelines (lanes) and their transitions. Pure; used through `apply`.
 */
import type { Blueprint, Pipeline, Text, Transition } from "@voronka/engine";
import { insertAt, moveItem, updatePipeline } from "./immutable";
import { renamePipelineReferences } from "./rename";

/** Operations on a pipeline as a whole and on its transitions list. */
export type PipelineOperation =
  | { type: "pipeline.add"; pipeline: Pipeline; index?: number }
  | { type: "pipeline.update"; pipeline: string; label?: Text; color?: string | null }
  | { type: "pipeline.set-id"; pipeline: string; id: string }
  | { type: "pipeline.move"; pipeline: string; index: number }
  | { type: "pipeline.delete"; pipeline: string }
  /** `"any"` (or null: the default, any move) or an explicit list of allowed moves. */
  | { type: "pipeline.set-transitions"; pipeline: string; transitions: "any" | Transition[] | null }
  | { type: "transition.add"; pipeline: string; transition: Transition }
  | { type: "transition.update"; pipeline: string; index: number; transition: Transition }
  | { type: "transition.delete"; pipeline: string; index: number };

/** Applies a pipeline or transition operation (see {@link PipelineOperation}). */
export function applyPipelineOperation(bp: Blueprint, op: PipelineOperation): Blueprint {
  switch (op.type) {
    case "pipeline.add":
      if (bp.pipelines.some((p) => p.id === op.pipeline.id)) return bp;
      return { ...bp, pipelines: insertAt(bp.pipelines, op.pipeline, op.index) };
    case "pipeline.update":
      return updatePipeline(bp, op.pipeline, (p) => {
        const next: Pipeline = { ...p };
        if (op.label !== undefined) next.label = op.label;
        if (op.color !== undefined) {
          const ui = { ...(p.ui ?? {}) };
          if (op.color === null) delete ui.color;
          else ui.color = op.color;
          if (Object.keys(ui).length) next.ui = ui;
          else delete next.ui;
        }
        return next;
      });
    case "pipeline.set-id": {
      if (op.id === op.pipeline || bp.pipelines.some((p) => p.id === op.id)) return bp;
      const renamed = updatePipeline(bp, op.pipeline, (p) => ({ ...p, id: op.id }));
      return renamed === bp ? bp : renamePipelineReferences(renamed, op.pipeline, op.id);
    }
    case "pipeline.move": {
      const from = bp.pipelines.findIndex((p) => p.id === op.pipeline);
      const pipelines = moveItem(bp.pipelines, from, op.index);
      return pipelines === bp.pipelines ? bp : { ...bp, pipelines };
    }
    case "pipeline.delete":
      if (bp.pipelines.length <= 1 || !bp.pipelines.some((p) => p.id === op.pipeline)) return bp;
      return { ...bp, pipelines: bp.pipelines.filter((p) => p.id !== op.pipeline) };
    case "pipeline.set-transitions":
      return updatePipeline(bp, op.pipeline, (p) => {
        const next: Pipeline = { ...p };
        if (op.transitions === null) delete next.transitions;
        else next.transitions = op.transitions;
        return next;
      });
    case "transition.add":
      return updatePipeline(bp, op.pipeline, (p) => {
        const list = Array.isArray(p.transitions) ? p.transitions : [];
        if (list.some((t) => t.from === op.transition.from && t.to === op.transition.to)) return p;
        return { ...p, transitions: [...list, op.transition] };
      });
    case "transition.update":
      return updatePipeline(bp, op.pipeline, (p) => {
        if (!Array.isArray(p.transitions) || !p.transitions[op.index]) return p;
        const transitions = p.transitions.slice();
        transitions[op.index] = op.transition;
        return { ...p, transitions };
      });
    case "transition.delete":
      return updatePipeline(bp, op.pipeline, (p) => {
        if (!Array.isArray(p.transitions) || !p.transitions[op.index]) return p;
        return { ...p, transitions: p.transitions.filter((_, i) => i !== op.index) };
      });
  }
}
