/**
 * A stage in the inspector: label (in each locale), id, kind, colour, order, its robots and
 * triggers, its problems, and copy / duplicate / delete.
 */
import type { StageKind } from "@voronka/engine";
import { useMemo } from "react";
import { KIND_COLORS } from "../canvas/StageNode";
import { useLocale, useT } from "../i18n";
import { stageNodeId } from "../model/to-flow";
import { textOf } from "../model/text";
import { copy, duplicate, removeSelection } from "../store/commands";
import { useEditorStore } from "../store/editor-store";
import { useLintStore } from "../store/lint-store";
import { useUiStore } from "../store/ui-store";
import { ColorPicker } from "./ColorPicker";
import { IssueList } from "./IssueList";
import { ItemList } from "./ItemList";
import { SlugInput } from "./SlugInput";
import { TextInput } from "./TextInput";

const KINDS: StageKind[] = ["process", "success", "failure"];
const EMPTY: never[] = [];

/** The stage inspector (see the module comment). */
export function StageInspector({ pipeline, stage }: { pipeline: string; stage: string }) {
  const t = useT();
  const locale = useLocale();
  const p = useEditorStore((s) => s.blueprint.pipelines.find((x) => x.id === pipeline));
  const dispatch = useEditorStore((s) => s.dispatch);
  const select = useUiStore((s) => s.select);
  const issues = useLintStore((s) => s.byNode.get(stageNodeId(pipeline, stage))) ?? EMPTY;
  const s = p?.stages.find((x) => x.id === stage);
  const taken = useMemo(() => new Set(p?.stages.filter((x) => x.id !== stage).map((x) => x.id) ?? []), [p, stage]);
  if (!p || !s) return <p className="muted">{t("inspector.gone")}</p>;
  const index = p.stages.indexOf(s);
  const where = { pipeline, stage };

  return (
    <div className="inspector-body" data-testid="inspector-stage">
      <header className="inspector-head">
        <div className="eyebrow">{t("inspector.stage")} · {textOf(p.label, locale) || pipeline}</div>
        <h2 style={{ borderColor: s.ui?.color ?? KIND_COLORS[s.kind] }}>{textOf(s.label, locale) || s.id}</h2>
      </header>
      <IssueList issues={issues} testId="stage-issue" />
      <section className="section">
        <label className="field-label">{t("inspector.label")}</label>
        <TextInput value={s.label} label={t("inspector.label")} testId="stage-label"
          onChange={(label) => dispatch({ type: "stage.rename", ...where, label }, { coalesce: `stage:${pipeline}/${stage}:label` })} />
        <div className="grid-2">
          <div>
            <label className="field-label">{t("inspector.id")}</label>
            <SlugInput value={s.id} taken={taken} label={t("inspector.id")} testId="stage-id"
              onCommit={(id) => { if (dispatch({ type: "stage.set-id", ...where, id })) select({ kind: "stage", pipeline, stage: id }); }} />
          </div>
          <div>
            <label className="field-label" htmlFor="stage-kind">{t("inspector.kind")}</label>
            <select id="stage-kind" className="input" value={s.kind} onChange={(e) => dispatch({ type: "stage.set-kind", ...where, kind: e.target.value as StageKind })}>
              {KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
            </select>
          </div>
        </div>
        <label className="field-label">{t("inspector.color")}</label>
        <ColorPicker value={s.ui?.color ?? null} label={t("inspector.color")} onChange={(color) => dispatch({ type: "stage.recolor", ...where, color })} />
        <div className="actions">
          <button type="button" className="btn btn-small" disabled={index === 0} onClick={() => dispatch({ type: "stage.move", ...where, index: index - 1 })}>← {t("inspector.moveLeft")}</button>
          <button type="button" className="btn btn-small" disabled={index === p.stages.length - 1} onClick={() => dispatch({ type: "stage.move", ...where, index: index + 1 })}>{t("inspector.moveRight")} →</button>
        </div>
      </section>
      <section className="section">
        <h3>{t("stage.robots")} <span className="count">{s.robots.length}</span></h3>
        <p className="hint">{t("inspector.robotsHint")}</p>
        <ItemList kind="robot" items={s.robots} pipeline={pipeline} stage={stage} />
      </section>
      <section className="section">
        <h3>{t("stage.triggers")} <span className="count">{s.triggers.length}</span></h3>
        <p className="hint">{t("inspector.triggersHint")}</p>
        <ItemList kind="trigger" items={s.triggers} pipeline={pipeline} stage={stage} />
      </section>
      <section className="section actions">
        <button type="button" className="btn btn-small" onClick={() => copy()}>{t("command.copy")}</button>
        <button type="button" className="btn btn-small" onClick={() => duplicate()}>{t("command.duplicate")}</button>
        <button type="button" className="btn btn-small btn-danger" onClick={() => removeSelection()} disabled={p.stages.length <= 1} data-testid="delete-stage">{t("command.delete")}</button>
      </section>
    </div>
  );
}
