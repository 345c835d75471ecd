import { testBlueprint } from "@voronka/engine/testing";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { conditionFields } from "../model/condition-fields";
import { queryToRule, ruleToQuery } from "../model/condition-query";
import { ConditionBuilder } from "./ConditionBuilder";

const fields = conditionFields(testBlueprint(), { kind: "trigger", eventFields: ["field", "old", "new"] }, "en", { deal: "Deal: ", field: "Field: ", event: "Event: " });

describe("json-logic ↔ builder", () => {
  it.each([
    { ">=": [{ var: "deal.amount" }, 100000] },
    { and: [{ ">=": [{ var: "deal.amount" }, 100000] }, { "==": [{ var: "deal.fields.segment" }, "b2b"] }] },
    { or: [{ "==": [{ var: "event.field" }, "segment"] }, { in: ["VIP", { var: "deal.title" }] }] },
    { in: [{ var: "deal.fields.segment" }, ["b2b", "b2c"]] },
    { "==": [{ var: "deal.fields.note" }, null] },
    { "<=": [1000, { var: "deal.amount" }, 5000] },
    { and: [{ "!=": [{ var: "deal.status" }, "lost"] }, { or: [{ ">": [{ var: "deal.amount" }, 10] }, { "<": [{ var: "deal.amount" }, 1] }] }] },
  ])("round-trips %j", (rule) => {
    const query = ruleToQuery(rule);
    expect(query).not.toBeNull();
    expect(queryToRule(query!)).toEqual(rule);
  });

  it.each([
    { "!!": { var: "deal.fields.note" } },
    { "<": [{ var: "deal.amount" }, { "*": [2, 3] }] },
    { if: [{ var: "deal.amount" }, true, false] },
  ])("leaves %j to the JSON editor instead of losing parts of it", (rule) => {
    expect(ruleToQuery(rule)).toBeNull();
  });

  it("an absent condition is an empty builder, and an empty builder no condition", () => {
    expect(ruleToQuery(undefined)).toEqual({ combinator: "and", rules: [] });
    expect(queryToRule({ combinator: "and", rules: [] })).toBeUndefined();
  });
});

describe("<ConditionBuilder>", () => {
  it("shows the rule in the builder and as JSON, and edits it through the JSON", () => {
    const onChange = vi.fn();
    const rule = { ">=": [{ var: "deal.amount" }, 100000] };
    render(<ConditionBuilder value={rule} onChange={onChange} fields={fields} testId="c" />);
    const json = screen.getByTestId("c-json") as HTMLTextAreaElement;
    expect(JSON.parse(json.value)).toEqual(rule);
    expect(screen.getByDisplayValue("100000")).toBeTruthy();

    const next = { "==": [{ var: "event.field" }, "segment"] };
    fireEvent.change(json, { target: { value: JSON.stringify(next) } });
    expect(onChange).toHaveBeenLastCalledWith(next);
    expect(screen.getByDisplayValue("segment")).toBeTruthy();
  });

  it("reports bad JSON and unknown operators without passing them on as valid", () => {
    const onChange = vi.fn();
    render(<ConditionBuilder value={undefined} onChange={onChange} fields={fields} testId="c" />);
    fireEvent.change(screen.getByTestId("c-json"), { target: { value: "{ nope" } });
    expect(screen.getByTestId("c-error").textContent).toMatch(/JSON/);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId("c-json"), { target: { value: '{"frobnicate": [1]}' } });
    expect(screen.getByTestId("c-error").textContent).toMatch(/frobnicate/);
  });

  it("builds a rule with the visual builder", () => {
    const onChange = vi.fn();
    render(<ConditionBuilder value={undefined} onChange={onChange} fields={fields} testId="c" />);
    fireEvent.click(screen.getByText("+ Rule"));
    const rule = onChange.mock.lastCall?.[0] as Record<string, unknown[]>;
    expect(Object.keys(rule)).toEqual(["=="]);
    expect(rule["=="]![0]).toEqual({ var: "deal.title" });
  });
});
