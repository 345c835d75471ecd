/**
 * The shapes of the server's answers that the editor reads (DESIGN.md "The server"). Answers are
 * normalised on arrival (`client.ts`), so a server that wraps a list in `{ items }` or not reads
 * the same.
 */
import type { Blueprint, CatalogueEntry, Issue } from "@voronka/engine";

/** `GET /api/blueprint`. */
export interface BlueprintState {
  published: { version: number; blueprint: Blueprint } | null;
  draft: { revision: string; blueprint: unknown; issues: Issue[] } | null;
  /** The draft revision from the `ETag` header, for `If-Match`. */
  etag: string | null;
}

/** One published version in `GET /api/blueprint/versions`. */
export interface VersionSummary {
  version: number;
  /** When it was published (ISO), when the server says. */
  savedAt?: string;
  publishedAt?: string;
  name?: unknown;
}

/** One row of `GET /api/reports/stages`. */
export interface StageFigures {
  pipeline: string;
  stage: string;
  deals: number;
  overdueTasks: number;
  conversionToNext: number | null;
}

/** Someone in the caller's scope, as `GET /api/me` lists them (names are plain text). */
export interface ScopePerson {
  id: string;
  name: string;
  role: string;
  supervisor: string | null;
  team: string | null;
  active: boolean;
}

/** `GET /api/me`: the caller, their role, their scope (`"all"` for an admin) and its people. */
export interface MeAnswer {
  user: ScopePerson | null;
  role: string;
  scope: "all" | string[];
  people: ScopePerson[];
}

/** A stage that still holds deals and disappears in the new version (409 `MAPPING_REQUIRED`). */
export interface MappingStage {
  ref: string;
  deals: number;
}

/** The answer to saving a draft: its new revision and the issues the server found. */
export interface DraftSaved {
  revision: string | null;
  issues: Issue[];
}

export type { CatalogueEntry };
