/**
 * The blueprint itself in the inspector (nothing selected): name and description, what it
 * holds, and how to get around the canvas.
 */
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { addPipeline } from "../store/commands";
import { useEditorStore } from "../store/editor-store";
import { TextInput } from "./TextInput";

/** The blueprint inspector (see the module comment). */
export function BlueprintInspector() {
  const t = useT();
  const locale = useLocale();
  const bp = useEditorStore((s) => s.blueprint);
  const dispatch = useEditorStore((s) => s.dispatch);
  const stages = bp.pipelines.reduce((n, p) => n + p.stages.length, 0);
  const robots = bp.pipelines.reduce((n, p) => n + p.stages.reduce((m, s) => m + s.robots.length, 0), 0);
  const triggers = bp.pipelines.reduce((n, p) => n + p.stages.reduce((m, s) => m + s.triggers.length, 0), 0);
  return (
    <div className="inspector-body" data-testid="inspector-blueprint">
      <header className="inspector-head">
        <div className="eyebrow">{t("inspector.blueprint")} · {bp.id}</div>
        <h2>{textOf(bp.name, locale) || bp.id}</h2>
        {bp.description ? <p className="help">{textOf(bp.description, locale)}</p> : null}
      </header>
      <section className="section">
        <label className="field-label">{t("inspector.name")}</label>
        <TextInput value={bp.name} label={t("inspector.name")} onChange={(name) => dispatch({ type: "blueprint.update", name }, { coalesce: "blueprint:name" })} />
        <dl className="facts">
          <div><dt>{t("facts.pipelines")}</dt><dd>{bp.pipelines.length}</dd></div>
          <div><dt>{t("facts.stages")}</dt><dd>{stages}</dd></div>
          <div><dt>{t("facts.robots")}</dt><dd>{robots}</dd></div>
          <div><dt>{t("facts.triggers")}</dt><dd>{triggers}</dd></div>
          <div><dt>{t("facts.fields")}</dt><dd>{bp.fields.length}</dd></div>
          <div><dt>{t("facts.calendar")}</dt><dd>{bp.defaultCalendar ?? "—"}</dd></div>
        </dl>
        <button type="button" className="btn btn-small" onClick={() => addPipeline()} data-testid="add-pipeline">+ {t("toolbar.addPipeline")}</button>
      </section>
      <section className="section">
        <h3>{t("help.title")}</h3>
        <ul className="help-list">
          <li>{t("help.select")}</li>
          <li>{t("help.drag")}</li>
          <li>{t("help.tunnel")}</li>
          <li>{t("help.keys")}</li>
        </ul>
      </section>
    </div>
  );
}
