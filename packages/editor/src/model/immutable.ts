/**
 * Small helpers for immutable updates of a blueprint: replace one pipeline or stage, move or
 * insert an array item. Each answers its input unchanged when there is nothing to do.
 */
import type { Blueprint, Pipeline, Stage } from "@voronka/engine";

/** Replaces one pipeline through `fn`; answers the same blueprint when there is no such pipeline. */
export function updatePipeline(bp: Blueprint, pipelineId: string, fn: (p: Pipeline) => Pipeline): Blueprint {
  const index = bp.pipelines.findIndex((p) => p.id === pipelineId);
  if (index < 0) return bp;
  const current = bp.pipelines[index]!;
  const next = fn(current);
  if (next === current) return bp;
  const pipelines = bp.pipelines.slice();
  pipelines[index] = next;
  return { ...bp, pipelines };
}

/** Replaces one stage through `fn`; answers the same blueprint when there is no such stage. */
export function updateStage(bp: Blueprint, pipelineId: string, stageId: string, fn: (s: Stage) => Stage): Blueprint {
  return updatePipeline(bp, pipelineId, (p) => {
    const index = p.stages.findIndex((s) => s.id === stageId);
    if (index < 0) return p;
    const current = p.stages[index]!;
    const next = fn(current);
    if (next === current) return p;
    const stages = p.stages.slice();
    stages[index] = next;
    return { ...p, stages };
  });
}

/** Moves an array item to `to` (clamped), answering the same array when nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from < 0 || from >= items.length || from === target) return items as T[];
  const copy = items.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

/** Inserts at `index` (default: the end). */
export function insertAt<T>(items: readonly T[], item: T, index?: number): T[] {
  const copy = items.slice();
  copy.splice(index === undefined ? copy.length : Math.max(0, Math.min(copy.length, index)), 0, item);
  return copy;
}
