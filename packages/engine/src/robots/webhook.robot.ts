import { z } from "zod";
import type { RobotDefinition } from "../registry/definitions";

/** A template body: a string, or JSON whose strings are templates. */
export const TemplateSchema = z.unknown();

export const WebhookParams = z.object({
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(["POST", "PUT"]),
  headers: z.record(z.string(), z.string()).optional(),
  body: TemplateSchema.optional(),
});
export type WebhookParams = z.infer<typeof WebhookParams>;

function renderDeep(value: unknown, render: (t: string) => string, depth = 0): unknown {
  if (depth > 32) return null;
  if (typeof value === "string") return render(value);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, render, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== "__proto__") out[k] = renderDeep(v, render, depth + 1);
    return out;
  }
  return value;
}

/** `webhook`: calls an external URL through the outbox, at least once, with an idempotency key. */
export const webhookRobot: RobotDefinition<WebhookParams> = {
  type: "webhook",
  label: { en: "Call a webhook", ru: "Вызвать вебхук" },
  help: {
    en: "Sends an HTTP request to an external system, retried until it succeeds; the receiver gets an Idempotency-Key. Strings in the body may use {{deal.title}} and {{deal.fields.<field>}}; without a body the deal is sent.",
    ru: "Отправляет HTTP-запрос во внешнюю систему с повторами до успеха; получатель видит Idempotency-Key. В строках тела можно использовать {{deal.title}} и {{deal.fields.<поле>}}; без тела отправляется сделка.",
  },
  params: WebhookParams,
  references(params) {
    return params.body === undefined ? [] : [{ kind: "template", template: params.body, path: ["body"] }];
  },
  execute({ params, render, deal }) {
    const body = params.body === undefined ? { deal } : renderDeep(params.body, render);
    return [{ type: "outbox", kind: "webhook", payload: { url: params.url, method: params.method, headers: params.headers ?? {}, body } }];
  },
  simulated: true,
};
