/**
 * Where stages go on the canvas. Each pipeline is a lane; stage positions are lane-local (so a
 * lane can move without touching its stages) and saved in `stage.ui.{x,y}`. Stages without a saved
 * position are placed by dagre: process stages left to right in order, success and failure set
 * apart in a column after them.
 */
import dagre from "@dagrejs/dagre";
import type { Blueprint, Pipeline, Stage } from "@voronka/engine";
import type { Positions } from "./ops-stages";

/** Geometry constants shared by the layout and the canvas. */
export const GEOMETRY = {
  stageWidth: 216,
  laneHeaderHeight: 36,
  lanePaddingX: 28,
  lanePaddingY: 20,
  laneGap: 36,
  rankGap: 64,
  nodeGap: 28,
  finalGap: 48,
  minLaneWidth: 640,
  step: 216 + 64,
} as const;

/** A stage node's estimated height (the canvas measures the real one; dagre needs a guess). */
export function stageHeight(stage: Stage): number {
  const chips = stage.robots.length + stage.triggers.length;
  // Header, the live figures row, chips (26px each) and the gap between robots and triggers.
  return 104 + chips * 26 + (stage.robots.length && stage.triggers.length ? 8 : 0);
}

/**
 * Lays one pipeline out with dagre: process stages in array order, success and failure stages in
 * a column after them. Positions are lane-local top-left corners.
 */
export function layoutPipeline(pipeline: Pipeline): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", ranksep: GEOMETRY.rankGap, nodesep: GEOMETRY.nodeGap, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of pipeline.stages) g.setNode(s.id, { width: GEOMETRY.stageWidth, height: stageHeight(s) });
  const process = pipeline.stages.filter((s) => s.kind === "process");
  const finals = pipeline.stages.filter((s) => s.kind !== "process");
  for (let i = 1; i < process.length; i++) g.setEdge(process[i - 1]!.id, process[i]!.id);
  const last = process[process.length - 1];
  if (last) for (const f of finals) g.setEdge(last.id, f.id);
  dagre.layout(g);

  // dagre ranks the stages left to right; tops are aligned so a lane reads as one row, and the
  // final column lists success first, then the failures, below one another.
  const out: Record<string, { x: number; y: number }> = {};
  let minX = Infinity;
  for (const s of pipeline.stages) {
    const n = g.node(s.id) as { x: number; width: number } | undefined;
    if (!n) continue;
    out[s.id] = { x: n.x - n.width / 2 + (s.kind === "process" ? 0 : GEOMETRY.finalGap), y: 0 };
    minX = Math.min(minX, out[s.id]!.x);
  }
  const top = GEOMETRY.laneHeaderHeight + GEOMETRY.lanePaddingY;
  let finalY = top;
  const ordered = [...finals.filter((s) => s.kind === "success"), ...finals.filter((s) => s.kind !== "success")];
  for (const s of ordered) {
    out[s.id]!.y = finalY;
    finalY += stageHeight(s) + GEOMETRY.nodeGap;
  }
  for (const s of process) out[s.id]!.y = top;
  for (const p of Object.values(out)) p.x = Math.round(p.x - minX + GEOMETRY.lanePaddingX);
  return out;
}

/** Auto-layout of every pipeline (what the "Auto-layout" button saves). */
export function autoLayout(bp: Blueprint): Positions {
  const out: Positions = {};
  for (const p of bp.pipelines) out[p.id] = layoutPipeline(p);
  return out;
}

/** Each stage's lane-local position: the saved one, or dagre's when it has none. */
export function stagePositions(pipeline: Pipeline): Record<string, { x: number; y: number }> {
  const missing = pipeline.stages.some((s) => typeof s.ui?.x !== "number" || typeof s.ui?.y !== "number");
  const auto = missing ? layoutPipeline(pipeline) : {};
  const out: Record<string, { x: number; y: number }> = {};
  for (const s of pipeline.stages) {
    const x = s.ui?.x;
    const y = s.ui?.y;
    out[s.id] = typeof x === "number" && typeof y === "number" ? { x, y } : auto[s.id] ?? { x: 0, y: 0 };
  }
  return out;
}

/** A lane's size from its stages' positions. */
export function laneSize(pipeline: Pipeline, positions: Record<string, { x: number; y: number }>): { width: number; height: number } {
  let right = 0;
  let bottom: number = GEOMETRY.laneHeaderHeight;
  for (const s of pipeline.stages) {
    const p = positions[s.id];
    if (!p) continue;
    right = Math.max(right, p.x + GEOMETRY.stageWidth);
    bottom = Math.max(bottom, p.y + stageHeight(s));
  }
  return { width: Math.max(GEOMETRY.minLaneWidth, right + GEOMETRY.lanePaddingX), height: bottom + GEOMETRY.lanePaddingY };
}

/**
 * The new index of a dragged process stage: its rank by x among the pipeline's process stages
 * (success and failure stages keep their places). Undefined when the order does not change.
 */
export function indexAfterDrag(pipeline: Pipeline, stageId: string, x: number, positions: Record<string, { x: number; y: number }>): number | undefined {
  const dragged = pipeline.stages.find((s) => s.id === stageId);
  if (!dragged || dragged.kind !== "process") return undefined;
  const process = pipeline.stages.filter((s) => s.kind === "process");
  const others = process.filter((s) => s.id !== stageId);
  const before = others.filter((s) => (positions[s.id]?.x ?? 0) < x).length;
  const target = before < others.length ? others[before]! : null;
  const current = process.indexOf(dragged);
  if (before === current) return undefined;
  // Translate the rank among process stages into an index of the full stage list.
  if (target) {
    const targetIndex = pipeline.stages.indexOf(target);
    const fromIndex = pipeline.stages.indexOf(dragged);
    return fromIndex < targetIndex ? targetIndex - 1 : targetIndex;
  }
  const lastProcess = others[others.length - 1]!;
  const lastIndex = pipeline.stages.indexOf(lastProcess);
  const fromIndex = pipeline.stages.indexOf(dragged);
  return fromIndex < lastIndex ? lastIndex : lastIndex + 1;
}

/**
 * Positions that open a gap for a stage inserted after `afterStage` (or at the end of the process
 * stages): stages to its right shift by one step. Empty when the lane has no saved positions.
 */
export function placeInserted(pipeline: Pipeline, afterStage: string | null, newId: string): Positions {
  if (!pipeline.stages.every((s) => typeof s.ui?.x === "number")) return {};
  const positions = stagePositions(pipeline);
  const process = pipeline.stages.filter((s) => s.kind === "process");
  const anchor = afterStage ? pipeline.stages.find((s) => s.id === afterStage) : process[process.length - 1];
  const anchorPos = anchor ? positions[anchor.id]! : { x: GEOMETRY.lanePaddingX - GEOMETRY.step, y: GEOMETRY.laneHeaderHeight + GEOMETRY.lanePaddingY };
  const out: Record<string, { x: number; y: number }> = { [newId]: { x: anchorPos.x + GEOMETRY.step, y: anchorPos.y } };
  for (const s of pipeline.stages) {
    const p = positions[s.id]!;
    if (p.x > anchorPos.x) out[s.id] = { x: p.x + GEOMETRY.step, y: p.y };
  }
  return { [pipeline.id]: out };
}
