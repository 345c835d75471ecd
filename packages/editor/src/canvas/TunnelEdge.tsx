/**
 * A tunnel between lanes: the `copyToTunnel` robot of the source stage, drawn from its stage to
 * the target stage, labelled copy or move (and ◷ when delayed). Clicking selects the robot.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useT } from "../i18n";
import type { TunnelFlowEdge } from "../model/to-flow";
import { useUiStore } from "../store/ui-store";

function TunnelEdgeInner({ id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd }: EdgeProps<TunnelFlowEdge>) {
  const t = useT();
  const select = useUiStore((s) => s.select);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.35 });
  const mode = data?.mode === "move" ? t("tunnel.move") : t("tunnel.copy");
  return (
    <>
      <BaseEdge id={id} path={path} className={`tunnel-edge${selected ? " is-selected" : ""}`} {...(markerEnd ? { markerEnd } : {})} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`tunnel-label nodrag nopan${selected ? " is-selected" : ""}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`tunnel-${data?.robot ?? id}`}
          onClick={() => data && select({ kind: "robot", pipeline: data.pipeline, stage: data.stage, robot: data.robot })}
          title={t("tunnel.title")}
        >
          ⇆ {mode}{data?.delayed ? " ◷" : ""}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

/** The memoised tunnel edge (registered as edge type `tunnel`). */
export const TunnelEdge = memo(TunnelEdgeInner);
