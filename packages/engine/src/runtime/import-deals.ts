/**
 * Bulk import of historical deals (migrations from another CRM): rows keep their own timestamps,
 * stages and outcomes, are recorded `by: import`, and neither guards nor robots apply.
 */
import { z } from "zod";
import type { CompiledBlueprint } from "../compile/compile-blueprint";
import type { Issue } from "../errors";
import type { DealRecord, HistoryRow } from "../store/records";
import type { Commit } from "../store/store";
import { validateFieldValues } from "./field-values";
import type { Ids } from "./step-state";

const Instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "Use an ISO date or date-time");

/** One historical deal. `moves` are the stages it went through after creation, in order. */
export const ImportRowSchema = z.object({
  externalId: z.string().min(1).max(200).optional(),
  pipeline: z.string().min(1),
  stage: z.string().min(1),
  title: z.string().trim().min(1).max(500),
  amount: z.number().finite().nonnegative().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  responsible: z.string().min(1),
  client: z.string().min(1).optional(),
  source: z.string().max(200).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  createdAt: Instant,
  closedAt: Instant.optional(),
  /** Earlier stages with the time the deal entered each, oldest first; the last move is into `stage`. */
  moves: z.array(z.object({ stage: z.string().min(1), at: Instant })).max(100).optional(),
}).strict();
export type ImportRow = z.infer<typeof ImportRowSchema>;

export interface ImportResult {
  imported: number;
  deals: string[];
  errors: { index: number; externalId?: string; message: string; issues?: Issue[] }[];
}

const iso = (s: string) => new Date(s).toISOString();

/** Turns valid rows into one commit (pure); invalid rows are reported, not imported. */
export function buildImport(bp: CompiledBlueprint, rows: unknown[], ids: Ids, currency: string, offset = 0): { commit: Commit; deals: string[]; errors: ImportResult["errors"] } {
  const deals: Commit["deals"] = [];
  const history: HistoryRow[] = [];
  const errors: ImportResult["errors"] = [];
  const ok: string[] = [];
  rows.forEach((raw, i) => {
    const index = offset + i;
    const parsed = ImportRowSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({ index, message: parsed.error.issues.map((x) => `${x.path.join(".") || "row"}: ${x.message}`).join("; ") });
      return;
    }
    const row = parsed.data;
    const p = bp.pipelines.get(row.pipeline);
    const stage = p?.stages.get(row.stage);
    if (!p || !stage) {
      errors.push({ index, ...(row.externalId ? { externalId: row.externalId } : {}), message: `Unknown stage '${row.pipeline}/${row.stage}'.` });
      return;
    }
    const path = [...(row.moves ?? []).map((m) => m.stage), row.stage];
    const unknown = path.find((s) => !p.stages.has(s));
    if (unknown) {
      errors.push({ index, message: `Unknown stage '${row.pipeline}/${unknown}' in the row's moves.` });
      return;
    }
    const issues = row.fields ? validateFieldValues(bp.fields, row.fields) : [];
    if (issues.length) {
      errors.push({ index, ...(row.externalId ? { externalId: row.externalId } : {}), message: issues.map((x) => x.message).join(" "), issues });
      return;
    }
    const id = ids.id("deal");
    const created = iso(row.createdAt);
    const moves = row.moves ?? [];
    const first = moves.length ? moves[0]!.stage : row.stage;
    const entered = moves.length ? iso(moves.at(-1)!.at) : created;
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row.fields ?? {})) if (v !== null && !["title", "amount", "currency", "client"].includes(k)) fields[k] = v;
    const closed = stage.kind === "process" ? undefined : iso(row.closedAt ?? entered);
    let seq = 0;
    const actor = { system: "import" as const };
    history.push({ deal: id, seq: ++seq, type: "deal.created", at: created, actor, data: { pipeline: p.id, stage: first, by: "import" } });
    let from = first;
    for (const m of moves.slice(1)) {
      history.push({ deal: id, seq: ++seq, type: "deal.moved", at: iso(m.at), actor, data: { from, to: m.stage, by: "import" } });
      from = m.stage;
    }
    if (from !== row.stage) history.push({ deal: id, seq: ++seq, type: "deal.moved", at: closed ?? entered, actor, data: { from, to: row.stage, by: "import" } });
    const record: DealRecord = {
      id, title: row.title, pipeline: p.id, stage: stage.id,
      status: stage.kind === "process" ? "open" : stage.kind === "success" ? "won" : "lost",
      amount: row.amount ?? 0, currency: row.currency ?? currency, responsible: row.responsible,
      ...(row.client ? { client: row.client } : {}), ...(row.externalId ? { externalId: row.externalId } : {}),
      ...(row.source ? { source: row.source } : {}),
      createdAt: created, stageEnteredAt: closed && from !== first ? closed : entered, ...(closed ? { closedAt: closed } : {}),
      version: 1, entry: seq, seq, fields,
    };
    deals.push({ record, expectedVersion: null });
    ok.push(id);
  });
  return {
    commit: { blueprintVersion: bp.version, deals, history, tasks: [], surveys: [], timers: { add: [], cancel: [], done: [] }, outbox: [] },
    deals: ok,
    errors,
  };
}
