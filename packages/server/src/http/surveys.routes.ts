/**
 * The public survey link (no auth: the unguessable token is the credential). `GET /s/:token` shows
 * the page in English or Russian (by `Accept-Language`); `POST /s/:token { score, reason? }`
 * records the answer, sent as JSON (answered with JSON) or as the page's form (answered with a
 * page). A used token answers 410, an unknown one 404, each with a clear page or body.
 */
import { EngineError, type Survey } from "@voronka/engine";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext, RouteModule } from "../context";
import { messagePage, pickLocale, surveyFormPage, words, type PageLocale } from "./deals/survey-page";

const TokenParams = z.object({ token: z.string().min(1).max(200) });

const AnswerBody = z.object({
  score: z.coerce.number().int().describe("A whole number on the survey's scale (0-10 for NPS)."),
  reason: z.string().max(2000).optional().describe("The answer to the follow-up question."),
});

const FORM = "application/x-www-form-urlencoded";
const isForm = (request: FastifyRequest) => (request.headers["content-type"] ?? "").toLowerCase().startsWith(FORM);

/** Sends an HTML page with headers that keep the token private and the page self-contained. */
function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .send(html);
}

/** The survey's definition in the published blueprint, or null when it is no longer there. */
async function definitionOf(ctx: AppContext, surveyId: string): Promise<Survey | null> {
  return (await ctx.engine.compiled()).surveys.get(surveyId) ?? null;
}

/** The page that answers a refused form post. */
async function errorPage(ctx: AppContext, reply: FastifyReply, locale: PageLocale, token: string, error: EngineError | FastifyError): Promise<FastifyReply> {
  const w = words(locale);
  if (error instanceof EngineError && error.code === "NOT_FOUND") return sendPage(reply, 404, messagePage(locale, w.unknown, w.unknownText));
  if (error instanceof EngineError && error.code === "SURVEY_ANSWERED") return sendPage(reply, 410, messagePage(locale, w.used, w.usedText));
  const found = await ctx.store.findSurvey(token);
  const survey = found ? await definitionOf(ctx, found.survey) : null;
  if (!survey) return sendPage(reply, 404, messagePage(locale, w.unknown, w.unknownText));
  // A score off the scale, or none: show the form again with the problem on top.
  const message = error instanceof EngineError ? error.message : w.invalid;
  return sendPage(reply, 400, surveyFormPage({ locale, survey, error: message }));
}

/** Registers the survey page and its form post in their own context (with a form parser). */
const surveys: RouteModule = async (root, ctx) => {
  await root.register(async (scope) => {
    if (!scope.hasContentTypeParser(FORM)) {
      scope.addContentTypeParser(FORM, { parseAs: "string" }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    }
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.get("/s/:token", { schema: { tags: ["surveys"], summary: "The survey page (HTML)", params: TokenParams } }, async (request, reply) => {
      const locale = pickLocale(request.headers["accept-language"]);
      const w = words(locale);
      const found = await ctx.store.findSurvey(request.params.token);
      const survey = found ? await definitionOf(ctx, found.survey) : null;
      if (!found || !survey) return sendPage(reply, 404, messagePage(locale, w.unknown, w.unknownText));
      if (found.status === "answered") return sendPage(reply, 410, messagePage(locale, w.used, w.usedText));
      return sendPage(reply, 200, surveyFormPage({ locale, survey }));
    });

    app.post(
      "/s/:token",
      {
        schema: { tags: ["surveys"], summary: "Answer a survey (JSON or the page's form)", params: TokenParams, body: AnswerBody, consumes: ["application/json", FORM] },
        // A form post gets pages for its errors too; JSON errors go on to the server's handler.
        errorHandler: async (error: FastifyError, request, reply) => {
          if (!isForm(request)) throw error;
          const token = (request.params as { token?: string }).token ?? "";
          return errorPage(ctx, reply, pickLocale(request.headers["accept-language"]), token, error);
        },
      },
      async (request, reply) => {
        const { token } = request.params;
        const reason = request.body.reason?.trim() ? request.body.reason : undefined;
        await ctx.engine.answerSurvey(token, { score: request.body.score, ...(reason !== undefined ? { reason } : {}) });
        const answered = await ctx.store.findSurvey(token);
        if (isForm(request)) {
          const locale = pickLocale(request.headers["accept-language"]);
          return sendPage(reply, 200, messagePage(locale, words(locale).thanks, words(locale).thanksText));
        }
        return { survey: answered?.survey ?? null, score: answered?.score ?? request.body.score, band: answered?.band ?? null };
      },
    );
  });
};

export default surveys;
