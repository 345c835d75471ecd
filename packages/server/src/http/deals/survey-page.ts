/**
 * The public survey page (`/s/:token`): a small, accessible HTML form in English or Russian —
 * the question as the legend of a radio scale, the follow-up question as a text field — and the
 * pages that answer it (thank you, already answered, unknown link). No script, no external assets.
 */
import type { Survey, Text } from "@voronka/engine";

/** The page languages. */
export type PageLocale = "en" | "ru";

/** Picks the page language from `Accept-Language` (q-values honoured); English by default. */
export function pickLocale(acceptLanguage: string | undefined): PageLocale {
  if (!acceptLanguage) return "en";
  const ranked = acceptLanguage
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { lang } of ranked) if (lang === "en" || lang === "ru") return lang;
  return "en";
}

/** A localized blueprint text in `locale`, falling back to English. */
export function localText(text: Text | undefined, locale: PageLocale): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[locale] ?? text["en"] ?? "";
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const WORDS = {
  en: {
    title: "Your opinion",
    send: "Send",
    thanks: "Thank you!",
    thanksText: "Your answer has been recorded.",
    used: "Already answered",
    usedText: "This survey has already been answered. Thank you!",
    unknown: "Survey not found",
    unknownText: "This survey link is not valid. Check that it was copied whole.",
    invalid: "Please choose a score",
    scale: (min: number, max: number) => `${min} to ${max}`,
  },
  ru: {
    title: "Ваше мнение",
    send: "Отправить",
    thanks: "Спасибо!",
    thanksText: "Ваш ответ записан.",
    used: "Ответ уже получен",
    usedText: "На этот опрос уже ответили. Спасибо!",
    unknown: "Опрос не найден",
    unknownText: "Ссылка на опрос недействительна. Проверьте, что она скопирована целиком.",
    invalid: "Пожалуйста, выберите оценку",
    scale: (min: number, max: number) => `от ${min} до ${max}`,
  },
} as const;

/** The page texts in a language (for messages built by the route). */
export function words(locale: PageLocale) {
  return WORDS[locale];
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}fieldset{border:0;padding:0;margin:0 0 1.25rem}legend{font-weight:600;margin-bottom:.75rem}
.scale{display:flex;flex-wrap:wrap;gap:.4rem}.scale label{position:relative}
.scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0;cursor:pointer}
.scale span{display:inline-block;min-width:2.6rem;padding:.55rem 0;text-align:center;border:1px solid #8a94a3;border-radius:.4rem;background:#fff}
.scale input:checked+span{background:#1f5fd1;border-color:#1f5fd1;color:#fff}
.scale input:focus-visible+span{outline:3px solid #f5a623;outline-offset:2px}
label.reason{display:block;font-weight:600;margin-bottom:.4rem}textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #8a94a3;border-radius:.4rem}
button{margin-top:1rem;font:inherit;padding:.6rem 1.4rem;border:0;border-radius:.4rem;background:#1f5fd1;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}.error{color:#b00020;font-weight:600}.hint{color:#5a6472;font-size:.9rem}`;

function page(locale: PageLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The survey form: the question as a radio scale, the follow-up as a text field. */
export function surveyFormPage(opts: { locale: PageLocale; survey: Survey; error?: string; reason?: string }): string {
  const { locale, survey } = opts;
  const w = WORDS[locale];
  const question = localText(survey.question, locale);
  const followUp = localText(survey.followUp, locale);
  const radios: string[] = [];
  for (let n = survey.scale.min; n <= survey.scale.max; n++) {
    radios.push(`<label><input type="radio" name="score" value="${n}" required${n === survey.scale.min ? ' aria-describedby="scale-hint"' : ""}><span>${n}</span></label>`);
  }
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>\n` : "";
  const reason = followUp
    ? `<label class="reason" for="reason">${escapeHtml(followUp)}</label>
<textarea id="reason" name="reason" maxlength="2000">${escapeHtml(opts.reason ?? "")}</textarea>\n`
    : "";
  return page(
    locale,
    w.title,
    `<h1>${escapeHtml(w.title)}</h1>
${error}<form method="post">
<fieldset>
<legend>${escapeHtml(question)}</legend>
<div class="scale">
${radios.join("\n")}
</div>
<p class="hint" id="scale-hint">${escapeHtml(w.scale(survey.scale.min, survey.scale.max))}</p>
</fieldset>
${reason}<button type="submit">${escapeHtml(w.send)}</button>
</form>`,
  );
}

/** A page with a heading and one message (thank you, already answered, not found). */
export function messagePage(locale: PageLocale, title: string, message: string): string {
  return page(locale, title, `<h1>${escapeHtml(title)}</h1>\n<p role="status">${escapeHtml(message)}</p>`);
}
