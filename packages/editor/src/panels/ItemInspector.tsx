/**
 * A robot or trigger in the inspector: type and help from the catalogue, id, the params form
 * generated from the catalogue's JSON Schema, the delay (robots) and the condition, position,
 * and copy / duplicate / delete. Every edit is one operation; typing in one place is one undo step.
 */
import type { Delay, JsonLogic, Robot, Trigger } from "@voronka/engine";
import { useMemo } from "react";
import { useLocale, useT } from "../i18n";
import { itemKey } from "../model/issue-target";
import { itemIds } from "../model/ids";
import { isStandInRobot, editorRegistry } from "../model/registry";
import { findStage } from "../model/selection";
import { textOf } from "../model/text";
import { copy, duplicate, removeSelection } from "../store/commands";
import { useEditorStore } from "../store/editor-store";
import { useLintStore } from "../store/lint-store";
import { useSessionStore } from "../store/session-store";
import { useCatalogueEntry } from "../store/use-catalogue";
import { useUiStore } from "../store/ui-store";
import { ConditionBuilder } from "./ConditionBuilder";
import { IssueList } from "./IssueList";
import { ParamsForm } from "./ParamsForm";
import { RawParams } from "./RawParams";
import { SlugInput } from "./SlugInput";
import { TimingEditor } from "./TimingEditor";
import { useConditionFields, useParamsFormContext } from "./use-condition-fields";

const EMPTY: never[] = [];

/** Props: which item, where. */
export interface ItemInspectorProps {
  kind: "robot" | "trigger";
  pipeline: string;
  stage: string;
  id: string;
}

/** The robot/trigger inspector (see the module comment). */
export function ItemInspector({ kind, pipeline, stage, id }: ItemInspectorProps) {
  const t = useT();
  const locale = useLocale();
  const stageObj = useEditorStore((s) => findStage(s.blueprint, pipeline, stage));
  const dispatch = useEditorStore((s) => s.dispatch);
  const select = useUiStore((s) => s.select);
  const catalogue = useSessionStore((s) => s.catalogue);
  const list = (kind === "robot" ? stageObj?.robots : stageObj?.triggers) as (Robot | Trigger)[] | undefined;
  const item = list?.find((x) => x.id === id);
  const entry = useCatalogueEntry(kind, item?.type ?? "");
  const issues = useLintStore((s) => s.byItem.get(itemKey(pipeline, stage, kind, id))) ?? EMPTY;
  const robot = kind === "robot" ? (item as Robot | undefined) : undefined;
  const guard = robot?.type === "requireFields";
  const conditionContext = useMemo(
    () => (kind === "trigger" ? { kind: "trigger" as const, eventFields: entry?.eventFields ?? [] } : guard ? { kind: "move" as const } : { kind: "robot" as const, delayed: robot?.delay !== undefined }),
    [kind, entry, guard, robot?.delay],
  );
  const fields = useConditionFields(conditionContext);
  const formContext = useParamsFormContext(pipeline, conditionContext);
  const blueprint = useEditorStore((s) => s.blueprint);
  const allIds = useMemo(() => itemIds(blueprint), [blueprint]);
  if (!item || !list || !stageObj) return <p className="muted">{t("inspector.gone")}</p>;

  const index = list.indexOf(item);
  const where = { pipeline, stage };
  const update = (next: Robot | Trigger, coalesce?: string) =>
    dispatch(kind === "robot" ? { type: "robot.update", ...where, robot: id, next: next as Robot } : { type: "trigger.update", ...where, trigger: id, next: next as Trigger }, coalesce ? { coalesce: `${kind}:${id}:${coalesce}` } : {});
  const patch = (key: string, value: unknown, coalesce?: string) => {
    const next = { ...item } as Record<string, unknown>;
    if (value === undefined) delete next[key];
    else next[key] = value;
    update(next as unknown as Robot | Trigger, coalesce);
  };
  const move = (to: number) => dispatch(kind === "robot" ? { type: "robot.move", ...where, robot: id, index: to } : { type: "trigger.move", ...where, trigger: id, index: to });
  const rename = (newId: string) => {
    update({ ...item, id: newId });
    select(kind === "robot" ? { kind, ...where, robot: newId } : { kind, ...where, trigger: newId });
  };
  const notSimulated = kind === "robot" && item.type !== "" && isStandInRobot(editorRegistry(catalogue), item.type);
  const takenIds = new Set([...allIds].filter((x) => x !== id));

  return (
    <div className="inspector-body" data-testid={`inspector-${kind}`}>
      <header className="inspector-head">
        <div className="eyebrow">{t(kind === "robot" ? "inspector.robot" : "inspector.trigger")} · {textOf(stageObj.label, locale) || stage}</div>
        <h2>{entry ? textOf(entry.label, locale) : item.type}</h2>
        {entry ? <p className="help">{textOf(entry.help, locale)}</p> : <p className="field-error">{t("inspector.unknownType", { type: item.type })}</p>}
        {notSimulated ? <p className="note">{t("inspector.notSimulated")}</p> : null}
      </header>
      <IssueList issues={issues} testId="item-issue" />
      <section className="section">
        <label className="field-label">{t("inspector.id")}</label>
        <SlugInput value={id} taken={takenIds} onCommit={rename} label={t("inspector.id")} testId="item-id" />
        {robot ? (
          <label className="checkbox">
            <input type="checkbox" checked={robot.enabled !== false} onChange={(e) => patch("enabled", e.target.checked ? undefined : false)} data-testid="robot-enabled" />
            <span>{t("inspector.enabled")}</span>
          </label>
        ) : (
          <label className="checkbox">
            <input type="checkbox" checked={(item as Trigger).allowBackward === true} onChange={(e) => patch("allowBackward", e.target.checked ? true : undefined)} />
            <span>{t("inspector.allowBackward")}</span>
          </label>
        )}
      </section>
      <section className="section">
        <h3>{t("inspector.params")}</h3>
        {entry ? (
          <ParamsForm key={`${id}:${item.type}`} entry={entry} value={item.params} context={formContext} onChange={(params) => patch("params", params, "params")} />
        ) : (
          <RawParams value={item.params} onChange={(params) => patch("params", params, "params")} />
        )}
      </section>
      {robot && !guard ? (
        <section className="section">
          <h3>{t("inspector.delay")}</h3>
          <TimingEditor
            value={robot.delay}
            mode="delay"
            fields={formContext.blueprint.fields}
            eventTypes={formContext.eventTypes}
            locale={locale}
            onChange={(delay) => patch("delay", delay as Delay | undefined, "delay")}
            testId="robot-delay"
          />
        </section>
      ) : null}
      <section className="section">
        <h3>{t(guard ? "inspector.guardCondition" : "inspector.condition")}</h3>
        <ConditionBuilder key={id} value={item.condition as JsonLogic | undefined} fields={fields} onChange={(c) => patch("condition", c, "condition")} testId="item-condition" />
      </section>
      <section className="section actions">
        <button type="button" className="btn btn-small" onClick={() => move(index - 1)} disabled={index === 0} aria-label={t("inspector.moveUp")}>↑ {t("inspector.moveUp")}</button>
        <button type="button" className="btn btn-small" onClick={() => move(index + 1)} disabled={index === list.length - 1} aria-label={t("inspector.moveDown")}>↓ {t("inspector.moveDown")}</button>
        <button type="button" className="btn btn-small" onClick={() => copy()}>{t("command.copy")}</button>
        <button type="button" className="btn btn-small" onClick={() => duplicate()}>{t("command.duplicate")}</button>
        <button type="button" className="btn btn-small btn-danger" onClick={() => removeSelection()} data-testid={`delete-${kind}`}>{t("command.delete")}</button>
      </section>
    </div>
  );
}
