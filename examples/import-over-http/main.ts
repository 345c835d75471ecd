/**
 * Migrating deals from another CRM into a running Voronka server, over HTTP only.
 *
 *   VORONKA_URL=http://localhost:3000 VORONKA_TOKEN=<admin token> tsx examples/import-over-http/main.ts
 *
 * It reads the published blueprint, builds a small history of deals from a "legacy CRM" (open,
 * won and lost, with the stages each went through and when), imports them with
 * `POST /api/deals/import` (recorded `by: import`: no guards, no robots), then reads them back:
 * one page of `GET /api/deals` and the funnel of `GET /api/reports/stages`. Run it twice: the
 * second run reports every row as already imported (external ids are unique) and imports nothing.
 * No imports: global `fetch` is all it needs.
 */

const base = (process.env["VORONKA_URL"] ?? "http://localhost:3000").replace(/\/+$/, "");
const token = process.env["VORONKA_TOKEN"];
const responsible = process.env["VORONKA_RESPONSIBLE"] ?? "ann";

interface Stage { id: string; kind: "process" | "success" | "failure" }
interface Pipeline { id: string; stages: Stage[] }
interface ImportRow {
  externalId: string; pipeline: string; stage: string; title: string; amount: number; responsible: string;
  source: string; createdAt: string; closedAt?: string; moves: { stage: string; at: string }[];
}

/** Calls the API with the bearer token; a refused call prints the server's error body and stops. */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return (response.headers.get("content-type") ?? "").includes("json") ? (JSON.parse(text) as T) : (text as T);
}

/** A small deterministic random generator, so every run builds the same legacy deals. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Deals as an older CRM would export them: each with the stages it went through, and when. */
function legacyDeals(pipeline: Pipeline, count: number): ImportRow[] {
  const process = pipeline.stages.filter((s) => s.kind === "process");
  const success = pipeline.stages.find((s) => s.kind === "success");
  const failure = pipeline.stages.find((s) => s.kind === "failure");
  const next = random(42);
  const day = 86_400_000;
  const rows: ImportRow[] = [];
  for (let i = 1; i <= count; i++) {
    const created = Date.UTC(2025, 0, 6) + Math.floor(next() * 300) * day;
    const reached = 1 + Math.floor(next() * process.length);
    const outcome = next();
    let at = created;
    const moves = process.slice(0, reached).map((s, n) => {
      if (n > 0) at += (1 + Math.floor(next() * 9)) * day;
      return { stage: s.id, at: new Date(at).toISOString() };
    });
    const closedAt = new Date(at + (1 + Math.floor(next() * 5)) * day).toISOString();
    const final = outcome < 0.35 && success ? success : outcome < 0.6 && failure ? failure : null;
    rows.push({
      externalId: `legacy-crm-${String(i).padStart(4, "0")}`,
      pipeline: pipeline.id,
      stage: final ? final.id : moves.at(-1)!.stage,
      title: `Legacy deal #${i}`,
      amount: Math.round(50_000 + next() * 950_000),
      responsible,
      source: "legacy-crm",
      createdAt: new Date(created).toISOString(),
      ...(final ? { closedAt } : {}),
      moves,
    });
  }
  return rows;
}

async function main(): Promise<void> {
  if (!token) {
    console.error("Set VORONKA_TOKEN to an admin's token (the server prints login URLs on start: the token follows '#token=').");
    process.exitCode = 2;
    return;
  }
  const { published } = await api<{ published: { version: number; blueprint: { pipelines: Pipeline[] } } | null }>("GET", "/api/blueprint");
  if (!published) {
    console.error(`No blueprint is published on ${base}. Import one first, e.g.:\n  curl -X POST '${base}/api/blueprints/import?publish=1' -H 'authorization: Bearer …' -H 'content-type: application/json' --data-binary @examples/blueprints/standards.json`);
    process.exitCode = 1;
    return;
  }
  const wanted = process.env["VORONKA_PIPELINE"];
  const pipeline = published.blueprint.pipelines.find((p) => wanted === undefined || p.id === wanted);
  if (!pipeline) throw new Error(`The published blueprint has no pipeline '${wanted}'.`);
  console.log(`Blueprint v${published.version}: importing into pipeline '${pipeline.id}' for '${responsible}'.`);

  const rows = legacyDeals(pipeline, 24);
  const batchSize = 500;
  let imported = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const result = await api<{ imported: number; errors: { index: number; externalId?: string; message: string }[] }>("POST", "/api/deals/import", { deals: rows.slice(start, start + batchSize) });
    imported += result.imported;
    for (const e of result.errors) console.log(`  row ${start + e.index}${e.externalId ? ` (${e.externalId})` : ""}: ${e.message}`);
  }
  console.log(`Imported ${imported} of ${rows.length} deals.`);

  const page = await api<{ items: { id: string; externalId?: string; stage: string; status: string; amount: number }[]; nextCursor: string | null }>(
    "GET", `/api/deals?pipeline=${encodeURIComponent(pipeline.id)}&limit=5`,
  );
  console.log("\nNewest deals:");
  for (const d of page.items) console.log(`  ${d.externalId ?? d.id}  ${d.stage.padEnd(24)} ${d.status.padEnd(5)} ${d.amount}`);
  if (page.nextCursor) console.log(`  … more with ?cursor=${page.nextCursor}`);

  const report = await api<{ stage: string; deals: number; overdueTasks: number; conversionToNext: number | null }[]>(
    "GET", `/api/reports/stages?pipeline=${encodeURIComponent(pipeline.id)}`,
  );
  console.log("\nFunnel (GET /api/reports/stages):");
  for (const r of report) {
    const conversion = r.conversionToNext === null ? "" : `${(r.conversionToNext * 100).toFixed(0)}% go on`;
    console.log(`  ${r.stage.padEnd(24)} ${String(r.deals).padStart(4)} deals  ${conversion}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
