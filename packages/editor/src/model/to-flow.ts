/**
 * Blueprint ↔ React Flow: each pipeline a lane node, each stage a stage node inside it; tunnels
 * (`copyToTunnel` robots) are edges between lanes, transitions edges within a lane, and when a
 * pipeline allows any move, faint edges show the order of its process stages.
 *
 * Node ids: `lane:<pipeline>` and `<pipeline>/<stage>` (the same `p/s` refs as the server's
 * stage mappings). Edge ids: `tunnel:<robot>`, `transition:<pipeline>:<index>`, `order:<p>:<a>:<b>`.
 */
import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { Blueprint, Pipeline, Stage } from "@voronka/engine";
import { GEOMETRY, laneSize, stagePositions } from "./layout";

/** What a stage node renders. Kept small and reference-stable so memoised nodes skip renders. */
export type StageNodeData = {
  pipeline: string;
  stage: Stage;
  /** 1-based position among the pipeline's process stages; null for success and failure. */
  order: number | null;
  /** A transition from any stage (`from: "*"`) leads here. */
  fromAny: boolean;
};

/** What a lane node renders. */
export type LaneNodeData = { pipeline: Pipeline; index: number };

/** A stage node. */
export type StageFlowNode = Node<StageNodeData, "stage">;
/** A lane node (the parent of its stage nodes). */
export type LaneFlowNode = Node<LaneNodeData, "lane">;
/** Any node of the canvas. */
export type FlowNode = StageFlowNode | LaneFlowNode;

/** What a tunnel edge renders. */
export type TunnelEdgeData = { robot: string; mode: string; delayed: boolean; pipeline: string; stage: string };
/** A tunnel edge. */
export type TunnelFlowEdge = Edge<TunnelEdgeData, "tunnel">;

/** The node id of a stage. */
export const stageNodeId = (pipeline: string, stage: string): string => `${pipeline}/${stage}`;
/** The node id of a lane. */
export const laneNodeId = (pipeline: string): string => `lane:${pipeline}`;

/** Splits a node id back into pipeline and (for stage nodes) stage. */
export function parseNodeId(id: string): { pipeline: string; stage?: string } {
  if (id.startsWith("lane:")) return { pipeline: id.slice(5) };
  const slash = id.indexOf("/");
  return slash < 0 ? { pipeline: id } : { pipeline: id.slice(0, slash), stage: id.slice(slash + 1) };
}

/** The lanes' origins (absolute) and sizes, stacked top to bottom in blueprint order. */
export function laneFrames(bp: Blueprint): Map<string, { x: number; y: number; width: number; height: number; positions: Record<string, { x: number; y: number }> }> {
  const frames = new Map<string, { x: number; y: number; width: number; height: number; positions: Record<string, { x: number; y: number }> }>();
  let y = 0;
  let width: number = GEOMETRY.minLaneWidth;
  const sized = bp.pipelines.map((p) => {
    const positions = stagePositions(p);
    const size = laneSize(p, positions);
    width = Math.max(width, size.width);
    return { p, positions, size };
  });
  for (const { p, positions, size } of sized) {
    frames.set(p.id, { x: 0, y, width, height: size.height, positions });
    y += size.height + GEOMETRY.laneGap;
  }
  return frames;
}

/**
 * The canvas's nodes: a lane node per pipeline (parent), then its stage nodes with lane-local
 * positions. `selected` marks the selected stage node.
 */
export function toNodes(bp: Blueprint, selected: string | null = null): FlowNode[] {
  const nodes: FlowNode[] = [];
  const frames = laneFrames(bp);
  bp.pipelines.forEach((p, index) => {
    const frame = frames.get(p.id)!;
    const laneId = laneNodeId(p.id);
    nodes.push({
      id: laneId, type: "lane", position: { x: frame.x, y: frame.y }, data: { pipeline: p, index },
      style: { width: frame.width, height: frame.height }, width: frame.width, height: frame.height,
      draggable: false, selectable: true, connectable: false, focusable: false, zIndex: -1,
      selected: selected === laneId,
    });
    const fromAny = new Set(Array.isArray(p.transitions) ? p.transitions.filter((t) => t.from === "*").map((t) => t.to) : []);
    let order = 0;
    for (const s of p.stages) {
      const id = stageNodeId(p.id, s.id);
      nodes.push({
        id, type: "stage", parentId: laneId, position: frame.positions[s.id]!,
        data: { pipeline: p.id, stage: s, order: s.kind === "process" ? ++order : null, fromAny: fromAny.has(s.id) },
        selected: selected === id,
        ariaLabel: `stage ${p.id}/${s.id}`,
      });
    }
  });
  return nodes;
}

/** The canvas's edges: tunnels, transitions (or the process order), see the module comment. */
export function toEdges(bp: Blueprint, selectedEdge: string | null = null): Edge[] {
  const edges: Edge[] = [];
  const has = new Set(bp.pipelines.flatMap((p) => p.stages.map((s) => stageNodeId(p.id, s.id))));
  for (const p of bp.pipelines) {
    if (Array.isArray(p.transitions)) {
      p.transitions.forEach((t, i) => {
        if (t.from === "*") return;
        const source = stageNodeId(p.id, t.from);
        const target = stageNodeId(p.id, t.to);
        if (!has.has(source) || !has.has(target)) return;
        const id = `transition:${p.id}:${i}`;
        edges.push({
          id, source, target, sourceHandle: "out", targetHandle: "in", className: "edge-transition",
          markerEnd: { type: MarkerType.ArrowClosed }, selected: selectedEdge === id,
          ...(t.guard !== undefined ? { label: "⟂ guard" } : {}),
        });
      });
    } else {
      const process = p.stages.filter((s) => s.kind === "process");
      for (let i = 1; i < process.length; i++) {
        const a = process[i - 1]!.id;
        const b = process[i]!.id;
        edges.push({
          id: `order:${p.id}:${a}:${b}`, source: stageNodeId(p.id, a), target: stageNodeId(p.id, b),
          sourceHandle: "out", targetHandle: "in", className: "edge-order", selectable: false, focusable: false,
          markerEnd: { type: MarkerType.Arrow },
        });
      }
    }
    for (const s of p.stages) {
      for (const r of s.robots) {
        if (r.type !== "copyToTunnel") continue;
        const pipeline = String(r.params["pipeline"] ?? "");
        const stage = String(r.params["stage"] ?? "");
        const target = stageNodeId(pipeline, stage);
        if (!has.has(target)) continue;
        const id = `tunnel:${r.id}`;
        const edge: TunnelFlowEdge = {
          id, type: "tunnel", source: stageNodeId(p.id, s.id), target, sourceHandle: "tunnel-out", targetHandle: "tunnel-in",
          data: { robot: r.id, mode: String(r.params["mode"] ?? "copy"), delayed: r.delay !== undefined, pipeline: p.id, stage: s.id },
          selected: selectedEdge === id, zIndex: 5, markerEnd: { type: MarkerType.ArrowClosed, color: "#7c3aed" },
        };
        edges.push(edge);
      }
    }
  }
  return edges;
}
