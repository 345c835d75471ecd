/**
 * A robot or trigger on its stage node: icon, summary, markers for a delay, a condition or a
 * disabled robot, and a red mark when the linter found problems in it. Clicking selects it.
 */
import type { Robot, Trigger } from "@voronka/engine";
import { memo, useCallback, type MouseEvent } from "react";
import { useLocale, useT } from "../i18n";
import { itemKey } from "../model/issue-target";
import { textOf } from "../model/text";
import { useCatalogueEntry } from "../store/use-catalogue";
import { useLintStore } from "../store/lint-store";
import { useUiStore } from "../store/ui-store";
import { chipIcon, robotSummary, triggerSummary } from "./chip-info";

/** The chip's props: the item and where it sits. */
export interface ChipProps {
  kind: "robot" | "trigger";
  item: Robot | Trigger;
  pipeline: string;
  stage: string;
}

function ChipInner({ kind, item, pipeline, stage }: ChipProps) {
  const t = useT();
  const locale = useLocale();
  const entry = useCatalogueEntry(kind, item.type);
  const issues = useLintStore((s) => s.byItem.get(itemKey(pipeline, stage, kind, item.id))?.length ?? 0);
  const selected = useUiStore((s) => {
    const sel = s.selection;
    if (!sel || sel.kind !== kind || sel.pipeline !== pipeline || sel.stage !== stage) return false;
    return (sel.kind === "robot" ? sel.robot : sel.kind === "trigger" ? sel.trigger : null) === item.id;
  });
  const select = useUiStore((s) => s.select);
  const typeLabel = entry ? textOf(entry.label, locale) : item.type;
  const summary = kind === "robot" ? robotSummary(item as Robot, locale) : triggerSummary(item as Trigger);
  const robot = kind === "robot" ? (item as Robot) : null;

  const onClick = useCallback((e: MouseEvent) => {
    e.stopPropagation();
    select(kind === "robot" ? { kind, pipeline, stage, robot: item.id } : { kind: "trigger", pipeline, stage, trigger: item.id });
  }, [select, kind, pipeline, stage, item.id]);

  const classes = ["chip", "nodrag", `chip-${kind}`, selected ? "is-selected" : "", issues ? "has-issues" : "", robot?.enabled === false ? "is-disabled" : "", entry ? "" : "is-unknown"];
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(" ")}
      onClick={onClick}
      data-testid={`chip-${kind}-${item.id}`}
      title={`${typeLabel} · ${item.id}${issues ? ` · ${t("lint.count", { n: issues })}` : ""}`}
      aria-pressed={selected}
    >
      <span className="chip-icon" aria-hidden>{chipIcon(kind, item.type)}</span>
      <span className="chip-text">{summary || typeLabel}</span>
      {robot?.delay ? <span className="chip-mark" title={t("chip.delayed")}>◷</span> : null}
      {item.condition !== undefined ? <span className="chip-mark" title={t("chip.conditional")}>?</span> : null}
      {issues ? <span className="chip-mark chip-issue" aria-label={t("lint.count", { n: issues })}>!</span> : null}
    </button>
  );
}

/** A memoised chip (see the module comment). */
export const Chip = memo(ChipInner);
