/**
 * A stage's robots or triggers in the inspector: each row selects its item and can move it up or
 * down; a type picker from the catalogue adds a new one.
 */
import type { Robot, Trigger } from "@voronka/engine";
import { useState } from "react";
import { chipIcon, robotSummary, triggerSummary } from "../canvas/chip-info";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { addRobot, addTrigger } from "../store/commands";
import { useEditorStore } from "../store/editor-store";
import { useCatalogueKind } from "../store/use-catalogue";
import { useUiStore } from "../store/ui-store";

/** Props: robots or triggers, of which stage. */
export interface ItemListProps {
  kind: "robot" | "trigger";
  items: readonly (Robot | Trigger)[];
  pipeline: string;
  stage: string;
}

/** The list with its add row (see the module comment). */
export function ItemList({ kind, items, pipeline, stage }: ItemListProps) {
  const t = useT();
  const locale = useLocale();
  const entries = useCatalogueKind(kind);
  const dispatch = useEditorStore((s) => s.dispatch);
  const select = useUiStore((s) => s.select);
  const [type, setType] = useState(kind === "robot" ? "createTask" : "fieldChanged");
  const labelOf = (tp: string) => textOf(entries.find((e) => e.type === tp)?.label, locale) || tp;
  const move = (id: string, index: number) =>
    dispatch(kind === "robot" ? { type: "robot.move", pipeline, stage, robot: id, index } : { type: "trigger.move", pipeline, stage, trigger: id, index });

  return (
    <div className="item-list">
      {items.length ? (
        <ol>
          {items.map((item, i) => {
            const summary = kind === "robot" ? robotSummary(item as Robot, locale) : triggerSummary(item as Trigger);
            return (
              <li key={item.id} className="item-row">
                <button type="button" className="item-open" onClick={() => select(kind === "robot" ? { kind, pipeline, stage, robot: item.id } : { kind: "trigger", pipeline, stage, trigger: item.id })}>
                  <span className="chip-icon" aria-hidden>{chipIcon(kind, item.type)}</span>
                  <span className="item-type">{labelOf(item.type)}</span>
                  {summary ? <span className="item-summary">{summary}</span> : null}
                </button>
                <button type="button" className="icon-btn" onClick={() => move(item.id, i - 1)} disabled={i === 0} aria-label={t("inspector.moveUp")}>↑</button>
                <button type="button" className="icon-btn" onClick={() => move(item.id, i + 1)} disabled={i === items.length - 1} aria-label={t("inspector.moveDown")}>↓</button>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{t(kind === "robot" ? "inspector.noRobots" : "inspector.noTriggers")}</p>
      )}
      <div className="add-row">
        <select className="input" value={type} onChange={(e) => setType(e.target.value)} aria-label={t(kind === "robot" ? "inspector.robotType" : "inspector.triggerType")}>
          {entries.map((e) => <option key={e.type} value={e.type}>{textOf(e.label, locale) || e.type}</option>)}
        </select>
        <button type="button" className="btn btn-small" onClick={() => (kind === "robot" ? addRobot(type) : addTrigger(type))} data-testid={kind === "robot" ? "inspector-add-robot" : "inspector-add-trigger"}>
          + {t(kind === "robot" ? "inspector.addRobot" : "inspector.addTrigger")}
        </button>
      </div>
    </div>
  );
}
