/**
 * The canvas's nodes and edges, derived from the blueprint and the selection, held in React Flow's
 * controlled state so drags are smooth. A derived node equal to the one on screen keeps its
 * object (and its measured size), so memoised nodes skip rendering.
 */
import { applyNodeChanges, type Edge, type NodeChange } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { selectionEdgeId, selectionNodeId } from "../model/selection";
import { toEdges, toNodes, type FlowNode } from "../model/to-flow";
import { useEditorStore } from "../store/editor-store";
import { useUiStore } from "../store/ui-store";

function sameNode(a: FlowNode, b: FlowNode): boolean {
  if (a.type !== b.type || a.selected !== b.selected || a.parentId !== b.parentId) return false;
  if (a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
  if (a.type === "lane" && b.type === "lane") {
    return a.data.pipeline === b.data.pipeline && a.data.index === b.data.index && a.width === b.width && a.height === b.height;
  }
  if (a.type === "stage" && b.type === "stage") {
    return a.data.stage === b.data.stage && a.data.order === b.data.order && a.data.fromAny === b.data.fromAny && a.data.pipeline === b.data.pipeline;
  }
  return false;
}

/** Keeps on-screen node objects that did not change; carries measured sizes over. */
export function reconcileNodes(previous: readonly FlowNode[], next: readonly FlowNode[]): FlowNode[] {
  const byId = new Map(previous.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = byId.get(n.id);
    if (!old) return n;
    if (sameNode(old, n)) return old;
    return old.measured ? ({ ...n, measured: old.measured } as FlowNode) : n;
  });
}

/** Nodes, edges and the change handler for `<ReactFlow>`. */
export function useFlowNodes(): { nodes: FlowNode[]; edges: Edge[]; onNodesChange: (changes: NodeChange<FlowNode>[]) => void } {
  const blueprint = useEditorStore((s) => s.blueprint);
  const selectedNode = useUiStore((s) => selectionNodeId(s.selection));
  const selectedEdge = useUiStore((s) => selectionEdgeId(s.selection));
  const derived = useMemo(() => toNodes(blueprint, selectedNode), [blueprint, selectedNode]);
  const edges = useMemo(() => toEdges(blueprint, selectedEdge), [blueprint, selectedEdge]);
  const [nodes, setNodes] = useState<FlowNode[]>(derived);
  useEffect(() => setNodes((prev) => reconcileNodes(prev, derived)), [derived]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const ui = useUiStore.getState();
    for (const c of changes) {
      // Selection is the editor's: React Flow's select changes (click, keyboard) only feed it.
      if (c.type !== "select" || !c.selected) continue;
      if (c.id.startsWith("lane:")) {
        const pipeline = c.id.slice(5);
        if (selectionNodeId(ui.selection) !== c.id) ui.select({ kind: "pipeline", pipeline });
      } else if (selectionNodeId(ui.selection) !== c.id) {
        const slash = c.id.indexOf("/");
        ui.select({ kind: "stage", pipeline: c.id.slice(0, slash), stage: c.id.slice(slash + 1) });
      }
    }
    const rest = changes.filter((c) => c.type !== "select");
    if (rest.length) setNodes((ns) => applyNodeChanges(rest, ns));
  }, []);

  return { nodes, edges, onNodesChange };
}
