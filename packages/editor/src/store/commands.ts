/**
 * The editor's commands, shared by the toolbar, the inspector and the keyboard: add a pipeline,
 * stage, robot or trigger; copy, paste, duplicate and delete the selection; auto-layout. Each
 * builds operations from the model and dispatches them (one undo step each).
 */
import { t } from "../i18n";
import { copySelection, deleteOperation, pasteOperation } from "../model/clipboard";
import { newPipeline, newRobot, newStage, newTrigger } from "../model/defaults";
import { isSlug, itemIds, slugify, stageIds, uniqueId } from "../model/ids";
import { autoLayout, placeInserted } from "../model/layout";
import type { Operation } from "../model/operations";
import { findStage } from "../model/selection";
import { selectionNodeId } from "../model/selection";
import { useEditorStore } from "./editor-store";
import { useUiStore } from "./ui-store";

const state = () => ({ bp: useEditorStore.getState().blueprint, ui: useUiStore.getState() });

function run(operation: Operation): boolean {
  return useEditorStore.getState().dispatch(operation);
}

/** The stage the selection is on, if any. */
function selectedStage(): { pipeline: string; stage: string } | null {
  const sel = useUiStore.getState().selection;
  return sel && (sel.kind === "stage" || sel.kind === "robot" || sel.kind === "trigger") ? { pipeline: sel.pipeline, stage: sel.stage } : null;
}

/** Adds a pipeline at the end and selects it. */
export function addPipeline(): void {
  const { bp, ui } = state();
  const id = uniqueId("pipeline", bp.pipelines.map((p) => p.id));
  if (run({ type: "pipeline.add", pipeline: newPipeline(id, { en: "New pipeline", ru: "Новая воронка" }) })) ui.select({ kind: "pipeline", pipeline: id });
}

/** Adds a process stage after the selected stage (or at the end of the selected pipeline's process stages). */
export function addStage(): void {
  const { bp, ui } = state();
  const sel = ui.selection;
  const pipelineId = sel && sel.kind !== "blueprint" ? sel.pipeline : bp.pipelines[0]?.id;
  const pipeline = bp.pipelines.find((p) => p.id === pipelineId);
  if (!pipeline) return;
  const at = selectedStage();
  const after = at && findStage(bp, at.pipeline, at.stage)?.kind === "process" ? at.stage : null;
  const index = after ? pipeline.stages.findIndex((s) => s.id === after) + 1 : pipeline.stages.filter((s) => s.kind === "process").length;
  const id = uniqueId("stage", stageIds(bp, pipeline.id));
  const add: Operation = { type: "stage.add", pipeline: pipeline.id, stage: newStage(id, { en: "New stage", ru: "Новая стадия" }), index };
  const positions = placeInserted(pipeline, after, id);
  const op: Operation = Object.keys(positions).length ? { type: "batch", operations: [add, { type: "layout.apply", positions }] } : add;
  if (run(op)) ui.select({ kind: "stage", pipeline: pipeline.id, stage: id });
}

const idFor = (type: string): string => (isSlug(type) ? type : slugify(type, "item"));

/** Adds a robot of `type` to the selected stage and selects it. */
export function addRobot(type = "createTask"): void {
  const { bp, ui } = state();
  const at = selectedStage();
  if (!at) {
    ui.notify("info", t("command.selectStage"));
    return;
  }
  const id = uniqueId(idFor(type), itemIds(bp));
  if (run({ type: "robot.add", ...at, robot: newRobot(type, id, { workingTime: bp.defaultCalendar !== undefined }) })) ui.select({ kind: "robot", ...at, robot: id });
}

/** Adds a trigger of `type` to the selected stage and selects it. */
export function addTrigger(type = "fieldChanged"): void {
  const { bp, ui } = state();
  const at = selectedStage();
  if (!at) {
    ui.notify("info", t("command.selectStage"));
    return;
  }
  const id = uniqueId(idFor(type), itemIds(bp));
  if (run({ type: "trigger.add", ...at, trigger: newTrigger(type, id) })) ui.select({ kind: "trigger", ...at, trigger: id });
}

/** Copies the selected stage, robot or trigger. */
export function copy(): boolean {
  const { bp, ui } = state();
  const content = copySelection(bp, ui.selection);
  if (!content) return false;
  ui.setClipboard(content);
  try {
    void navigator.clipboard?.writeText(JSON.stringify(content, null, 2)).catch(() => undefined);
  } catch {
    /* the system clipboard is a courtesy */
  }
  ui.notify("info", t("command.copied"));
  return true;
}

/** Pastes the clipboard next to the selection. */
export function paste(): boolean {
  const { bp, ui } = state();
  if (!ui.clipboard) return false;
  const pasted = pasteOperation(bp, ui.clipboard, ui.selection);
  if (!pasted || !run(pasted.operation)) return false;
  ui.select(pasted.selection);
  return true;
}

/** Copy and paste in one go. */
export function duplicate(): boolean {
  const { bp, ui } = state();
  const content = copySelection(bp, ui.selection);
  if (!content) return false;
  const pasted = pasteOperation(bp, content, ui.selection);
  if (!pasted || !run(pasted.operation)) return false;
  ui.select(pasted.selection);
  return true;
}

/** Deletes the selection (the last stage of a pipeline and the last pipeline stay). */
export function removeSelection(): boolean {
  const { bp, ui } = state();
  const removed = deleteOperation(bp, ui.selection);
  if (!removed) {
    if (ui.selection?.kind === "stage" || ui.selection?.kind === "pipeline") ui.notify("info", t("command.cannotDelete"));
    return false;
  }
  if (!run(removed.operation)) return false;
  ui.select(removed.selection);
  return true;
}

/** Lays every pipeline out again with dagre and saves the positions. */
export function applyAutoLayout(): void {
  const { bp, ui } = state();
  run({ type: "layout.apply", positions: autoLayout(bp) });
  const node = selectionNodeId(ui.selection);
  if (node) ui.focusNode(node);
}
