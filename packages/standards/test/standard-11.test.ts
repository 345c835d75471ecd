/**
 * Standard 11 — on failure, the loss reason is required, chosen from the book's list of nine.
 * A move to failure without it is refused (naming the field); with the reason in the same move,
 * the deal is lost, the supervisor's check task is set (12) and, when the client is worth another
 * try, a copy goes into warm-up (10).
 */
import { describe, expect, it } from "vitest";
import { F, fields, LOSS_REASONS, P, robotId, S, standardsBlueprint } from "../src/index";
import { ANN, errorOf, newDeal, openTaskOf, setup } from "./helpers";

describe("standard 11: a loss reason on failure", () => {
  it("the loss reason is a list of the book's nine reasons, in Russian and English", () => {
    const field = fields.find((f) => f.id === F.lossReason)!;
    expect(field.type).toBe("enum");
    expect(field.options?.map((o) => (o.label as { ru: string }).ru)).toEqual([
      "Перестал отвечать на звонки", "Дорого", "Проиграли конкуренту", "Конкурент, мониторит цены", "Не наша услуга или товар",
      "Не наш регион", "Ошибся, неправильно отправил заявку", "Просто смотрел услугу или товар", "Дубль",
    ]);
    expect(LOSS_REASONS).toHaveLength(9);
  });

  it.each(standardsBlueprint.pipelines.map((p) => [p.id]))("%s: a move to failure without a reason is refused and names the field", async (pipeline) => {
    const { engine } = setup();
    const deal = await newDeal(engine, pipeline);
    const error = await errorOf(engine.move(deal.id, S.failure, { actor: ANN }));
    expect(error.code).toBe("MOVE_BLOCKED");
    expect(error.details?.["missing"]).toContain("lossReason");
    expect(error.message).toContain("'Loss reason' (lossReason)");
    expect((await engine.deal(deal.id)).record.status).toBe("open");
  });

  it("with the reason in the same move the deal is lost, checked by the supervisor, and copied into warm-up", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { fields: { contactPhone: "+7 495 123-45-67" } });
    const lost = await engine.move(deal.id, S.failure, { actor: ANN, fields: { lossReason: "too-expensive", lossComment: "Chose a cheaper plan" } });
    expect(lost).toMatchObject({ stage: S.failure, status: "lost", closedAt: "2026-03-02T09:00:00.000Z", fields: { lossReason: "too-expensive" } });
    expect(await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.failure, "check"))).toMatchObject({ responsible: "sue" });
    const copied = (await engine.history(deal.id)).find((h) => h.type === "deal.copied")!;
    expect((await engine.deal(String(copied.data["toDeal"]))).record).toMatchObject({ pipeline: P.warmUp, stage: "nurture", sourceDeal: deal.id });
  });

  it.each(LOSS_REASONS.map((r) => [r.id]))("'%s' closes the deal as lost", async (reason) => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2cNew);
    expect(await engine.move(deal.id, S.failure, { actor: ANN, fields: { lossReason: reason } })).toMatchObject({ status: "lost" });
  });

  it("a reason outside the list is refused", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const error = await errorOf(engine.move(deal.id, S.failure, { actor: ANN, fields: { lossReason: "bad-weather" } }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect((await engine.deal(deal.id)).record.status).toBe("open");
  });
});
