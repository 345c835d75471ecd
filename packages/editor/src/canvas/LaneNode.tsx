/**
 * A pipeline's lane: a band behind its stages with the pipeline's name, colour and a hint of its
 * move rules. Clicking the band selects the pipeline.
 */
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import type { LaneFlowNode } from "../model/to-flow";
import { useLintStore } from "../store/lint-store";

function LaneNodeInner({ id, data, selected }: NodeProps<LaneFlowNode>) {
  const t = useT();
  const locale = useLocale();
  const { pipeline } = data;
  const issues = useLintStore((s) => s.byNode.get(id)?.length ?? 0);
  const color = pipeline.ui?.color ?? "#64748b";
  const rules = Array.isArray(pipeline.transitions) ? t("lane.transitions", { n: pipeline.transitions.length }) : t("lane.anyMove");
  return (
    <div
      className={`lane-node${selected ? " is-selected" : ""}${issues ? " has-errors" : ""}`}
      style={{ ["--lane-color" as string]: color }}
      data-testid={`lane-${pipeline.id}`}
    >
      <div className="lane-head">
        <span className="lane-swatch" />
        <span className="lane-title">{textOf(pipeline.label, locale) || pipeline.id}</span>
        <span className="lane-meta">{pipeline.id} · {t("lane.stages", { n: pipeline.stages.length })} · {rules}</span>
        {issues ? <span className="stage-issues is-error" title={t("lint.count", { n: issues })}>{issues}</span> : null}
      </div>
    </div>
  );
}

/** The memoised lane node (registered as node type `lane`). */
export const LaneNode = memo(LaneNodeInner);
