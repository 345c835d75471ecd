/**
 * Import a blueprint — drop a JSON file, choose one, or paste the JSON — and export the one being
 * edited. An import opens even when the blueprint has problems (they show in the lint panel);
 * it is one undo step.
 */
import { useState, type DragEvent } from "react";
import { useLocale, useT } from "../i18n";
import { coerceBlueprint } from "../model/coerce";
import { textOf } from "../model/text";
import { useEditorStore } from "../store/editor-store";
import { lint } from "../store/lint-store";
import { importBlueprint } from "../store/server-actions";
import { useSessionStore } from "../store/session-store";
import { useUiStore } from "../store/ui-store";
import { downloadJson } from "./download";
import { Modal } from "./Modal";

/** Exports the blueprint being edited as `<id>.json`. */
export function exportBlueprint(): void {
  const bp = useEditorStore.getState().blueprint;
  downloadJson(`${bp.id}.json`, bp);
}

/** Reads pasted or dropped text as a blueprint: the blueprint and its lint counts, or an error. */
export function readBlueprint(text: string, catalogue: Parameters<typeof lint>[1]) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) } as const;
  }
  const blueprint = coerceBlueprint(json);
  if (!blueprint) return { error: "not-object" } as const;
  const result = lint(blueprint, catalogue);
  return { blueprint, errors: result.errors, warnings: result.warnings } as const;
}

/** The import dialog (see the module comment). */
export function ImportDialog() {
  const t = useT();
  const locale = useLocale();
  const catalogue = useSessionStore((s) => s.catalogue);
  const close = () => useUiStore.getState().openDialog(null);
  const [text, setText] = useState("");
  const [over, setOver] = useState(false);
  const read = text.trim() ? readBlueprint(text, catalogue) : null;

  const onFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void onFile(e.dataTransfer.files[0]);
  };
  const confirm = () => {
    if (!read || "error" in read) return;
    importBlueprint(read.blueprint);
    useUiStore.getState().notify("success", t("import.done", { name: textOf(read.blueprint.name, locale) || read.blueprint.id }));
    close();
  };

  return (
    <Modal
      title={t("import.title")}
      onClose={close}
      testId="import-dialog"
      wide
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={close}>{t("dialog.cancel")}</button>
          <button type="button" className="btn btn-primary" onClick={confirm} disabled={!read || "error" in read} data-testid="import-confirm">{t("import.open")}</button>
        </>
      }
    >
      <div className={`drop-zone${over ? " is-over" : ""}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop} data-testid="import-drop">
        <span>{t("import.drop")}</span>
        <label className="btn btn-small">
          {t("import.choose")}
          <input type="file" accept="application/json,.json" hidden onChange={(e) => void onFile(e.target.files?.[0])} data-testid="import-file" />
        </label>
      </div>
      <textarea className="input input-mono import-text" rows={10} placeholder={t("import.paste")} value={text} onChange={(e) => setText(e.target.value)} aria-label={t("import.paste")} data-testid="import-text" />
      {read ? (
        "error" in read ? (
          <p className="field-error" role="alert">{read.error === "not-object" ? t("import.notBlueprint") : t("import.badJson", { message: read.error ?? "" })}</p>
        ) : (
          <p className={read.errors ? "note" : "ok"} data-testid="import-summary">
            {textOf(read.blueprint.name, locale) || read.blueprint.id} · {t("import.counts", { pipelines: read.blueprint.pipelines.length, errors: read.errors, warnings: read.warnings })}
          </p>
        )
      ) : null}
    </Modal>
  );
}
