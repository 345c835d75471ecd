/**
 * The editor's canvas: every pipeline a lane of stage nodes, tunnels and transitions as edges,
 * with minimap, zoom controls and fit view. Dragging a stage saves its position (and reorders
 * it when it passes another); drawing from one stage to another lane's stage creates a tunnel.
 * Zoomed out below `FAR_ZOOM` (`level-of-detail.ts`), stage nodes are drawn without their chips
 * and handles (`canvas-detail.css`) and the process-order arrows are left out, so hundreds of
 * stages on screen stay cheap to paint and drag.
 */
import {
  Background, BackgroundVariant, ConnectionMode, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore,
  type Connection, type Edge, type NodeMouseHandler, type OnNodeDrag, type ReactFlowState,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./canvas-detail.css";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { t as translate, useT } from "../i18n";
import { connect, dropOperation } from "../model/canvas-edits";
import { laneFrames, type FlowNode } from "../model/to-flow";
import { useEditorStore } from "../store/editor-store";
import { useUiStore } from "../store/ui-store";
import { LaneNode } from "./LaneNode";
import { edgesForDetail, FAR_ZOOM } from "./level-of-detail";
import { KIND_COLORS, StageNode } from "./StageNode";
import { TunnelEdge } from "./TunnelEdge";
import { useFlowNodes } from "./use-flow-nodes";

const nodeTypes = { stage: StageNode, lane: LaneNode };
const edgeTypes = { tunnel: TunnelEdge };
const PRO_OPTIONS = { hideAttribution: true };

const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

function minimapColor(node: FlowNode): string {
  if (node.type === "lane") return "#eef2f7";
  return node.data.stage.ui?.color ?? KIND_COLORS[node.data.stage.kind];
}

function Canvas() {
  const t = useT();
  const { nodes, edges, onNodesChange } = useFlowNodes();
  const { setViewport, setCenter, getInternalNode, getZoom } = useReactFlow();
  const dispatch = useEditorStore((s) => s.dispatch);
  const select = useUiStore((s) => s.select);
  const notify = useUiStore((s) => s.notify);
  const focus = useUiStore((s) => s.focus);
  // One subscription for the whole canvas (a class), not one per node: crossing the threshold
  // restyles the nodes without rendering any of them.
  const far = useStore(isFar);
  const shownEdges = useMemo(() => edgesForDetail(edges, far), [far, edges]);

  // When the set of pipelines changes (a load, an import, a new lane), show the top-left of the
  // canvas at a readable zoom: the first lane across the width if it fits; the minimap shows the rest.
  const laneKey = useEditorStore((s) => s.blueprint.pipelines.map((p) => p.id).join("|"));
  const container = useRef<HTMLDivElement>(null);
  const firstFit = useRef(true);
  useEffect(() => {
    const timer = setTimeout(() => {
      const frames = laneFrames(useEditorStore.getState().blueprint);
      const width = container.current?.clientWidth ?? 900;
      const laneWidth = [...frames.values()][0]?.width ?? width;
      const zoom = Math.min(1, Math.max(0.6, (width - 48) / laneWidth));
      void setViewport({ x: 24, y: 16, zoom }, { duration: firstFit.current ? 0 : 250 });
      firstFit.current = false;
    }, 30);
    return () => clearTimeout(timer);
  }, [laneKey, setViewport]);

  // Centre the node the lint panel asked for.
  useEffect(() => {
    if (!focus) return;
    const node = getInternalNode(focus.nodeId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    const w = node.measured.width ?? 200;
    const h = node.measured.height ?? 100;
    void setCenter(x + w / 2, y + h / 2, { zoom: Math.max(getZoom(), 0.9), duration: 300 });
  }, [focus, getInternalNode, setCenter, getZoom]);

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback((_e, _node, dragged) => {
    const bp = useEditorStore.getState().blueprint;
    const op = dropOperation(bp, dragged.filter((n) => n.type === "stage").map((n) => ({ id: n.id, x: n.position.x, y: n.position.y })));
    if (op) dispatch(op);
  }, [dispatch]);

  const onConnect = useCallback((c: Connection) => {
    const result = connect(useEditorStore.getState().blueprint, c.source, c.target);
    if (result.kind === "refused") {
      if (result.reason === "any-move") notify("info", translate("canvas.anyMove"));
      else if (result.reason === "exists") notify("info", translate("canvas.transitionExists"));
      return;
    }
    dispatch(result.operation);
    select(result.selection);
    useUiStore.getState().setTab("inspect");
    notify("success", translate(result.kind === "tunnel" ? "canvas.tunnelAdded" : "canvas.transitionAdded"));
  }, [dispatch, select, notify]);

  const onEdgeClick = useCallback((_e: unknown, edge: Edge) => {
    const m = /^transition:(.+):(\d+)$/.exec(edge.id);
    if (m) select({ kind: "transition", pipeline: m[1]!, index: Number(m[2]) });
    const d = edge.data as { robot?: string; pipeline?: string; stage?: string } | undefined;
    if (edge.type === "tunnel" && d?.robot && d.pipeline && d.stage) select({ kind: "robot", pipeline: d.pipeline, stage: d.stage, robot: d.robot });
  }, [select]);

  const onNodeDoubleClick: NodeMouseHandler<FlowNode> = useCallback(() => useUiStore.getState().setTab("inspect"), []);
  const onPaneClick = useCallback(() => select({ kind: "blueprint" }), [select]);
  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target && !c.target.startsWith("lane:"), []);
  const defaultEdgeOptions = useMemo(() => ({ interactionWidth: 14 }), []);

  return (
    <div className={far ? "canvas is-far" : "canvas"} ref={container} data-testid="canvas" aria-label={t("canvas.label")}>
      <ReactFlow<FlowNode, Edge>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeDoubleClick={onNodeDoubleClick}
        onConnect={onConnect}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Strict}
        connectionRadius={28}
        defaultEdgeOptions={defaultEdgeOptions}
        deleteKeyCode={null}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        selectNodesOnDrag={false}
        nodeDragThreshold={3}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements
        proOptions={PRO_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#cbd5e1" />
        <MiniMap<FlowNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor="rgba(241,245,249,0.7)" ariaLabel={t("canvas.minimap")} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** The canvas with its React Flow provider. */
export function PipelineCanvas() {
  return (
    <ReactFlowProvider>
      <Canvas />
    </ReactFlowProvider>
  );
}
