/**
 * A pipeline in the inspector: label, id, colour, lane order, move rules (transitions), adding a
 * stage, and deleting the pipeline.
 */
import { useMemo } from "react";
import { useLocale, useT } from "../i18n";
import { laneNodeId } from "../model/to-flow";
import { textOf } from "../model/text";
import { addStage, removeSelection } from "../store/commands";
import { useEditorStore } from "../store/editor-store";
import { useLintStore } from "../store/lint-store";
import { useUiStore } from "../store/ui-store";
import { ColorPicker } from "./ColorPicker";
import { IssueList } from "./IssueList";
import { SlugInput } from "./SlugInput";
import { TextInput } from "./TextInput";
import { TransitionsEditor } from "./TransitionsEditor";

const EMPTY: never[] = [];

/** The pipeline inspector (see the module comment). */
export function PipelineInspector({ pipeline, transition }: { pipeline: string; transition: number | null }) {
  const t = useT();
  const locale = useLocale();
  const pipelines = useEditorStore((s) => s.blueprint.pipelines);
  const dispatch = useEditorStore((s) => s.dispatch);
  const select = useUiStore((s) => s.select);
  const issues = useLintStore((s) => s.byNode.get(laneNodeId(pipeline))) ?? EMPTY;
  const p = pipelines.find((x) => x.id === pipeline);
  const taken = useMemo(() => new Set(pipelines.filter((x) => x.id !== pipeline).map((x) => x.id)), [pipelines, pipeline]);
  if (!p) return <p className="muted">{t("inspector.gone")}</p>;
  const index = pipelines.indexOf(p);

  return (
    <div className="inspector-body" data-testid="inspector-pipeline">
      <header className="inspector-head">
        <div className="eyebrow">{t("inspector.pipeline")}</div>
        <h2>{textOf(p.label, locale) || p.id}</h2>
      </header>
      <IssueList issues={issues} testId="pipeline-issue" />
      <section className="section">
        <label className="field-label">{t("inspector.label")}</label>
        <TextInput value={p.label} label={t("inspector.label")} testId="pipeline-label"
          onChange={(label) => dispatch({ type: "pipeline.update", pipeline, label }, { coalesce: `pipeline:${pipeline}:label` })} />
        <label className="field-label">{t("inspector.id")}</label>
        <SlugInput value={p.id} taken={taken} label={t("inspector.id")}
          onCommit={(id) => { if (dispatch({ type: "pipeline.set-id", pipeline, id })) select({ kind: "pipeline", pipeline: id }); }} />
        <label className="field-label">{t("inspector.color")}</label>
        <ColorPicker value={p.ui?.color ?? null} label={t("inspector.color")} onChange={(color) => dispatch({ type: "pipeline.update", pipeline, color })} />
        <div className="actions">
          <button type="button" className="btn btn-small" disabled={index === 0} onClick={() => dispatch({ type: "pipeline.move", pipeline, index: index - 1 })}>↑ {t("inspector.moveUp")}</button>
          <button type="button" className="btn btn-small" disabled={index === pipelines.length - 1} onClick={() => dispatch({ type: "pipeline.move", pipeline, index: index + 1 })}>↓ {t("inspector.moveDown")}</button>
          <button type="button" className="btn btn-small" onClick={() => addStage()}>+ {t("toolbar.addStage")}</button>
        </div>
      </section>
      <section className="section">
        <h3>{t("transitions.title")}</h3>
        <TransitionsEditor pipeline={p} selected={transition} />
      </section>
      <section className="section actions">
        <button type="button" className="btn btn-small btn-danger" onClick={() => removeSelection()} disabled={pipelines.length <= 1} data-testid="delete-pipeline">{t("command.deletePipeline")}</button>
      </section>
    </div>
  );
}
