/**
 * Standard 9 — when a deal is won, NPS is measured: the won stage sends the survey (0-10, "How
 * likely are you to recommend us?", then "What is the main reason for your score?"), sets the
 * manager a task to get the answer, and the supervisor a task to review it once it comes in.
 * 9-10 promoters, 7-8 passives, 0-6 detractors; NPS = % promoters − % detractors.
 */
import type { Engine } from "@voronka/engine";
import { describe, expect, it } from "vitest";
import { npsOf, npsSurvey, P, robotId, S, standardsBlueprint, SURVEY, warrantySurvey } from "../src/index";
import { ANN, errorOf, newDeal, openTaskOf, setup, walkTo } from "./helpers";

async function wonDeal(engine: Engine, pipeline: string = P.b2bNew) {
  const deal = await newDeal(engine, pipeline);
  await walkTo(engine, deal.id, S.success);
  const sent = (await engine.history(deal.id)).find((h) => h.type === "survey.sent")!;
  return { deal, token: String(sent.data["token"]) };
}

describe("standard 9: NPS on success", () => {
  it("the NPS survey asks the book's question on 0-10, with its bands and follow-up question", () => {
    expect(standardsBlueprint.surveys.find((s) => s.id === SURVEY.nps)).toEqual(npsSurvey);
    expect(npsSurvey).toMatchObject({ scale: { min: 0, max: 10 }, bands: { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] } });
    expect(npsSurvey.followUp).toEqual({ en: "What is the main reason for your score?", ru: "Назовите основную причину вашей оценки." });
  });

  it.each(standardsBlueprint.pipelines.slice(0, 4).map((p) => [p.id]))("winning a %s deal sends the survey and sets the NPS tasks", async (pipeline) => {
    const { engine, outbox } = setup();
    const { deal, token } = await wonDeal(engine, pipeline);
    await engine.tick();
    expect(outbox.find((o) => o.kind === "survey")?.payload).toMatchObject({ survey: SURVEY.nps, token, url: `/s/${token}`, recipient: "buyer@example.ru", question: npsSurvey.question });
    expect(await openTaskOf(engine, deal.id, robotId(pipeline, S.success, "nps"))).toMatchObject({ responsible: "ann", deadline: "2026-03-05T09:00:00.000Z" });
    const review = await openTaskOf(engine, deal.id, robotId(pipeline, S.success, "nps-review"));
    expect(review.responsible).toBe("sue");
    expect(review.deadline).toBeUndefined(); // until the client answers
  });

  it.each([
    [0, "detractor"], [6, "detractor"], [7, "passive"], [8, "passive"], [9, "promoter"], [10, "promoter"],
  ])("a score of %i is a %s", async (score, band) => {
    const { engine } = setup();
    const { deal, token } = await wonDeal(engine);
    await engine.answerSurvey(token, { score, reason: "Fast delivery" });
    expect((await engine.history(deal.id)).find((h) => h.type === "survey.answered")?.data).toMatchObject({ survey: SURVEY.nps, score, band, reason: "Fast delivery" });
  });

  it("the answer starts the supervisor's review: one working day to follow it up", async () => {
    const { engine, clock } = setup();
    const { deal, token } = await wonDeal(engine);
    clock.set("2026-03-03T14:00:00Z"); // Tue 17:00 Moscow
    await engine.answerSurvey(token, { score: 4, reason: "The installers were late" });
    expect(await openTaskOf(engine, deal.id, robotId(P.b2bNew, S.success, "nps-review"))).toMatchObject({ responsible: "sue", deadline: "2026-03-04T14:00:00.000Z" });
  });

  it("a survey link answers once; a score outside 0-10 is refused", async () => {
    const { engine } = setup();
    const { token } = await wonDeal(engine);
    expect((await errorOf(engine.answerSurvey(token, { score: 11 }))).code).toBe("VALIDATION_FAILED");
    await engine.answerSurvey(token, { score: 9 });
    expect((await errorOf(engine.answerSurvey(token, { score: 10 }))).code).toBe("SURVEY_ANSWERED");
  });

  it("NPS is the share of promoters minus the share of detractors", () => {
    expect(npsOf([10, 9, 9, 8, 7, 6, 3, 10])).toBe(25);
    expect(npsOf([0, 6])).toBe(-100);
    expect(npsOf([])).toBeNull();
  });

  it("warranty service asks on another scale the book allows (1-5), with bands for it", async () => {
    expect(warrantySurvey).toMatchObject({ scale: { min: 1, max: 5 }, bands: { detractor: [1, 2], passive: [3, 3], promoter: [4, 5] } });
    const { engine } = setup();
    const deal = await newDeal(engine, P.warranty, { fields: { contactEmail: "buyer@example.ru" } });
    await walkTo(engine, deal.id, S.success);
    const sent = (await engine.history(deal.id)).find((h) => h.type === "survey.sent")!;
    await engine.answerSurvey(String(sent.data["token"]), { score: 3 });
    expect((await engine.history(deal.id)).find((h) => h.type === "survey.answered")?.data).toMatchObject({ survey: SURVEY.warrantyCsat, band: "passive" });
    expect(npsOf([5, 4, 1], warrantySurvey)).toBe(33.3);
  });

  it("winning needs the client's e-mail, where the survey goes", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2cRepeat, { amount: 5_000 });
    const error = await errorOf(engine.move(deal.id, S.success, { actor: ANN }));
    expect(error.details?.["missing"]).toContain("contactEmail");
  });
});
