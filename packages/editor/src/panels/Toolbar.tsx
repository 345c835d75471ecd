/**
 * The editor's toolbar: the blueprint's name and save state, undo/redo, adding stages and robots,
 * auto-layout, import/export, save, publish and simulate.
 */
import { useStore } from "zustand";
import { useLocale, useT } from "../i18n";
import { textOf } from "../model/text";
import { addRobot, addStage, applyAutoLayout } from "../store/commands";
import { useDraftStore } from "../store/draft-store";
import { redo, undo, useEditorStore } from "../store/editor-store";
import { useLintStore } from "../store/lint-store";
import { saveDraft } from "../store/server-actions";
import { useSessionStore } from "../store/session-store";
import { useUiStore } from "../store/ui-store";
import { exportBlueprint } from "./ImportExport";

/** The toolbar (see the module comment). */
export function Toolbar() {
  const t = useT();
  const locale = useLocale();
  const name = useEditorStore((s) => textOf(s.blueprint.name, locale) || s.blueprint.id);
  const dirty = useEditorStore((s) => s.blueprint) !== useDraftStore((s) => s.saved);
  const status = useDraftStore((s) => s.status);
  const canUndo = useStore(useEditorStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useEditorStore.temporal, (s) => s.futureStates.length > 0);
  const online = useSessionStore((s) => s.client !== null);
  const errors = useLintStore((s) => s.errors);
  const ui = useUiStore();
  const stageSelected = ui.selection?.kind === "stage" || ui.selection?.kind === "robot" || ui.selection?.kind === "trigger";
  const state = status === "saving" ? t("toolbar.saving") : status === "loading" ? t("common.loading") : !online ? t("toolbar.offline") : dirty ? t("toolbar.unsaved") : t("toolbar.saved");

  return (
    <div className="toolbar" role="toolbar" aria-label={t("toolbar.label")}>
      <div className="toolbar-title">
        <span className="doc-name" title={name}>{name}</span>
        <span className={`doc-state${dirty ? " is-dirty" : ""}`} data-testid="save-state">{state}</span>
      </div>
      <div className="toolbar-group">
        <button type="button" className="btn btn-icon" onClick={() => undo()} disabled={!canUndo} title={`${t("toolbar.undo")} (Ctrl+Z)`} aria-label={t("toolbar.undo")} data-testid="undo">↶</button>
        <button type="button" className="btn btn-icon" onClick={() => redo()} disabled={!canRedo} title={`${t("toolbar.redo")} (Ctrl+Shift+Z)`} aria-label={t("toolbar.redo")} data-testid="redo">↷</button>
      </div>
      <div className="toolbar-group">
        <button type="button" className="btn" onClick={() => addStage()} data-testid="add-stage">+ {t("toolbar.addStage")}</button>
        <button type="button" className="btn" onClick={() => addRobot()} disabled={!stageSelected} title={stageSelected ? undefined : t("command.selectStage")} data-testid="add-robot">+ {t("toolbar.addRobot")}</button>
        <button type="button" className="btn" onClick={() => applyAutoLayout()} title={t("toolbar.layoutTitle")} data-testid="auto-layout">{t("toolbar.layout")}</button>
      </div>
      <div className="toolbar-group">
        <button type="button" className="btn" onClick={() => ui.openDialog({ kind: "import" })} data-testid="import">{t("toolbar.import")}</button>
        <button type="button" className="btn" onClick={exportBlueprint} data-testid="export">{t("toolbar.export")}</button>
      </div>
      <div className="toolbar-spacer" />
      <div className="toolbar-group">
        <button type="button" className={`btn${ui.tab === "simulate" ? " is-active" : ""}`} onClick={() => ui.setTab("simulate")} data-testid="simulate">▶ {t("toolbar.simulate")}</button>
        <button type="button" className="btn" onClick={() => void saveDraft()} disabled={!online || status !== "idle"} title={`${t("toolbar.save")} (Ctrl+S)`} data-testid="save">{t("toolbar.save")}</button>
        <button type="button" className="btn btn-primary" onClick={() => ui.openDialog({ kind: "publish" })} disabled={!online || status !== "idle"}
          title={errors ? t("publish.refused", { n: errors }) : undefined} data-testid="publish">{t("toolbar.publish")}</button>
      </div>
    </div>
  );
}
