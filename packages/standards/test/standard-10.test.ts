/**
 * Standard 10 — tunnels copy (or move) a deal into another pipeline: into warm-up at the start (a
 * cold lead), into repeat clients on success, into warranty service for complex deals, into
 * warm-up on failure. A warmed-up lead marked hot comes back to the new-client pipeline of its segment.
 */
import type { Engine } from "@voronka/engine";
import { describe, expect, it } from "vitest";
import { CLIENT_FIELDS, DIRECTIONS, F, firstStageOf, LOSS_REASONS, P, robotId, S } from "../src/index";
import { ANN, newDeal, openTaskOf, setup, walkTo } from "./helpers";

async function copiesOf(engine: Engine, dealId: string) {
  const copied = (await engine.history(dealId)).filter((h) => h.type === "deal.copied" && h.data["mode"] === "copy");
  return Promise.all(copied.map(async (h) => (await engine.deal(String(h.data["toDeal"]))).record));
}

describe("standard 10: tunnels", () => {
  it.each(DIRECTIONS.map((d) => [d.id, d.repeatPipeline]))("a won %s deal is copied into %s for the next sale", async (pipeline, repeat) => {
    const { engine } = setup();
    const deal = await newDeal(engine, pipeline, { amount: 250_000 });
    await walkTo(engine, deal.id, S.success);
    const [copy, ...rest] = await copiesOf(engine, deal.id);
    expect(rest).toEqual([]);
    expect(copy).toMatchObject({ pipeline: repeat, stage: firstStageOf(repeat), status: "open", responsible: "ann", sourceDeal: deal.id });
    await openTaskOf(engine, copy!.id, robotId(repeat, firstStageOf(repeat), "task"));
  });

  it("the copy carries who the client is, not the documents of the deal left behind", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    await walkTo(engine, deal.id, S.success);
    const [copy] = await copiesOf(engine, deal.id);
    const source = (await engine.deal(deal.id)).record;
    expect(Object.keys(copy!.fields).sort()).toEqual(CLIENT_FIELDS.filter((f) => source.fields[f] !== undefined).sort());
    expect(copy!.fields[F.contractFile]).toBeUndefined();
  });

  it.each([
    ["complex", [P.b2bRepeat, P.warranty]],
    ["standard", [P.b2bRepeat]],
    ["simple", [P.b2bRepeat]],
  ])("a won B2B deal of %s complexity goes to %j", async (complexity, pipelines) => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { fields: { dealComplexity: complexity } });
    await walkTo(engine, deal.id, S.success);
    const copies = await copiesOf(engine, deal.id);
    expect(copies.map((c) => c.pipeline)).toEqual(pipelines);
    const warranty = copies.find((c) => c.pipeline === P.warranty);
    if (warranty) {
      expect(warranty).toMatchObject({ stage: "registration", fields: { contractFile: { name: "contract.pdf" } } });
      await openTaskOf(engine, warranty.id, robotId(P.warranty, "registration", "task"));
    }
  });

  it.each(LOSS_REASONS.map((r) => [r.id, r.warmUp]))("a deal lost as '%s' is copied into warm-up: %s", async (reason, warmUp) => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { fields: { contactEmail: "buyer@example.ru" } });
    await engine.move(deal.id, S.failure, { actor: ANN, fields: { lossReason: reason } });
    const copies = await copiesOf(engine, deal.id);
    expect(copies.map((c) => [c.pipeline, c.stage])).toEqual(warmUp ? [[P.warmUp, "nurture"]] : []);
    if (warmUp) expect(copies[0]!.fields).toEqual({ segment: "b2b", contactEmail: "buyer@example.ru" });
  });

  it.each([P.b2bNew, P.b2cNew])("a cold lead in %s is moved into warm-up as soon as it arrives", async (pipeline) => {
    const { engine } = setup();
    const deal = await newDeal(engine, pipeline, { fields: { leadTemperature: "cold" } });
    expect(deal).toMatchObject({ id: deal.id, pipeline: P.warmUp, stage: "nurture", status: "open" });
    await openTaskOf(engine, deal.id, robotId(P.warmUp, "nurture", "task"));
    expect((await engine.tasks({ deal: deal.id })).map((t) => t.robot)).toEqual([robotId(P.warmUp, "nurture", "task")]);
    expect((await engine.history(deal.id)).find((h) => h.type === "deal.moved")?.data).toMatchObject({ from: `${pipeline}/presentation`, to: "nurture", by: "tunnel" });
  });

  it.each([
    [P.b2bNew, "b2b"], [P.b2cNew, "b2c"],
  ])("a warmed-up lead marked hot is won in warm-up and copied back into %s", async (pipeline, segment) => {
    const { engine } = setup();
    const lead = await newDeal(engine, pipeline, { fields: { leadTemperature: "cold" } });
    await engine.updateDeal(lead.id, { leadTemperature: "hot" }, { actor: ANN });
    expect((await engine.deal(lead.id)).record).toMatchObject({ pipeline: P.warmUp, stage: S.success, status: "won" });
    const [copy] = await copiesOf(engine, lead.id);
    expect(copy).toMatchObject({ pipeline, stage: S.presentation, status: "open", fields: { segment } });
    await openTaskOf(engine, copy!.id, robotId(pipeline, S.presentation, "task"));
  });

  it("a lead without a segment cannot be won in warm-up: the trigger's move is refused and recorded", async () => {
    const { engine } = setup();
    const lead = await newDeal(engine, P.warmUp);
    await engine.updateDeal(lead.id, { leadTemperature: "hot" }, { actor: ANN });
    expect((await engine.deal(lead.id)).record.stage).toBe("nurture");
    expect((await engine.history(lead.id)).find((h) => h.type === "deal.move.blocked")?.data).toMatchObject({ to: S.success, missing: [F.segment] });
  });
});
