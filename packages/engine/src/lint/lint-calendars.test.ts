import { describe, expect, it } from "vitest";
import { allIssues, broken, type Draft } from "./fixtures.test-helpers";

type Case = [string, string, (bp: Draft) => void, (string | number)[][]];

describe("calendars and surveys", () => {
  it.each<Case>([
    ["calendar.bad-time-zone", "an unknown zone", (bp) => { bp.calendars[0].timeZone = "Mars/Olympus"; }, [["calendars", 0, "timeZone"]]],
    ["calendar.no-working-days", "no working days", (bp) => { bp.calendars[0].workingDays = []; }, [["calendars", 0, "workingDays"]]],
    ["calendar.bad-hours", "hours that end before they start", (bp) => { bp.calendars[0].hours = { from: "18:00", to: "09:00" }; }, [["calendars", 0, "hours"]]],
    ["calendar.bad-hours", "an empty working day", (bp) => { bp.calendars[0].hours = { from: "09:00", to: "09:00" }; }, [["calendars", 0, "hours"]]],
    ["survey.bad-scale", "a reversed scale", (bp) => { bp.surveys[0].scale = { min: 10, max: 0 }; }, [["surveys", 0, "scale"]]],
    ["survey.bad-scale", "a one-point scale", (bp) => { bp.surveys[0].scale = { min: 5, max: 5 }; }, [["surveys", 0, "scale"]]],
    ["survey.bad-bands", "overlapping bands", (bp) => { bp.surveys[0].bands.passive = [6, 8]; }, [["surveys", 0, "bands", "passive"]]],
    ["survey.bad-bands", "a gap between bands", (bp) => { bp.surveys[0].bands.promoter = [10, 10]; }, [["surveys", 0, "bands", "promoter"]]],
    ["survey.bad-bands", "a gap at the bottom", (bp) => { bp.surveys[0].bands.detractor = [1, 6]; }, [["surveys", 0, "bands", "detractor"]]],
    ["survey.bad-bands", "a gap at the top", (bp) => { bp.surveys[0].scale.max = 11; }, [["surveys", 0, "bands", "promoter"]]],
    ["survey.bad-bands", "a band outside the scale", (bp) => { bp.surveys[0].bands.promoter = [9, 12]; }, [["surveys", 0, "bands", "promoter"]]],
    ["survey.bad-bands", "a band written backwards", (bp) => { bp.surveys[0].bands.passive = [8, 7]; }, [["surveys", 0, "bands", "passive"]]],
    ["survey.bad-bands", "bands out of order", (bp) => { bp.surveys[0].bands = { detractor: [9, 10], passive: [7, 8], promoter: [0, 6] }; }, [["surveys", 0, "bands", "passive"]]],
  ])("%s: %s", (code, _name, change, paths) => {
    expect(allIssues(broken(change)).map((i) => [i.code, i.path])).toEqual(paths.map((p) => [code, p]));
  });

  it("messages say what to do", () => {
    const message = (change: (bp: Draft) => void) => allIssues(broken(change))[0]!.message;
    expect(message((bp) => { bp.calendars[0].timeZone = "Moscow"; })).toMatch(/Calendar 'office' has time zone 'Moscow', which is not a known time zone: use a name such as 'Europe\/Moscow'/);
    expect(message((bp) => { bp.surveys[0].bands.passive = [6, 8]; })).toBe("Survey 'nps': the detractor band (0–6) and the passive band (6–8) overlap: each score must belong to one band.");
    expect(message((bp) => { bp.surveys[0].bands.promoter = [10, 10]; })).toBe("Survey 'nps': score 9 is in no band (between passive and promoter): make the bands cover the whole scale.");
  });

  it("a 1-5 scale and bands of one score each are fine", () => {
    expect(allIssues(broken((bp) => { bp.surveys[0].scale = { min: 1, max: 3 }; bp.surveys[0].bands = { detractor: [1, 1], passive: [2, 2], promoter: [3, 3] }; }))).toEqual([]);
  });
});
