/**
 * Calendars and surveys: a real time zone, working days and hours that make sense, and survey
 * bands that split the scale into detractor < passive < promoter with no gaps or overlaps.
 */
import type { Survey } from "../blueprint/blueprint.schema";
import { isValidTimeZone } from "../time";
import type { LintContext } from "./context";

function minutes(hhmm: string): number {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

const BANDS = ["detractor", "passive", "promoter"] as const;

/** "score 9 is" / "scores 0–2 are". */
function scores(from: number, to: number): string {
  return from === to ? `score ${from} is` : `scores ${from}–${to} are`;
}

function lintSurvey(ctx: LintContext, survey: Survey, i: number): void {
  const { min, max } = survey.scale;
  const name = `Survey '${survey.id}'`;
  if (min >= max) {
    ctx.report("survey.bad-scale", ["surveys", i, "scale"],
      `${name} has a scale from ${min} to ${max}: the lowest score must be below the highest, e.g. 0 to 10.`);
    return;
  }
  let ok = true;
  for (const band of BANDS) {
    const [from, to] = survey.bands[band];
    const path = ["surveys", i, "bands", band];
    if (from > to) {
      ok = false;
      ctx.report("survey.bad-bands", path, `${name}: the ${band} band runs from ${from} to ${to}: put the lower score first.`);
    } else if (from < min || to > max) {
      ok = false;
      ctx.report("survey.bad-bands", path, `${name}: the ${band} band (${from}–${to}) lies outside the scale ${min}–${max}: keep it inside the scale.`);
    }
  }
  if (!ok) return;
  const [d, p, r] = BANDS.map((b) => survey.bands[b]) as [[number, number], [number, number], [number, number]];
  const pairs: [string, [number, number], string, [number, number]][] = [["detractor", d, "passive", p], ["passive", p, "promoter", r]];
  for (const [lowName, low, highName, high] of pairs) {
    if (high[0] < low[0]) {
      ctx.report("survey.bad-bands", ["surveys", i, "bands", highName],
        `${name}: the ${highName} band (${high[0]}–${high[1]}) comes before the ${lowName} band (${low[0]}–${low[1]}): detractors get the lowest scores, then passives, then promoters.`);
      return;
    }
    if (high[0] <= low[1]) {
      ctx.report("survey.bad-bands", ["surveys", i, "bands", highName],
        `${name}: the ${lowName} band (${low[0]}–${low[1]}) and the ${highName} band (${high[0]}–${high[1]}) overlap: each score must belong to one band.`);
    } else if (high[0] > low[1] + 1) {
      ctx.report("survey.bad-bands", ["surveys", i, "bands", highName],
        `${name}: ${scores(low[1] + 1, high[0] - 1)} in no band (between ${lowName} and ${highName}): make the bands cover the whole scale.`);
    }
  }
  if (d[0] > min) {
    ctx.report("survey.bad-bands", ["surveys", i, "bands", "detractor"],
      `${name}: ${scores(min, d[0] - 1)} in no band: start the detractor band at ${min}, the bottom of the scale.`);
  }
  if (r[1] < max) {
    ctx.report("survey.bad-bands", ["surveys", i, "bands", "promoter"],
      `${name}: ${scores(r[1] + 1, max)} in no band: end the promoter band at ${max}, the top of the scale.`);
  }
}

/** `calendar.bad-time-zone`, `calendar.no-working-days`, `calendar.bad-hours`, `survey.bad-scale`, `survey.bad-bands`. */
export function lintCalendarsAndSurveys(ctx: LintContext): void {
  ctx.bp.calendars.forEach((calendar, i) => {
    const name = `Calendar '${calendar.id}'`;
    if (!isValidTimeZone(calendar.timeZone)) {
      ctx.report("calendar.bad-time-zone", ["calendars", i, "timeZone"],
        `${name} has time zone '${calendar.timeZone}', which is not a known time zone: use a name such as 'Europe/Moscow' or 'Asia/Yekaterinburg'.`);
    }
    if (calendar.workingDays.length === 0) {
      ctx.report("calendar.no-working-days", ["calendars", i, "workingDays"],
        `${name} has no working days: list them as 1 (Monday) to 7 (Sunday), e.g. [1, 2, 3, 4, 5].`);
    }
    if (minutes(calendar.hours.from) >= minutes(calendar.hours.to)) {
      ctx.report("calendar.bad-hours", ["calendars", i, "hours"],
        `${name} has working hours from ${calendar.hours.from} to ${calendar.hours.to}: the day must start before it ends (overnight shifts are not supported).`);
    }
  });
  ctx.bp.surveys.forEach((survey, i) => lintSurvey(ctx, survey, i));
}
