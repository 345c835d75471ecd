/**
 * Surveys (standard 9): the classic NPS question on 0-10 with its bands and follow-up question,
 * and a shorter 1-5 satisfaction survey for warranty service (the book allows 1-3, 0-5 and 1-5
 * scales when the bands are defined for them).
 */
import type { Survey } from "@voronka/engine";
import { t } from "./text";

/** The survey ids. */
export const SURVEY = { nps: "nps", warrantyCsat: "warranty-csat" } as const;

/** NPS = % promoters (9-10) − % detractors (0-6); passives score 7-8. */
export const npsSurvey: Survey = {
  id: SURVEY.nps,
  question: t(
    "How likely are you to recommend our company to your friends or colleagues? 0 is \"never\", 10 is \"certainly\".",
    "Какова вероятность того, что вы порекомендуете нашу компанию друзьям или коллегам? 0 — «ни в коем случае», 10 — «обязательно».",
  ),
  followUp: t("What is the main reason for your score?", "Назовите основную причину вашей оценки."),
  scale: { min: 0, max: 10 },
  bands: { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] },
};

/** Satisfaction with warranty service on 1-5: 1-2 unhappy, 3 neutral, 4-5 happy. */
export const warrantySurvey: Survey = {
  id: SURVEY.warrantyCsat,
  question: t("How satisfied are you with our warranty service? 1 is \"not at all\", 5 is \"fully\".", "Насколько вы довольны нашим гарантийным обслуживанием? 1 — «совсем нет», 5 — «полностью»."),
  followUp: t("What should we do better?", "Что нам стоит улучшить?"),
  scale: { min: 1, max: 5 },
  bands: { detractor: [1, 2], passive: [3, 3], promoter: [4, 5] },
};

/**
 * The Net Promoter Score of a set of answers: the share of promoters minus the share of
 * detractors, in percent (−100…100); `null` without answers.
 *
 * @example
 * npsOf([10, 9, 8, 3]) // 25
 */
export function npsOf(scores: readonly number[], survey: Survey = npsSurvey): number | null {
  if (scores.length === 0) return null;
  const within = (s: number, [from, to]: [number, number]) => s >= from && s <= to;
  const promoters = scores.filter((s) => within(s, survey.bands.promoter)).length;
  const detractors = scores.filter((s) => within(s, survey.bands.detractor)).length;
  return Math.round(((promoters - detractors) / scores.length) * 1000) / 10;
}
