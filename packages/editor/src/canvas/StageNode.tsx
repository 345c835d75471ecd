/**
 * A stage on the canvas: its order, label and kind, live figures, the robots and triggers as
 * chips, and handles to draw moves (left/right) and tunnels (top/bottom). Memoised: it re-renders
 * only when its stage object, selection, figures or issues change.
 */
import { Handle, Position, useConnection, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import type { StageFlowNode } from "../model/to-flow";
import { useFiguresStore } from "../store/figures-store";
import { useLintStore } from "../store/lint-store";
import { Chip } from "./Chip";
import { StageFiguresRow } from "./StageFiguresRow";

/** The default accent of each stage kind (a stage's own `ui.color` wins). */
export const KIND_COLORS = { process: "#4f46e5", success: "#16a34a", failure: "#dc2626" } as const;

function StageNodeInner({ id, data, selected }: NodeProps<StageFlowNode>) {
  const t = useT();
  const locale = useLocale();
  const { stage, pipeline, order } = data;
  const issues = useLintStore((s) => s.byNode.get(id));
  const errors = issues?.filter((i) => i.severity !== "warning").length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  const figures = useFiguresStore((s) => s.byRef[id]);
  // While a connection is being drawn, the whole node becomes a drop target ("easy connect").
  const dropTarget = useConnection((c) => c.inProgress && c.fromNode.id !== id);
  const color = stage.ui?.color ?? KIND_COLORS[stage.kind];
  const label = textOf(stage.label, locale) || stage.id;

  const classes = ["stage-node", `stage-${stage.kind}`, selected ? "is-selected" : "", errors ? "has-errors" : warnings ? "has-warnings" : ""];
  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      style={{ ["--stage-color" as string]: color }}
      data-testid={`stage-${pipeline}-${stage.id}`}
      data-invalid={errors > 0 ? "true" : undefined}
    >
      <Handle type="target" position={Position.Left} id="in" className="handle handle-move" />
      <Handle type="target" position={Position.Top} id="tunnel-in" className="handle handle-tunnel" />
      {dropTarget ? <Handle type="target" position={Position.Left} id="drop" className="handle-drop" /> : null}
      <header className="stage-head">
        <span className={`stage-order stage-order-${stage.kind}`} aria-label={t(`kind.${stage.kind}`)}>
          {stage.kind === "process" ? order : stage.kind === "success" ? "✓" : "✕"}
        </span>
        <span className="stage-label" title={`${label} (${stage.id})`}>{label}</span>
        {data.fromAny ? <span className="stage-any" title={t("stage.fromAny")}>✱</span> : null}
        {errors || warnings ? (
          <span className={`stage-issues ${errors ? "is-error" : "is-warning"}`} title={t("lint.count", { n: errors + warnings })} data-testid={`stage-issues-${pipeline}-${stage.id}`}>
            {errors || warnings}
          </span>
        ) : null}
      </header>
      {figures ? <StageFiguresRow figures={figures} /> : null}
      {stage.robots.length ? (
        <div className="chip-list" role="list" aria-label={t("stage.robots")}>
          {stage.robots.map((r) => <Chip key={r.id} kind="robot" item={r} pipeline={pipeline} stage={stage.id} />)}
        </div>
      ) : null}
      {stage.triggers.length ? (
        <div className="chip-list chip-list-triggers" role="list" aria-label={t("stage.triggers")}>
          {stage.triggers.map((tr) => <Chip key={tr.id} kind="trigger" item={tr} pipeline={pipeline} stage={stage.id} />)}
        </div>
      ) : null}
      {!stage.robots.length && !stage.triggers.length ? <div className="stage-empty">{t("stage.empty")}</div> : null}
      <Handle type="source" position={Position.Right} id="out" className="handle handle-move" />
      <Handle type="source" position={Position.Bottom} id="tunnel-out" className="handle handle-tunnel" />
    </div>
  );
}

/** The memoised stage node (registered as node type `stage`). */
export const StageNode = memo(StageNodeInner);
