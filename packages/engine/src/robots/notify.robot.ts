import { z } from "zod";
import { ResponsibleSchema, TextSchema } from "../blueprint/blueprint.schema";
import type { RobotDefinition } from "../registry/definitions";

export const NotifyParams = z.object({ to: ResponsibleSchema, text: TextSchema });
export type NotifyParams = z.infer<typeof NotifyParams>;

/** `notify`: a message to a person about the deal, through the outbox. */
export const notifyRobot: RobotDefinition<NotifyParams> = {
  type: "notify",
  label: { en: "Notify", ru: "Уведомить" },
  help: {
    en: "Sends a notification. The text may use {{deal.title}}, {{deal.amount}} and {{deal.fields.<field>}}.",
    ru: "Отправляет уведомление. В тексте можно использовать {{deal.title}}, {{deal.amount}} и {{deal.fields.<поле>}}.",
  },
  params: NotifyParams,
  references(params) {
    return [{ kind: "template", template: params.text, path: ["text"] }];
  },
  execute({ params, render }) {
    const texts = typeof params.text === "string"
      ? { en: render(params.text) }
      : Object.fromEntries(Object.keys(params.text).map((locale) => [locale, render(params.text, locale)]));
    return [{ type: "notify", to: params.to, text: render(params.text), texts }];
  },
  simulated: true,
};
