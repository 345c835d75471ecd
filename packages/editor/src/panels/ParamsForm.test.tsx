import { defaultRegistry, type CatalogueEntry } from "@voronka/engine";
import { testBlueprint } from "@voronka/engine/testing";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ParamsFormContext } from "./form-fields";
import { prepareForm } from "./form-schema";
import { ParamsForm } from "./ParamsForm";

const catalogue = defaultRegistry().catalogue();
const entry = (type: string, kind: "robot" | "trigger" = "robot") => catalogue.find((e) => e.kind === kind && e.type === type)!;
const context: ParamsFormContext = {
  blueprint: testBlueprint(), locale: "en", pipeline: "sales", conditionFields: [],
  eventTypes: [{ type: "taskCompleted", label: "Task completed" }], matchFields: () => [],
};

describe("forms generated from catalogue entries", () => {
  it("renders the createTask form with title, responsible and deadline", () => {
    const onChange = vi.fn();
    render(<ParamsForm entry={entry("createTask")} value={{ title: { en: "Call", ru: "Позвонить" }, responsible: { kind: "dealResponsible" }, deadline: { after: "P1D", workingTime: true } }} onChange={onChange} context={context} />);
    const form = screen.getByTestId("params-form-createTask");
    expect(within(form).getByText("Title")).toBeTruthy();
    expect(within(form).getByText("Responsible")).toBeTruthy();
    expect(within(form).getByText("Deadline")).toBeTruthy();
    expect((screen.getByTestId("param-title-en") as HTMLInputElement).value).toBe("Call");
    expect((screen.getByTestId("param-title-ru") as HTMLInputElement).value).toBe("Позвонить");
    expect((screen.getByTestId("param-deadline-kind") as HTMLSelectElement).value).toBe("after");
    expect((screen.getByTestId("param-deadline-working") as HTMLInputElement).checked).toBe(true);

    fireEvent.change(screen.getByTestId("param-title-en"), { target: { value: "Call back" } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ title: { en: "Call back", ru: "Позвонить" } }));
    fireEvent.change(screen.getByTestId("param-deadline-after"), { target: { value: "3" } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ deadline: { after: "P3D", workingTime: true } }));
  });

  it("switches a deadline to 'relative to a date field' with the blueprint's date fields", () => {
    const onChange = vi.fn();
    render(<ParamsForm entry={entry("createTask")} value={{ title: "Call", responsible: { kind: "dealResponsible" } }} onChange={onChange} context={context} />);
    fireEvent.change(screen.getByTestId("param-deadline-kind"), { target: { value: "field" } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ deadline: { field: "eventDate", offset: "P0D" } }));
  });

  it("renders a custom robot's schema with no editor code", () => {
    const custom: CatalogueEntry = {
      kind: "robot", type: "sendSlack", label: { en: "Send to Slack" }, help: "Posts the deal",
      params: {
        type: "object",
        properties: {
          channel: { type: "string", minLength: 1 },
          mention: { type: "boolean" },
          priority: { type: "string", enum: ["low", "high"] },
          retries: { type: "integer", minimum: 0 },
        },
        required: ["channel"],
      },
    };
    const onChange = vi.fn();
    render(<ParamsForm entry={custom} value={{ channel: "#sales" }} onChange={onChange} context={context} />);
    const form = screen.getByTestId("params-form-sendSlack");
    expect(within(form).getByText("Channel")).toBeTruthy();
    expect(within(form).getByText("Priority")).toBeTruthy();
    expect(within(form).getByText("Retries")).toBeTruthy();
    const channel = within(form).getByDisplayValue("#sales");
    fireEvent.change(channel, { target: { value: "#deals" } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ channel: "#deals" }));
  });

  it("maps the built-in shapes to the editor's own fields", () => {
    const label = (k: string) => k;
    expect(prepareForm(entry("createTask").params, label).uiSchema).toMatchObject({
      title: { "ui:field": "voronkaText" }, responsible: { "ui:field": "voronkaResponsible" }, deadline: { "ui:field": "voronkaTiming", "ui:options": { mode: "deadline" } },
    });
    expect(prepareForm(entry("copyToTunnel").params, label).uiSchema).toMatchObject({ pipeline: { "ui:widget": "voronkaSlug" }, stage: { "ui:widget": "voronkaSlug" } });
    const requireFields = prepareForm(entry("requireFields").params, label);
    expect(requireFields.uiSchema).toMatchObject({ fields: { items: { "ui:widget": "voronkaSlug", "ui:options": { hint: "fields", extra: ["amount", "client", "title"] } } } });
    expect(prepareForm(entry("setField").params, label).uiSchema).toMatchObject({ anyOf: [{ value: { "ui:field": "voronkaJson" } }, { expression: { "ui:field": "voronkaCondition" } }] });
  });
});
