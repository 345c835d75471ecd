/**
 * Someone else saved the draft since this editor loaded it: the server refused the save with
 * 412 (`If-Match` did not match). Offers to reload their draft, or to keep editing after
 * exporting this version to a file.
 */
import { useT } from "../i18n";
import { useEditorStore } from "../store/editor-store";
import { loadFromServer } from "../store/server-actions";
import { useUiStore } from "../store/ui-store";
import { downloadJson } from "./download";
import { Modal } from "./Modal";

/** The conflict dialog (see the module comment). */
export function ConflictDialog() {
  const t = useT();
  const close = () => useUiStore.getState().openDialog(null);
  const exportMine = () => {
    const bp = useEditorStore.getState().blueprint;
    downloadJson(`${bp.id}-mine.json`, bp);
  };
  return (
    <Modal
      title={t("conflict.title")}
      onClose={close}
      testId="conflict-dialog"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={close}>{t("conflict.keep")}</button>
          <button type="button" className="btn" onClick={exportMine}>{t("conflict.export")}</button>
          <button type="button" className="btn btn-primary" onClick={() => { close(); void loadFromServer(); }} data-testid="conflict-reload">{t("conflict.reload")}</button>
        </>
      }
    >
      <p>{t("conflict.explain")}</p>
      <p className="hint">{t("conflict.hint")}</p>
    </Modal>
  );
}
