/**
 * The stages of a sales direction (standard 3) and what each asks for: the task that says what
 * must be done to move on (standards 4 and 5) and the fields required to enter or leave (8).
 * `pipelines.ts` assembles them per direction; a direction may skip stages it does not need.
 */
import type { Deadline } from "@voronka/engine";
import { F, type RequiredField } from "./fields";
import { MANAGER, SUPERVISOR, workingDaysAfter, workingDaysFromField, type TaskSpec } from "./robots";
import { t, type LocalText } from "./text";

/** The stage ids shared by the four sales directions, in the book's order. */
export const S = {
  presentation: "presentation",
  generalCp: "general-cp",
  feedback: "feedback",
  individualCp: "individual-cp",
  contract: "contract",
  payment: "payment",
  delivery: "delivery",
  closingDocs: "closing-docs",
  success: "success",
  failure: "failure",
} as const;

/** A process stage of a sales direction. */
export type ProcessStageId = Exclude<(typeof S)[keyof typeof S], "success" | "failure">;

/** A sales direction (standard 2): segment, and whether the client has bought before. */
export interface Direction {
  segment: "b2b" | "b2c";
  repeat: boolean;
}

/** One process stage as the book describes it, with what may differ per direction. */
export interface StageSpec {
  id: ProcessStageId;
  label: LocalText;
  color: string;
  /** The stage's main task, for the deal's responsible manager. */
  task: TaskSpec;
  /** Fields needed to enter the stage. */
  enter?: (d: Direction) => RequiredField[];
  /** Fields needed to move on from the stage (not to failure). */
  leave?: (d: Direction) => RequiredField[];
}

const managerTask = (title: LocalText, deadline: Deadline, extra: Partial<TaskSpec> = {}): TaskSpec =>
  ({ title, responsible: MANAGER, deadline, ...extra });

/** The eight process stages of standard 3, in order ("NPS measurement" is the success stage's work). */
export const STAGE_SPECS: readonly StageSpec[] = [
  {
    id: S.presentation, label: t("Presentation", "Презентация товара или услуги"), color: "#5b8def",
    task: managerTask(t("Prepare and hold the presentation", "Подготовить и провести презентацию"), workingDaysAfter(2), {
      checklist: [t("Agree on the date and the format", "Согласовать дату и формат"), t("Hold the presentation", "Провести презентацию"), t("Record the date and time in the deal", "Записать дату и время в сделку")],
    }),
    leave: (d) => (d.segment === "b2b" ? [F.presentationAt, F.clientSite] : [F.presentationAt]),
  },
  {
    id: S.generalCp, label: t("General commercial proposal", "Общее коммерческое предложение"), color: "#4aa3df",
    task: managerTask(t("Prepare and send the general CP", "Подготовить и направить общее КП"), workingDaysAfter(1)),
    leave: () => [F.generalCpFile, F.products],
  },
  {
    id: S.feedback, label: t("Feedback and objections", "Обратная связь и возражения"), color: "#45b5aa",
    task: managerTask(t("Get feedback on the CP and handle the objections", "Получить обратную связь по КП и отработать возражения"), workingDaysAfter(3)),
    leave: () => [F.clientFeedback],
  },
  {
    id: S.individualCp, label: t("Individual commercial proposal", "Индивидуальное коммерческое предложение"), color: "#52b36b",
    task: managerTask(t("Prepare and send the individual CP", "Подготовить и направить индивидуальное КП"), workingDaysAfter(2)),
    leave: (d) => (d.segment === "b2b" ? [F.individualCpFile, "amount", F.dealComplexity] : [F.individualCpFile, "amount"]),
  },
  {
    id: S.contract, label: t("Contract and invoice", "Договор и счёт"), color: "#9bbb3c",
    task: managerTask(t("Prepare and send the contract and the invoice", "Подготовить и направить договор и счёт"), workingDaysAfter(1)),
    enter: (d) => (d.segment === "b2b" ? [F.legalName, F.inn] : []),
    leave: (d) => (d.segment === "b2b" ? [F.contractFile, F.eventDate, "amount"] : [F.contractFile, F.eventDate, "amount", F.contactPhone]),
  },
  {
    id: S.payment, label: t("Payment", "Получение оплаты"), color: "#e0b526",
    task: managerTask(t("Get the invoice paid", "Получить оплату по счёту"), workingDaysAfter(5)),
    leave: () => [F.paymentDate, F.paidAmount],
  },
  {
    id: S.delivery, label: t("Service delivered or goods handed over", "Оказание услуги или передача товара"), color: "#ef8d3c",
    task: managerTask(
      t("Confirm the event date with the client and book the resources", "Подтвердить с клиентом дату события и забронировать ресурсы"),
      workingDaysFromField(F.eventDate, -3),
      { description: t("Due three working days before the event date.", "Срок — за три рабочих дня до даты события.") },
    ),
    enter: () => [F.clientAddress],
    leave: () => [F.deliveryBooking],
  },
  {
    id: S.closingDocs, label: t("Closing documents", "Оформление закрывающих документов"), color: "#d9655b",
    task: managerTask(t("Prepare and send the closing documents", "Подготовить и направить закрывающие документы"), workingDaysAfter(3)),
    leave: () => [F.closingDocsFile],
  },
];

/** The deadline of the contract-signing task: three working days once the contract is sent. */
export const signDeadline = (contractTaskRobot: string): Deadline => ({
  afterEvent: { type: "taskCompleted", match: { "==": [{ var: "event.robot" }, contractTaskRobot] } },
  after: "P3D",
  workingTime: true,
});

/** The supervisor's control of the delivery date (standard 6): due one working day after the event date. */
export const deliveryControlTask: TaskSpec = {
  title: t("Control the delivery deadline", "Контроль срока оказания услуги или отгрузки товара"),
  description: t("Check that the service was delivered or the goods handed over on the event date.", "Проверить, что услуга оказана или товар передан в дату события."),
  responsible: SUPERVISOR,
  deadline: workingDaysFromField(F.eventDate, 1),
};

/** The contract-signing task (the book's "sign the contract"), for the deal's manager. */
export const signTask = (contractTaskRobot: string): TaskSpec => ({
  title: t("Get the contract signed", "Подписать договор"),
  description: t("No deadline until the contract is sent; then three working days.", "Срок появляется, когда договор отправлен: три рабочих дня."),
  responsible: MANAGER,
  deadline: signDeadline(contractTaskRobot),
});
