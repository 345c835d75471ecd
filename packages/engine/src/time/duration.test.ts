import { describe, expect, it } from "vitest";
import {
  DURATION_PATTERN, SIGNED_DURATION_PATTERN, TIME_OF_DAY_PATTERN, isValidTimeZone, parseDuration,
  parseIsoDate, parseIsoDateTime,
} from "./index";

const Z = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe("parseDuration", () => {
  it.each([
    ["PT30M", { ...Z, sign: 1, minutes: 30 }],
    ["PT4H", { ...Z, sign: 1, hours: 4 }],
    ["P2D", { ...Z, sign: 1, days: 2 }],
    ["P1W", { ...Z, sign: 1, weeks: 1 }],
    ["P1M", { ...Z, sign: 1, months: 1 }],
    ["PT1M", { ...Z, sign: 1, minutes: 1 }],
    ["P1Y2M3W4DT5H6M7S", { sign: 1, years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 }],
    ["P1DT12H", { ...Z, sign: 1, days: 1, hours: 12 }],
    ["PT0.5S", { ...Z, sign: 1, seconds: 0.5 }],
    ["PT1M30.250S", { ...Z, sign: 1, minutes: 1, seconds: 30.25 }],
    ["P0D", { ...Z, sign: 1 }],
    ["PT36H", { ...Z, sign: 1, hours: 36 }],
    ["P10Y", { ...Z, sign: 1, years: 10 }],
  ])("parses %s", (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
    expect(DURATION_PATTERN.test(text)).toBe(true);
    expect(SIGNED_DURATION_PATTERN.test(text)).toBe(true);
  });

  it.each([
    ["-P3D", { ...Z, sign: -1, days: 3 }],
    ["-PT90M", { ...Z, sign: -1, minutes: 90 }],
    ["P1D", { ...Z, sign: 1, days: 1 }],
  ])("parses signed %s", (text, expected) => {
    expect(parseDuration(text, { signed: true })).toEqual(expected);
    expect(SIGNED_DURATION_PATTERN.test(text)).toBe(true);
  });

  it.each([
    "", "P", "PT", "-P", "-PT", "P1DT", "P1H", "PT1D", "1D", "p1d", "P1d", "pt30m", "P-1D", "+P1D", "--P1D",
    "P1.5D", "PT1.5H", "PT1.5M", "P1,5D", "PT1,5S", "P1D2Y", "PT1S2M", "P1M1Y", "PT.5S", "PT5.S", " P1D", "P1D ",
    "P 1D", "P1DT1H1", "P99999999999999999999D", "P1DP1D", "PT30MT", "PT1H1H",
  ])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
    expect(parseDuration(text, { signed: true })).toBeNull();
  });

  it("accepts a leading '-' only when signed", () => {
    expect(parseDuration("-P3D")).toBeNull();
    expect(DURATION_PATTERN.test("-P3D")).toBe(false);
    expect(SIGNED_DURATION_PATTERN.test("-P3D")).toBe(true);
    expect(SIGNED_DURATION_PATTERN.test("-P")).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(parseDuration(42 as unknown as string)).toBeNull();
  });
});

describe("TIME_OF_DAY_PATTERN", () => {
  it.each(["00:00", "09:00", "12:30", "23:59", "19:05"])("accepts %s", (t) => {
    expect(TIME_OF_DAY_PATTERN.test(t)).toBe(true);
  });
  it.each(["24:00", "9:00", "09:60", "0900", "09:00:00", "", "ab:cd", "23:5", " 09:00"])("rejects %j", (t) => {
    expect(TIME_OF_DAY_PATTERN.test(t)).toBe(false);
  });
});

describe("isValidTimeZone", () => {
  it.each(["Europe/Moscow", "Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", "Etc/GMT+3"])("accepts %s", (z) => {
    expect(isValidTimeZone(z)).toBe(true);
  });
  it.each(["", " ", "Mars/Olympus", "Europe/Moskva", "+03:00", "-05:00", "GMT+3 ", "Moscow"])("rejects %j", (z) => {
    expect(isValidTimeZone(z)).toBe(false);
  });
});

describe("ISO date parsers", () => {
  it.each([
    ["2024-02-29", { year: 2024, month: 2, day: 29 }],
    ["2023-02-29", null],
    ["2024-13-01", null],
    ["2024-04-31", null],
    ["2024-4-01", null],
    ["2024-04-01T00:00:00Z", null],
    ["", null],
  ])("parseIsoDate(%j)", (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });

  it.each([
    ["2024-05-01T10:00:00+03:00", "2024-05-01T07:00:00.000Z"],
    ["2024-05-01T10:00+03:00", "2024-05-01T07:00:00.000Z"],
    ["2024-05-01T07:00:00.5Z", "2024-05-01T07:00:00.500Z"],
    ["2024-05-01T10:00:00-04:30", "2024-05-01T14:30:00.000Z"],
    ["2024-05-01T10:00:00", null],
    ["2024-05-01", null],
    ["2024-02-30T10:00:00Z", null],
    ["2024-05-01T24:00:00Z", null],
    ["2024-05-01 10:00:00Z", null],
    ["2024-05-01T10:00:00+0300", null],
    ["yesterday", null],
  ])("parseIsoDateTime(%j)", (text, expected) => {
    expect(parseIsoDateTime(text)?.toISOString() ?? null).toBe(expected);
  });
});
