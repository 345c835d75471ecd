/**
 * Standard 2 — sales are split into deals by direction: B2B and B2C, new and repeat clients, plus
 * the warm-up and warranty-service pipelines that the tunnels of standard 10 lead into.
 */
import { describe, expect, it } from "vitest";
import { DIRECTIONS, firstStageOf, P, standardsBlueprint } from "../src/index";
import { newDeal, setup } from "./helpers";

describe("standard 2: deals split by direction", () => {
  it("the blueprint has the four directions of the book, then warm-up and warranty service", () => {
    expect(standardsBlueprint.pipelines.map((p) => p.id)).toEqual([P.b2bNew, P.b2bRepeat, P.b2cNew, P.b2cRepeat, P.warmUp, P.warranty]);
    expect(standardsBlueprint.pipelines.map((p) => p.label)).toEqual([
      { en: "B2B new clients", ru: "B2B Новые клиенты" },
      { en: "B2B repeat clients", ru: "B2B Постоянные клиенты" },
      { en: "B2C new clients", ru: "B2C Новые клиенты" },
      { en: "B2C repeat clients", ru: "B2C Постоянные клиенты" },
      { en: "Warm-up", ru: "Разогрев" },
      { en: "Warranty service", ru: "Гарантийное обслуживание" },
    ]);
  });

  it("the four directions are built by one function from options: segment and new or repeat", () => {
    expect(DIRECTIONS.map((d) => [d.id, d.direction.segment, d.direction.repeat])).toEqual([
      [P.b2bNew, "b2b", false], [P.b2bRepeat, "b2b", true], [P.b2cNew, "b2c", false], [P.b2cRepeat, "b2c", true],
    ]);
  });

  it.each(standardsBlueprint.pipelines.map((p) => [p.id]))("a deal can be created in %s and starts in its first stage", async (pipeline) => {
    const { engine } = setup();
    const deal = await newDeal(engine, pipeline);
    expect(deal).toMatchObject({ pipeline, stage: firstStageOf(pipeline), status: "open", responsible: "ann" });
  });

  it.each([
    [P.b2bNew, "b2b"], [P.b2bRepeat, "b2b"], [P.b2cNew, "b2c"], [P.b2cRepeat, "b2c"],
  ])("a deal started in %s is marked with segment %s", async (pipeline, segment) => {
    const { engine } = setup();
    const deal = await newDeal(engine, pipeline);
    expect(deal.fields["segment"]).toBe(segment);
  });
});
