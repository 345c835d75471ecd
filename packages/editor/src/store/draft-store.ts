/**
 * The server side of the document: the draft revision (for `If-Match`), the blueprint as last
 * saved (to tell unsaved changes), the published version, and what the publish and conflict
 * dialogs need.
 */
import type { Blueprint, Issue } from "@voronka/engine";
import { create } from "zustand";
import type { MappingStage } from "../api/types";

/** The draft store's state. */
export interface DraftState {
  /** The draft's revision on the server (its `ETag`); null before the first save. */
  revision: string | null;
  /** The blueprint as last loaded or saved; the document is dirty when it differs. */
  saved: Blueprint | null;
  /** The published version on the server, when known. */
  published: number | null;
  status: "idle" | "loading" | "saving" | "publishing";
  /** Problems the server stored with the draft at the last save. */
  serverIssues: Issue[];
  /** Stages with deals that the new version drops: the publish dialog asks where they go. */
  mapping: MappingStage[] | null;
  /** Why the server refused to publish (422 `BLUEPRINT_INVALID`). */
  publishIssues: Issue[] | null;
  set(patch: Partial<Omit<DraftState, "set">>): void;
}

/** The app's draft store. */
export const useDraftStore = create<DraftState>()((set) => ({
  revision: null,
  saved: null,
  published: null,
  status: "idle",
  serverIssues: [],
  mapping: null,
  publishIssues: null,
  set: (patch) => set(patch),
}));
