/**
 * The editor's keyboard shortcuts: Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo, Ctrl+S
 * saves the draft, Ctrl+C / Ctrl+V / Ctrl+D copy, paste and duplicate the selected stage, robot
 * or trigger, Delete removes it, Escape selects the blueprint. Keys typed into a form field stay
 * with the field (its own undo, its own copy and paste), except Ctrl+S.
 */
import { useEffect } from "react";
import { copy, duplicate, paste, removeSelection } from "../store/commands";
import { redo, undo } from "../store/editor-store";
import { saveDraft } from "../store/server-actions";
import { useUiStore } from "../store/ui-store";

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== "function") return false;
  return !!el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
}

/** What a key press means, or null (exported for tests). */
export function shortcutOf(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): string | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (key === "z") return e.shiftKey ? "redo" : "undo";
    if (key === "y") return "redo";
    if (key === "s") return "save";
    if (key === "c") return "copy";
    if (key === "v") return "paste";
    if (key === "d") return "duplicate";
    return null;
  }
  if (!mod && !e.altKey && (e.key === "Delete" || e.key === "Backspace")) return "delete";
  if (e.key === "Escape") return "escape";
  return null;
}

/** Installs the shortcuts on the window while mounted. */
export function useEditorKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      if (!action) return;
      if (action !== "save" && inField(e.target)) return;
      if (useUiStore.getState().dialog && action !== "save") {
        // Focus may have left the dialog (its button was replaced): Escape still closes it.
        if (action === "escape") useUiStore.getState().openDialog(null);
        return;
      }
      let handled = true;
      switch (action) {
        case "undo": undo(); break;
        case "redo": redo(); break;
        case "save": void saveDraft(); break;
        case "copy": handled = copy(); break;
        case "paste": handled = paste(); break;
        case "duplicate": handled = duplicate(); break;
        case "delete": handled = removeSelection(); break;
        case "escape": useUiStore.getState().select({ kind: "blueprint" }); break;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
