/**
 * Standard 3 — deals are split into stages: presentation → general CP → feedback / objections →
 * individual CP → contract and invoice → payment → delivery → closing documents → won, or lost.
 * "NPS measurement" is the won stage's survey and task (standard 9). Repeat clients skip what a
 * known client does not need; private clients get no individual CP and no closing documents.
 */
import { describe, expect, it } from "vitest";
import { P, S, standardsBlueprint } from "../src/index";
import { newDeal, setup, walkTo } from "./helpers";

const FULL = [S.presentation, S.generalCp, S.feedback, S.individualCp, S.contract, S.payment, S.delivery, S.closingDocs, S.success, S.failure];

const SEQUENCES: [string, string[]][] = [
  [P.b2bNew, FULL],
  [P.b2bRepeat, [S.individualCp, S.contract, S.payment, S.delivery, S.closingDocs, S.success, S.failure]],
  [P.b2cNew, [S.presentation, S.generalCp, S.feedback, S.contract, S.payment, S.delivery, S.success, S.failure]],
  [P.b2cRepeat, [S.contract, S.payment, S.delivery, S.success, S.failure]],
  [P.warmUp, ["nurture", "tripwire", S.success, S.failure]],
  [P.warranty, ["registration", "service", S.success, S.failure]],
];

describe("standard 3: deals split into stages", () => {
  it.each(SEQUENCES)("%s has the stages %j", (pipeline, stages) => {
    const p = standardsBlueprint.pipelines.find((x) => x.id === pipeline)!;
    expect(p.stages.map((s) => s.id)).toEqual(stages);
    expect(p.stages.filter((s) => s.kind === "success").map((s) => s.id)).toEqual([S.success]);
    expect(p.stages.filter((s) => s.kind === "failure").map((s) => s.id)).toEqual([S.failure]);
  });

  it("stage labels follow the book in Russian and English", () => {
    const b2b = standardsBlueprint.pipelines.find((p) => p.id === P.b2bNew)!;
    expect(b2b.stages.map((s) => (typeof s.label === "string" ? s.label : s.label.ru))).toEqual([
      "Презентация товара или услуги", "Общее коммерческое предложение", "Обратная связь и возражения",
      "Индивидуальное коммерческое предложение", "Договор и счёт", "Получение оплаты",
      "Оказание услуги или передача товара", "Оформление закрывающих документов", "Сделка успешна", "Сделка провалена",
    ]);
  });

  it.each(SEQUENCES.slice(0, 4))("a %s deal goes through every stage in order and is won", async (pipeline, stages) => {
    const { engine } = setup();
    const deal = await newDeal(engine, pipeline);
    await walkTo(engine, deal.id, S.success);
    const moves = (await engine.history(deal.id)).filter((h) => h.type === "deal.moved").map((h) => h.data["to"]);
    expect([stages[0], ...moves]).toEqual(stages.slice(0, -1));
    const won = (await engine.deal(deal.id)).record;
    expect(won).toMatchObject({ stage: S.success, status: "won" });
    expect(won.closedAt).toBeDefined();
  });
});
