import { render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useLocaleStore } from "../i18n";
import { ControlSections, defaultFilters } from "./ControlPage";
import { EMPTY, FULL } from "./fixtures";
import { alignStart, csvPath, reportPath } from "./query";
import { duration, num, pct } from "./format";
import { controlEn, controlRu } from "./i18n";
import { FIGURES } from "./types";

const filters = { ...defaultFilters(new Date(2026, 2, 15)), pipeline: "" };
const section = (figure: string) => within(screen.getByTestId(`control-${figure}`));

describe("control room sections", () => {
  beforeEach(() => useLocaleStore.getState().setLocale("en"));

  it("renders every figure's numbers from the server's answers", () => {
    render(<ControlSections loaded={FULL} filters={filters} />);
    for (const f of FIGURES) expect(screen.getByTestId(`control-${f}`)).toBeTruthy();
    // plans: employee, pipeline, company with completion
    const plans = section("plans");
    expect(plans.getByTestId("plans-table").textContent).toContain("1,500,000");
    expect(plans.getByTestId("plans-table").textContent).toContain("1,125,000");
    expect(plans.getByTestId("plans-table").textContent).toContain("75 %");
    expect(plans.getByTestId("plans-table").textContent).toContain("b2c-new");
    expect(plans.getByTestId("plans-company-amount-2026-03").textContent).toContain("133.3 %");
    // funnel: conversion, lost, time in stage
    const funnel = section("funnel").getByTestId("funnel-table").textContent!;
    expect(funnel).toContain("50 %");
    expect(funnel).toContain("1 d 1 h");
    expect(funnel).toContain("4 d 15 h");
    // control
    expect(section("control").getByTestId("control-overdue").textContent).toContain("4");
    expect(section("control").getByTestId("control-win-share").textContent).toContain("75 %");
    expect(section("control").getByTestId("control-reschedules").textContent).toContain("Client asked to call later");
    expect(section("control").getByTestId("control-forgotten").textContent).toContain("Polyus supply");
    // loss reasons: a null reason is named
    const loss = section("loss-reasons").getByTestId("loss-reasons-table").textContent!;
    expect(loss).toContain("too-expensive");
    expect(loss).toContain("(no reason)");
    expect(loss).toContain("25 %");
    // nps
    expect(section("nps").getByTestId("nps-score").textContent).toContain("25");
    expect(section("nps").getByTestId("nps-reasons").textContent).toContain("Fast delivery");
    // kpis
    expect(section("kpis").getByTestId("kpis-revenue").textContent).toContain("300,000");
    expect(section("kpis").getByTestId("kpis-average").textContent).toContain("100,000");
    expect(section("kpis").getByTestId("kpis-growth").textContent).toContain("50 %");
    // activity
    expect(section("activity").getByTestId("activity-table").textContent).toContain("45");
    expect(section("activity").getByTestId("activity-table").textContent).toContain("60");
    // abc-xyz: the AZ star cell
    expect(section("abc-xyz").getByTestId("abc-AZ").textContent).toContain("1");
    expect(section("abc-xyz").getByTestId("abc-AZ").getAttribute("title")).toBe("Stars (AZ)");
    expect(section("abc-xyz").getByTestId("abc-xyz-table").textContent).toContain("Polyus");
    // CSV links name the figure's tables
    expect(section("control").getByTestId("csv-control-reschedules").getAttribute("href")).toContain("format=csv&table=reschedules");
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("shows an empty state, never NaN, when a period has nothing", () => {
    render(<ControlSections loaded={EMPTY} filters={filters} />);
    for (const f of FIGURES) expect(screen.getByTestId(`empty-${f}`).textContent).toBe("No data for this period and these filters.");
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("speaks Russian with the app's locale", () => {
    useLocaleStore.getState().setLocale("ru");
    render(<ControlSections loaded={FULL} filters={filters} />);
    expect(screen.getByText("План и факт")).toBeTruthy();
    expect(section("loss-reasons").getByTestId("loss-reasons-table").textContent).toContain("(без причины)");
  });

  it("shows loading and errors per figure", () => {
    render(<ControlSections loaded={{ plans: { error: "boom" } }} filters={filters} />);
    expect(section("plans").getByRole("alert").textContent).toContain("boom");
    expect(screen.getByTestId("control-nps").getAttribute("aria-busy")).toBe("true");
  });
});

describe("control room helpers", () => {
  it("aligns periods and builds queries", () => {
    expect(alignStart("quarter", "2026-11")).toBe("2026-10");
    expect(alignStart("half-year", "2026-05")).toBe("2026-01");
    expect(alignStart("year", "2026-11")).toBe("2026-01");
    const f = { period: "quarter" as const, start: "2026-05", pipeline: "b2b-new", responsible: " ", team: "b2b" };
    expect(reportPath("funnel", f)).toBe("/api/reports/funnel?period=quarter&start=2026-04&pipeline=b2b-new&team=b2b");
    expect(csvPath("nps", f, "reasons")).toBe("/api/reports/nps?period=quarter&start=2026-04&pipeline=b2b-new&team=b2b&format=csv&table=reasons");
  });
  it("formats null and non-finite as a dash", () => {
    expect(num(null, "en")).toBe("—");
    expect(pct(Number.NaN, "en")).toBe("—");
    expect(duration(null, "en")).toBe("—");
    expect(duration(3700, "en")).toBe("1 h 2 m");
    expect(pct(0.755, "en")).toBe("75.5 %");
  });
  it("has every English key in Russian", () => {
    expect(Object.keys(controlRu).sort()).toEqual(Object.keys(controlEn).sort());
  });
});
