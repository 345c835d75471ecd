/**
 * The editor's view state, outside the undo history: the selection, the sidebar tab, open
 * dialogs, the clipboard and short notices.
 */
import { create } from "zustand";
import type { ClipboardContent } from "../model/clipboard";
import type { Selection } from "../model/selection";

/** The sidebar's tabs. */
export type SidebarTab = "inspect" | "problems" | "versions" | "simulate";

/** A short message at the bottom of the screen. */
export interface Notice {
  id: number;
  tone: "info" | "success" | "error";
  text: string;
}

/** The dialogs the editor can show (one at a time). */
export type Dialog =
  | { kind: "import" }
  | { kind: "publish" }
  | { kind: "conflict" }
  | null;

/** The view-state store's state and actions. */
export interface UiState {
  selection: Selection | null;
  tab: SidebarTab;
  dialog: Dialog;
  clipboard: ClipboardContent | null;
  notices: Notice[];
  /** Bumped to ask the canvas to centre a node (from the lint panel). */
  focus: { nodeId: string; seq: number } | null;
  select(selection: Selection | null): void;
  setTab(tab: SidebarTab): void;
  openDialog(dialog: Dialog): void;
  setClipboard(clipboard: ClipboardContent | null): void;
  notify(tone: Notice["tone"], text: string): void;
  dismiss(id: number): void;
  focusNode(nodeId: string): void;
}

let noticeSeq = 0;

/** The app's view-state store. */
export const useUiStore = create<UiState>()((set) => ({
  selection: null,
  tab: "inspect",
  dialog: null,
  clipboard: null,
  notices: [],
  focus: null,
  select: (selection) => set({ selection }),
  setTab: (tab) => set({ tab }),
  openDialog: (dialog) => set({ dialog }),
  setClipboard: (clipboard) => set({ clipboard }),
  notify: (tone, text) => {
    const id = ++noticeSeq;
    set((s) => ({ notices: [...s.notices.slice(-3), { id, tone, text }] }));
    setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), tone === "error" ? 8000 : 4000);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  focusNode: (nodeId) => set((s) => ({ focus: { nodeId, seq: (s.focus?.seq ?? 0) + 1 } })),
}));
