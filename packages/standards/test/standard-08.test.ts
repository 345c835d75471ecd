/**
 * Standard 8 — the deal card has required fields for each stage, in the book's field types:
 * string, list (single and multiple choice), date and date/time, address, resource booking, URL,
 * file (plus money, text, e-mail and phone). A manual move without them is refused and the error
 * names what is missing; a move to failure is never held up by them.
 */
import type { FieldType } from "@voronka/engine";
import { describe, expect, it } from "vitest";
import { F, fields, P, S } from "../src/index";
import { ANN, errorOf, newDeal, required, setup, valuesFor } from "./helpers";

const B2B_CASES: [string, string, string[]][] = [
  [S.presentation, S.generalCp, [F.presentationAt, F.clientSite]],
  [S.generalCp, S.feedback, [F.generalCpFile, F.products]],
  [S.feedback, S.individualCp, [F.clientFeedback]],
  [S.individualCp, S.contract, [F.legalName, F.inn, F.individualCpFile, "amount", F.dealComplexity]],
  [S.contract, S.payment, [F.contractFile, F.eventDate, "amount"]],
  [S.payment, S.delivery, [F.clientAddress, F.paymentDate, F.paidAmount]],
  [S.delivery, S.closingDocs, [F.deliveryBooking]],
  [S.closingDocs, S.success, ["amount", F.contactEmail, F.closingDocsFile]],
];

describe("standard 8: required fields per stage", () => {
  it("the deal card has the field types of the book", () => {
    const types = new Set(fields.map((f) => f.type));
    for (const type of ["string", "enum", "date", "datetime", "address", "booking", "url", "file", "money", "text", "email", "phone"] satisfies FieldType[]) {
      expect(types, type).toContain(type);
    }
    expect(fields.some((f) => f.type === "enum" && f.multiple === true)).toBe(true);
    expect(fields.some((f) => f.type === "enum" && !f.multiple)).toBe(true);
  });

  it.each(B2B_CASES)("b2b-new: %s → %s needs %j", async (from, to, missing) => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { stage: from, fields: valuesFor(required(P.b2bNew, from, "enter")) });
    const error = await errorOf(engine.move(deal.id, to, { actor: ANN }));
    expect(error.code).toBe("MOVE_BLOCKED");
    expect(error.details).toMatchObject({ to, missing });
    expect(error.message).toContain(`cannot move to '${to}'`);
    expect((await engine.deal(deal.id)).record.stage).toBe(from);

    await engine.move(deal.id, to, { actor: ANN, fields: valuesFor(missing) });
    expect((await engine.deal(deal.id)).record.stage).toBe(to);
  });

  it("the refusal names each missing field by its label, so the manager knows what to fill in", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const error = await errorOf(engine.move(deal.id, S.generalCp, { actor: ANN }));
    expect(error.message).toBe("The deal cannot move to 'general-cp' yet: fill in 'Presentation held at' (presentationAt), 'Client's website' (clientSite) first.");
  });

  it("private clients sign with a phone number instead of a company's details", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2cNew, { stage: S.contract });
    const error = await errorOf(engine.move(deal.id, S.payment, { actor: ANN }));
    expect(error.details?.["missing"]).toEqual([F.contractFile, F.eventDate, "amount", F.contactPhone]);
  });

  it("skipping ahead checks the current stage's leave fields and the target's enter fields", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const error = await errorOf(engine.move(deal.id, S.contract, { actor: ANN }));
    expect(error.details?.["missing"]).toEqual([F.legalName, F.inn, F.presentationAt, F.clientSite]);
  });

  it("fields required to move on never hold up a move to failure", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { stage: S.closingDocs });
    await engine.move(deal.id, S.failure, { actor: ANN, fields: { lossReason: "too-expensive" } });
    expect((await engine.deal(deal.id)).record.status).toBe("lost");
  });

  it.each<[string, unknown]>([
    [F.clientSite, "example.ru"],
    [F.products, "services"],
    [F.deliveryBooking, { from: "2026-03-20T09:00:00+03:00", to: "2026-03-20T18:00:00+03:00" }],
    [F.eventDate, "20.03.2026"],
    [F.paidAmount, 300_000],
    [F.segment, "b2g"],
  ])("a bad value of %s is refused with VALIDATION_FAILED", async (field, value) => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew);
    const error = await errorOf(engine.updateDeal(deal.id, { [field]: value }, { actor: ANN }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain(`'${field}'`);
  });

  it("field values drive the deal: recording the payment moves it to delivery (a fieldChanged trigger)", async () => {
    const { engine } = setup();
    const deal = await newDeal(engine, P.b2bNew, { stage: S.payment, fields: valuesFor([F.clientAddress]) });
    await engine.updateDeal(deal.id, valuesFor([F.paidAmount]), { actor: ANN });
    expect((await engine.deal(deal.id)).record.stage).toBe(S.payment);
    await engine.updateDeal(deal.id, valuesFor([F.paymentDate]), { actor: ANN });
    expect((await engine.deal(deal.id)).record.stage).toBe(S.delivery);
  });
});
