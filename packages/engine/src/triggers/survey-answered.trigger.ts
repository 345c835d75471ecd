import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { TriggerDefinition } from "../registry/definitions";

export const SurveyAnsweredParams = z.object({ survey: SlugSchema.optional() });
export type SurveyAnsweredParams = z.infer<typeof SurveyAnsweredParams>;

/** `surveyAnswered`: the client answered a survey (its score, band and reason are in the event). */
export const surveyAnsweredTrigger: TriggerDefinition<SurveyAnsweredParams> = {
  type: "surveyAnswered",
  label: { en: "Survey answered", ru: "Получен ответ на опрос" },
  help: {
    en: "Pulls the deal here when the client answers a survey. The condition can read event.score and event.band (detractor, passive, promoter).",
    ru: "Переводит сделку сюда, когда клиент ответил на опрос. Условие может читать event.score и event.band (detractor, passive, promoter).",
  },
  params: SurveyAnsweredParams,
  eventFields: ["survey", "score", "band", "reason"],
  references(params) {
    return params.survey ? [{ kind: "survey", id: params.survey, path: ["survey"] }] : [];
  },
  matches(params, event) {
    return params.survey === undefined || event["survey"] === params.survey;
  },
};
