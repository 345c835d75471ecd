import { z } from "zod";
import { SlugSchema } from "../blueprint/blueprint.schema";
import type { RobotDefinition } from "../registry/definitions";

export const SendSurveyParams = z.object({
  survey: SlugSchema,
  recipient: z.object({ field: SlugSchema }),
  channel: z.enum(["link", "webhook"]),
});
export type SendSurveyParams = z.infer<typeof SendSurveyParams>;

/** `sendSurvey`: sends an NPS-style question with a one-time link; the answer comes back as `surveyAnswered`. */
export const sendSurveyRobot: RobotDefinition<SendSurveyParams> = {
  type: "sendSurvey",
  label: { en: "Send a survey", ru: "Отправить опрос" },
  help: {
    en: "Issues a one-time survey link for the client named in the recipient field and hands it to delivery (a link, or a webhook). The answer is recorded with its band and can trigger moves.",
    ru: "Создаёт одноразовую ссылку на опрос для клиента из поля получателя и передаёт её на доставку (ссылка или вебхук). Ответ записывается с его группой и может запускать переходы.",
  },
  params: SendSurveyParams,
  references(params) {
    return [
      { kind: "survey", id: params.survey, path: ["survey"] },
      { kind: "field", id: params.recipient.field, path: ["recipient", "field"] },
    ];
  },
  execute({ params, deal }) {
    const recipient = Object.hasOwn(deal.fields, params.recipient.field) ? deal.fields[params.recipient.field] : null;
    return [{ type: "survey.send", survey: params.survey, recipient, channel: params.channel }];
  },
  simulated: true,
};
