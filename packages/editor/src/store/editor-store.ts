/**
 * The blueprint being edited, with undo/redo (zustand + zundo). It changes only through
 * `dispatch(operation)`, which runs the pure `apply`; zundo records the blueprint before each
 * change. Keystrokes in one form field coalesce into one undo step.
 */
import type { Blueprint } from "@voronka/engine";
import { temporal } from "zundo";
import { create } from "zustand";
import { starterBlueprint } from "../model/defaults";
import { apply, type Operation } from "../model/operations";

/** How long a run of same-key edits counts as one undo step. */
const COALESCE_MS = 1200;

/** The editor document's state and actions. */
export interface EditorState {
  blueprint: Blueprint;
  /** The last dispatched operation's coalescing key and time (not part of the history). */
  lastEdit: { key: string; at: number } | null;
  /**
   * Applies an operation. With `coalesce`, consecutive operations with the same key within
   * a short time make one undo step (typing in a field). Answers whether anything changed.
   */
  dispatch(operation: Operation, options?: { coalesce?: string; now?: number }): boolean;
  /** Replaces the document without an undo step and clears the history (loading from the server). */
  load(blueprint: Blueprint): void;
}

/**
 * Creates an editor store (the app has one; tests make their own).
 *
 * @example
 * const store = createEditorStore(testBlueprint());
 * store.getState().dispatch({ type: "stage.rename", pipeline: "sales", stage: "lead", label: "Leads" });
 * store.temporal.getState().undo();
 */
export function createEditorStore(initial: Blueprint = starterBlueprint()) {
  const store = create<EditorState>()(
    temporal(
      (set, get) => ({
        blueprint: initial,
        lastEdit: null,
        dispatch(operation, options = {}) {
          const current = get().blueprint;
          const next = apply(current, operation);
          if (next === current) return false;
          const now = options.now ?? Date.now();
          const last = get().lastEdit;
          const key = options.coalesce;
          const merge = key !== undefined && last !== null && last.key === key && now - last.at < COALESCE_MS;
          const history = store.temporal.getState();
          if (merge) history.pause();
          set({ blueprint: next, lastEdit: key !== undefined ? { key, at: now } : null });
          if (merge) history.resume();
          return true;
        },
        load(blueprint) {
          const history = store.temporal.getState();
          history.pause();
          set({ blueprint, lastEdit: null });
          history.resume();
          history.clear();
        },
      }),
      {
        partialize: (state) => ({ blueprint: state.blueprint }),
        equality: (a, b) => a.blueprint === b.blueprint,
        limit: 200,
      },
    ),
  );
  return store;
}

/** The store type (with its `temporal` history store). */
export type EditorStore = ReturnType<typeof createEditorStore>;

/** The app's editor store. */
export const useEditorStore = createEditorStore();

/** Undo one step (Ctrl+Z). */
export function undo(store: EditorStore = useEditorStore): void {
  store.temporal.getState().undo();
  store.setState({ lastEdit: null });
}

/** Redo one step (Ctrl+Shift+Z). */
export function redo(store: EditorStore = useEditorStore): void {
  store.temporal.getState().redo();
  store.setState({ lastEdit: null });
}
