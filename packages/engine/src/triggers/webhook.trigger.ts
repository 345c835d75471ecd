import { z } from "zod";
import type { TriggerDefinition } from "../registry/definitions";

export const WebhookTriggerParams = z.object({}).strict();
export type WebhookTriggerParams = z.infer<typeof WebhookTriggerParams>;

/** `webhook`: an external system called this trigger's secret URL naming the deal. */
export const webhookTrigger: TriggerDefinition<WebhookTriggerParams> = {
  type: "webhook",
  label: { en: "Incoming webhook", ru: "Входящий вебхук" },
  help: {
    en: "Pulls the deal here when an external system calls this trigger's secret URL with { dealId } or { externalId }. The condition can read the request as event.body.",
    ru: "Переводит сделку сюда, когда внешняя система вызывает секретный адрес триггера с { dealId } или { externalId }. Условие может читать запрос как event.body.",
  },
  params: WebhookTriggerParams,
  eventFields: ["body"],
  matches(_params, event) {
    // The engine routes a webhook event to its own trigger only (see receiveWebhook).
    return typeof event["trigger"] === "string";
  },
};
