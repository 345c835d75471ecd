/**
 * The building blocks of the figures, without a server: calendar periods in time zones with and
 * without DST (boundaries as UTC instants), months and days of a period, the CSV writer, the
 * numbers (null, never NaN or Infinity) and the dialect's SQL fragments.
 */
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../src/reports/csv";
import { durationMs, jsonText, sameValue } from "../src/reports/dialect";
import { money, ratio, round, seconds } from "../src/reports/numbers";
import { daysOf, monthsOf, previousPeriod, resolvePeriod, startOfLocalDay, today, weekdayOf } from "../src/reports/periods";

const now = new Date("2025-05-10T12:00:00Z");

describe("periods", () => {
  it.each([
    ["Europe/Moscow", "month", "2025-10", "2025-09-30T21:00:00.000Z", "2025-10-31T21:00:00.000Z"],
    ["UTC", "year", "2024-01", "2024-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"],
    // Berlin: CET (+1) in January, CEST (+2) from March 30.
    ["Europe/Berlin", "quarter", "2025-01", "2024-12-31T23:00:00.000Z", "2025-03-31T22:00:00.000Z"],
    ["Europe/Berlin", "half-year", "2025-07", "2025-06-30T22:00:00.000Z", "2025-12-31T23:00:00.000Z"],
    ["America/New_York", "month", "2025-11", "2025-11-01T04:00:00.000Z", "2025-12-01T05:00:00.000Z"],
    ["Asia/Kolkata", "month", "2025-02", "2025-01-31T18:30:00.000Z", "2025-02-28T18:30:00.000Z"],
  ] as const)("%s %s from %s is [%s, %s)", (timeZone, period, start, from, to) => {
    expect(resolvePeriod({ period, start }, timeZone, now)).toEqual({ kind: period, start, from, to, timeZone });
  });

  it("starts a day at the end of a DST gap when its midnight does not exist", () => {
    // São Paulo, 2018-11-04: clocks went from 00:00 (-03) to 01:00 (-02).
    expect(startOfLocalDay(2018, 11, 4, "America/Sao_Paulo").toISOString()).toBe("2018-11-04T03:00:00.000Z");
    expect(startOfLocalDay(2018, 11, 5, "America/Sao_Paulo").toISOString()).toBe("2018-11-05T02:00:00.000Z");
    const days = daysOf(resolvePeriod({ from: "2018-11-03T12:00:00-03:00", to: "2018-11-05T12:00:00-02:00" }, "America/Sao_Paulo", now));
    expect(days).toEqual([
      { key: "2018-11-03", from: "2018-11-03T15:00:00.000Z", to: "2018-11-04T03:00:00.000Z" },
      { key: "2018-11-04", from: "2018-11-04T03:00:00.000Z", to: "2018-11-05T02:00:00.000Z" },
      { key: "2018-11-05", from: "2018-11-05T02:00:00.000Z", to: "2018-11-05T14:00:00.000Z" },
    ]);
  });

  it("takes the current month by default, and the period holding now without a start", () => {
    expect(resolvePeriod({}, "UTC", now)).toMatchObject({ kind: "month", start: "2025-05", from: "2025-05-01T00:00:00.000Z" });
    expect(resolvePeriod({ period: "quarter" }, "UTC", now)).toMatchObject({ start: "2025-04", to: "2025-07-01T00:00:00.000Z" });
    expect(resolvePeriod({ period: "half-year" }, "UTC", now)).toMatchObject({ start: "2025-01" });
    // 23:30 UTC on April 30 is already May 1 in Moscow.
    expect(resolvePeriod({}, "Europe/Moscow", new Date("2025-04-30T23:30:00Z"))).toMatchObject({ start: "2025-05" });
  });

  it("normalizes from and to to UTC and keeps them as given", () => {
    expect(resolvePeriod({ from: "2025-01-01T00:00:00+03:00", to: "2025-01-02T00:00:00+03:00" }, "UTC", now))
      .toEqual({ kind: "custom", start: null, from: "2024-12-31T21:00:00.000Z", to: "2025-01-01T21:00:00.000Z", timeZone: "UTC" });
  });

  it("finds the previous period: the previous calendar one, or the same length just before", () => {
    expect(previousPeriod(resolvePeriod({ period: "quarter", start: "2025-01" }, "Europe/Moscow", now))).toMatchObject({ start: "2024-10", from: "2024-09-30T21:00:00.000Z", to: "2024-12-31T21:00:00.000Z" });
    expect(previousPeriod(resolvePeriod({ period: "year", start: "2025-01" }, "UTC", now))).toMatchObject({ start: "2024-01", from: "2024-01-01T00:00:00.000Z" });
    expect(previousPeriod(resolvePeriod({ from: "2025-03-10T00:00:00Z", to: "2025-03-20T00:00:00Z" }, "UTC", now)))
      .toMatchObject({ kind: "custom", from: "2025-02-28T00:00:00.000Z", to: "2025-03-10T00:00:00.000Z" });
  });

  it("splits a period into local months and days, clipped to it", () => {
    const custom = resolvePeriod({ from: "2025-01-20T00:00:00Z", to: "2025-03-05T00:00:00Z" }, "Europe/Moscow", now);
    expect(monthsOf(custom)).toEqual([
      { key: "2025-01", from: "2025-01-20T00:00:00.000Z", to: "2025-01-31T21:00:00.000Z" },
      { key: "2025-02", from: "2025-01-31T21:00:00.000Z", to: "2025-02-28T21:00:00.000Z" },
      { key: "2025-03", from: "2025-02-28T21:00:00.000Z", to: "2025-03-05T00:00:00.000Z" },
    ]);
    expect(monthsOf(resolvePeriod({ period: "year", start: "2025-01" }, "Europe/Berlin", now)).map((m) => m.key)).toHaveLength(12);
    expect(daysOf(resolvePeriod({ period: "month", start: "2025-03" }, "Europe/Berlin", now))).toHaveLength(31);
    expect(today(new Date("2025-10-14T21:30:00Z"), "Europe/Moscow")).toEqual({ key: "2025-10-15", from: "2025-10-14T21:00:00.000Z", to: "2025-10-15T21:00:00.000Z" });
    expect(["2025-10-13", "2025-10-18", "2025-10-19"].map(weekdayOf)).toEqual([1, 6, 7]);
  });
});

describe("csv", () => {
  it("quotes per RFC 4180 and writes null as an empty field", () => {
    expect(toCsv({ columns: ["a", "b", "c"], rows: [{ a: "x,y", b: 'say "hi"', c: null }, { a: "line\nbreak", b: 1.5, c: -2 }] }))
      .toBe('a,b,c\r\n"x,y","say ""hi""",\r\n"line\nbreak",1.5,-2\r\n');
  });

  it.each([["=1+1", "'=1+1"], ["+7", "'+7"], ["-x", "'-x"], ["@sum", "'@sum"], ["plain", "plain"]])("writes the text %s as %s", (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });
});

describe("numbers", () => {
  it("answers null where there is nothing to divide by, and rounds half away from zero", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(-2, 3)).toBe(-0.6667);
    expect(round(-0.00001, 2)).toBe(0);
    expect(Object.is(round(-0.00001, 2), -0)).toBe(false);
    expect(money(0.1 + 0.2)).toBe(0.3);
    expect(money(10.126)).toBe(10.13);
    expect(seconds(1500)).toBe(1.5);
    expect(seconds(null)).toBeNull();
  });
});

describe("dialect", () => {
  it("spells JSON members, durations and null-safe equality per database", () => {
    expect(jsonText("sqlite", "h.data", "to")).toBe(`json_extract(h.data, '$."to"')`);
    expect(jsonText("postgres", "h.data", "loss-reason")).toBe("(h.data::json ->> 'loss-reason')");
    expect(durationMs("sqlite", "a.at", "b.at")).toContain("julianday(b.at) - julianday(a.at)");
    expect(durationMs("postgres", "a.at", "b.at")).toContain("EXTRACT(EPOCH FROM (CAST(b.at AS timestamptz) - CAST(a.at AS timestamptz)))");
    expect(sameValue("sqlite", "a.g", "b.g")).toBe("a.g IS b.g");
    expect(sameValue("postgres", "a.g", "b.g")).toBe("a.g IS NOT DISTINCT FROM b.g");
  });

  it("refuses keys and columns that are not plain names", () => {
    expect(() => jsonText("sqlite", "h.data", "x'); DROP TABLE deals; --")).toThrow(/not a JSON key/);
    expect(() => durationMs("postgres", "a.at; --", "b.at")).toThrow(/not a plain column/);
  });
});
