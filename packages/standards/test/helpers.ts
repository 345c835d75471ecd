/**
 * Shared set-up for the standards' scenarios: an engine on the standards blueprint with a fake
 * clock (Mon 2026-03-02 09:00Z = 12:00 in Moscow), the demo directory, a captured outbox, sample
 * field values, and walks that fill in exactly what each stage requires.
 */
import type { Engine, OutboxRecord, Stage, TaskRecord } from "@voronka/engine";
import { testEngine } from "@voronka/engine/testing";
import { demoDirectory } from "../src/demo";
import { standardsBlueprint } from "../src/index";

/** Ann, a B2B manager; her supervisor is Sue, whose supervisor is Olga, the head of sales. */
export const ANN = { user: "ann" } as const;
export const SUE = { user: "sue" } as const;

/** A valid value for every field a stage may require, and the deal amount. */
export const VALUES: Record<string, unknown> = {
  amount: 300_000,
  segment: "b2b",
  contactEmail: "buyer@example.ru",
  contactPhone: "+7 495 123-45-67",
  clientSite: "https://example.ru",
  clientAddress: { text: "Москва, Тверская ул., 1" },
  legalName: "ООО «Пример»",
  inn: "7701234567",
  presentationAt: "2026-03-02T15:00:00+03:00",
  generalCpFile: { name: "general-cp.pdf", url: "https://files.example.ru/general-cp.pdf" },
  products: ["services", "installation"],
  clientFeedback: "Asked for a discount for a two-year contract.",
  individualCpFile: { name: "individual-cp.pdf", url: "https://files.example.ru/individual-cp.pdf" },
  dealComplexity: "standard",
  contractFile: { name: "contract.pdf", url: "https://files.example.ru/contract.pdf" },
  eventDate: "2026-03-20",
  paymentDate: "2026-03-05",
  paidAmount: { amount: 300_000, currency: "RUB" },
  deliveryBooking: { resource: "crew-1", from: "2026-03-20T09:00:00+03:00", to: "2026-03-20T18:00:00+03:00" },
  closingDocsFile: { name: "act.pdf", url: "https://files.example.ru/act.pdf" },
  warrantyUntil: "2027-03-20",
};

/** An engine on the standards blueprint, with the demo directory and a captured outbox. */
export function setup() {
  const outbox: OutboxRecord[] = [];
  const { engine, clock, store } = testEngine(standardsBlueprint, {
    directory: demoDirectory(),
    deliver: (effect) => { outbox.push(effect); },
  });
  return { engine, clock, store, outbox };
}

/** A stage of the standards blueprint. */
export function stageOf(pipeline: string, stage: string): Stage {
  const found = standardsBlueprint.pipelines.find((p) => p.id === pipeline)?.stages.find((s) => s.id === stage);
  if (!found) throw new Error(`no stage ${pipeline}/${stage}`);
  return found;
}

/** The fields a stage's `requireFields` guards of one scope ask for. */
export function required(pipeline: string, stage: string, scope: "enter" | "leave"): string[] {
  return stageOf(pipeline, stage).robots
    .filter((r) => r.type === "requireFields" && r.params["scope"] === scope)
    .flatMap((r) => r.params["fields"] as string[]);
}

/** Sample values for a list of field ids. */
export function valuesFor(ids: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(ids.map((id) => {
    if (!(id in VALUES)) throw new Error(`no sample value for '${id}'`);
    return [id, VALUES[id]];
  }));
}

/** Moves a deal on, stage by stage, to `target`, filling in on each move what the guards ask for and the deal lacks. */
export async function walkTo(engine: Engine, dealId: string, target: string, actor: { user: string } = ANN): Promise<void> {
  const deal = (await engine.deal(dealId)).record;
  const stages = standardsBlueprint.pipelines.find((p) => p.id === deal.pipeline)!.stages;
  const from = stages.findIndex((s) => s.id === deal.stage);
  const to = stages.findIndex((s) => s.id === target);
  const path = stages[to]!.kind === "process" ? stages.slice(from + 1, to + 1) : [...stages.slice(from + 1).filter((s) => s.kind === "process"), stages[to]!];
  let current = deal.stage;
  for (const next of path) {
    const now = (await engine.deal(dealId)).record;
    const missing = [...required(deal.pipeline, current, "leave"), ...required(deal.pipeline, next.id, "enter")]
      .filter((id) => (id === "amount" ? !(now.amount > 0) : now.fields[id] === undefined));
    await engine.move(dealId, next.id, { actor, fields: valuesFor(missing) });
    current = next.id;
  }
}

/** The deal's tasks made by one robot. */
export async function tasksOf(engine: Engine, dealId: string, robot: string): Promise<TaskRecord[]> {
  return (await engine.tasks({ deal: dealId })).filter((t) => t.robot === robot);
}

/** The one open task a robot made on a deal (fails the test when there is not exactly one). */
export async function openTaskOf(engine: Engine, dealId: string, robot: string): Promise<TaskRecord> {
  const open = (await tasksOf(engine, dealId, robot)).filter((t) => t.status === "open");
  if (open.length !== 1) throw new Error(`expected one open task of '${robot}' on ${dealId}, found ${open.length}`);
  return open[0]!;
}

/** Creates a deal in a pipeline (default: Ann's, in its first stage). */
export function newDeal(engine: Engine, pipeline: string, extra: { title?: string; responsible?: string; stage?: string; fields?: Record<string, unknown>; amount?: number } = {}) {
  return engine.createDeal({
    pipeline, title: extra.title ?? "ACME — 50 licences", responsible: extra.responsible ?? "ann",
    ...(extra.stage ? { stage: extra.stage } : {}), ...(extra.amount !== undefined ? { amount: extra.amount } : {}),
    ...(extra.fields ? { fields: extra.fields } : {}),
  });
}

/** Catches a rejected promise's error (for assertions on EngineError details). */
export async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    return e as { code?: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error("expected the promise to reject");
}
