/**
 * The editor page: toolbar, canvas and sidebar, the dialogs, live lint and live figures, and the
 * keyboard shortcuts.
 */
import { PipelineCanvas } from "../canvas/PipelineCanvas";
import { useEditorKeys } from "../canvas/use-editor-keys";
import { ConflictDialog } from "../panels/ConflictDialog";
import { ImportDialog } from "../panels/ImportExport";
import { PublishDialog } from "../panels/PublishDialog";
import { Sidebar } from "../panels/Sidebar";
import { Toolbar } from "../panels/Toolbar";
import { useLiveFigures } from "../store/use-live-figures";
import { useLiveLint } from "../store/use-live-lint";
import { useUiStore } from "../store/ui-store";

/** The editor page (see the module comment). */
export function EditorPage() {
  useLiveLint();
  useLiveFigures();
  useEditorKeys();
  const dialog = useUiStore((s) => s.dialog);
  return (
    <div className="editor-page">
      <Toolbar />
      <div className="workspace">
        <PipelineCanvas />
        <Sidebar />
      </div>
      {dialog?.kind === "import" ? <ImportDialog /> : null}
      {dialog?.kind === "publish" ? <PublishDialog /> : null}
      {dialog?.kind === "conflict" ? <ConflictDialog /> : null}
    </div>
  );
}
