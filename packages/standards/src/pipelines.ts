/**
 * The pipelines of the standards (standards 2, 3 and 10): four sales directions built from one
 * function — B2B and B2C, new and repeat clients — plus the warm-up and warranty-service
 * pipelines the tunnels of standard 10 lead into.
 */
import type { Pipeline, Robot, Stage, Trigger } from "@voronka/engine";
import { A } from "./activities";
import { CLIENT_FIELDS, F, WARM_UP_LOSS_REASONS, type RequiredField } from "./fields";
import {
  delayAtDeadline, fieldIn, fieldIs, MANAGER, notifyRobot, requireRobot, setFieldRobot, SUPERVISOR, surveyRobot,
  taskRobot, trigger, tunnelRobot, workingDaysAfter, workingDaysFromField, type TaskSpec,
} from "./robots";
import { deliveryControlTask, S, signTask, STAGE_SPECS, type Direction, type ProcessStageId, type StageSpec } from "./stages";
import { SURVEY } from "./surveys";
import { t, type LocalText } from "./text";

/** The pipeline ids. */
export const P = {
  b2bNew: "b2b-new",
  b2bRepeat: "b2b-repeat",
  b2cNew: "b2c-new",
  b2cRepeat: "b2c-repeat",
  warmUp: "warm-up",
  warranty: "warranty",
} as const;

/** The process stage ids of the warm-up pipeline (its success and failure are `S.success`, `S.failure`). */
export const WARM_UP_STAGES = { nurture: "nurture", tripwire: "tripwire" } as const;
/** The process stage ids of the warranty-service pipeline (its success and failure are `S.success`, `S.failure`). */
export const WARRANTY_STAGES = { registration: "registration", service: "service" } as const;

/** How one sales direction differs from the book's full sequence. */
export interface DirectionOptions {
  id: string;
  label: LocalText;
  color: string;
  direction: Direction;
  /** Process stages a client of this direction does not need (a known client needs no presentation). */
  skip: readonly ProcessStageId[];
  /** The pipeline a won deal is copied into for the next sale (standard 10). */
  repeatPipeline: string;
  /** Whether a won complex deal is also copied into warranty service (standard 10). */
  warranty: boolean;
  /** Whether a cold lead is moved into warm-up as soon as the deal starts (standard 10). */
  warmUpAtStart: boolean;
}

const REPEAT_SKIPS: readonly ProcessStageId[] = [S.presentation, S.generalCp, S.feedback];
const B2C_SKIPS: readonly ProcessStageId[] = [S.individualCp, S.closingDocs];

/**
 * The four directions of standard 2. Repeat clients skip the presentation, the general CP and its
 * objections (they know us); private clients get no individual CP and sign no closing documents.
 */
export const DIRECTIONS: readonly DirectionOptions[] = [
  {
    id: P.b2bNew, label: t("B2B new clients", "B2B Новые клиенты"), color: "#2f6fde", direction: { segment: "b2b", repeat: false },
    skip: [], repeatPipeline: P.b2bRepeat, warranty: true, warmUpAtStart: true,
  },
  {
    id: P.b2bRepeat, label: t("B2B repeat clients", "B2B Постоянные клиенты"), color: "#1f4fa8", direction: { segment: "b2b", repeat: true },
    skip: REPEAT_SKIPS, repeatPipeline: P.b2bRepeat, warranty: true, warmUpAtStart: false,
  },
  {
    id: P.b2cNew, label: t("B2C new clients", "B2C Новые клиенты"), color: "#2fa36b", direction: { segment: "b2c", repeat: false },
    skip: B2C_SKIPS, repeatPipeline: P.b2cRepeat, warranty: false, warmUpAtStart: true,
  },
  {
    id: P.b2cRepeat, label: t("B2C repeat clients", "B2C Постоянные клиенты"), color: "#1f7a4f", direction: { segment: "b2c", repeat: true },
    skip: [...REPEAT_SKIPS, ...B2C_SKIPS], repeatPipeline: P.b2cRepeat, warranty: false, warmUpAtStart: false,
  },
];

/** The process stages a direction keeps, in order. */
export function stagesOf(options: Pick<DirectionOptions, "skip">): StageSpec[] {
  return STAGE_SPECS.filter((s) => !options.skip.includes(s.id));
}

/** Where a deal of a pipeline starts: its first process stage. */
export function firstStageOf(pipelineId: string): string {
  const direction = DIRECTIONS.find((d) => d.id === pipelineId);
  if (direction) return stagesOf(direction)[0]!.id;
  if (pipelineId === P.warmUp) return WARM_UP_STAGES.nurture;
  if (pipelineId === P.warranty) return WARRANTY_STAGES.registration;
  throw new Error(`unknown pipeline '${pipelineId}'`);
}

/** A robot id: unique across the blueprint because it starts with the pipeline and the stage. */
export const robotId = (pipeline: string, stage: string, name: string): string => `${pipeline}-${stage}-${name}`;

/** Standard 7: tells the supervisor when a deal still sits on its stage as the stage's task falls due. */
function escalation(pipeline: string, stage: { id: string; label: LocalText }, task: TaskSpec): Robot[] {
  const delay = delayAtDeadline(task.deadline);
  if (!delay) return [];
  const text = t(
    `Deal «{{deal.title}}» is still at stage «${stage.label.en}» and its task is due. Check the task: a missed deadline is moved only with a reason.`,
    `Сделка «{{deal.title}}» всё ещё на этапе «${stage.label.ru}», а срок задачи наступил. Проверьте задачу: просроченный срок переносится только с указанием причины.`,
  );
  return [notifyRobot(robotId(pipeline, stage.id, "escalate"), SUPERVISOR, text, delay)];
}

/** A process stage: its guards, its task (and escalation), and what else the stage does. */
function processStage(
  pipeline: string, stage: { id: string; label: LocalText; color: string }, task: TaskSpec,
  parts: { enter?: RequiredField[]; leave?: RequiredField[]; before?: Robot[]; after?: Robot[]; triggers?: Trigger[] } = {},
): Stage {
  const id = (name: string) => robotId(pipeline, stage.id, name);
  const robots: Robot[] = [];
  if (parts.enter?.length) robots.push(requireRobot(id("require-enter"), parts.enter, "enter"));
  if (parts.leave?.length) robots.push(requireRobot(id("require-leave"), parts.leave, "leave"));
  robots.push(...(parts.before ?? []), taskRobot(id("task"), task), ...(parts.after ?? []), ...escalation(pipeline, stage, task));
  return { id: stage.id, label: stage.label, kind: "process", robots, triggers: parts.triggers ?? [], ui: { color: stage.color } };
}

const npsTask: TaskSpec = {
  title: t("Measure NPS: get the client's score and the reason for it", "Замерить NPS: получить оценку клиента и её причину"),
  checklist: [
    t("Make sure the client received the survey link", "Убедиться, что клиент получил ссылку на опрос"),
    t("No answer in three working days: ask by phone", "Нет ответа три рабочих дня — спросить по телефону"),
    t("Ask the follow-up question: the main reason for the score", "Задать второй вопрос: основная причина оценки"),
  ],
  responsible: MANAGER,
  deadline: workingDaysAfter(3),
};

const npsReviewTask: TaskSpec = {
  title: t("Review the client's NPS answer; call back a detractor (0-6)", "Разобрать ответ клиента по NPS; критику (0-6) перезвонить"),
  description: t("No deadline until the client answers; then one working day.", "Срок появляется, когда клиент ответил: один рабочий день."),
  responsible: SUPERVISOR,
  deadline: { afterEvent: { type: "surveyAnswered", match: { "==": [{ var: "event.survey" }, SURVEY.nps] } }, after: "P1D", workingTime: true },
};

const lossCheckTask: TaskSpec = {
  title: t("Check the loss reason", "Проверить причину отказа"),
  description: t("Make sure the reason given is the real one: read the history, call the client if needed.", "Убедиться, что указана настоящая причина: изучить историю, при необходимости позвонить клиенту."),
  responsible: SUPERVISOR,
  deadline: workingDaysAfter(1),
};

/** The success stage of a sales direction: NPS survey and task (9), tunnels to repeat and warranty (10). */
function directionSuccess(o: DirectionOptions): Stage {
  const id = (name: string) => robotId(o.id, S.success, name);
  const robots: Robot[] = [
    requireRobot(id("require-enter"), ["amount", F.contactEmail], "enter"),
    surveyRobot(id("survey"), SURVEY.nps, F.contactEmail),
    taskRobot(id("nps"), npsTask),
    taskRobot(id("nps-review"), npsReviewTask),
    tunnelRobot(id("to-repeat"), { pipeline: o.repeatPipeline, stage: firstStageOf(o.repeatPipeline) }, "copy", CLIENT_FIELDS),
  ];
  if (o.warranty) {
    robots.push(tunnelRobot(id("to-warranty"), { pipeline: P.warranty, stage: WARRANTY_STAGES.registration }, "copy",
      [...CLIENT_FIELDS, F.products, F.contractFile], fieldIs(F.dealComplexity, "complex")));
  }
  return { id: S.success, label: t("Won", "Сделка успешна"), kind: "success", robots, triggers: [], ui: { color: "#2e9e44" } };
}

/** A failure stage: a required loss reason (11), the supervisor's check (12), and optionally the warm-up tunnel (10). */
function failureStage(pipeline: string, label: LocalText, warmUp: boolean): Stage {
  const id = (name: string) => robotId(pipeline, S.failure, name);
  const robots: Robot[] = [
    requireRobot(id("require-enter"), [F.lossReason], "enter"),
    taskRobot(id("check"), lossCheckTask),
  ];
  if (warmUp) {
    robots.push(tunnelRobot(id("to-warm-up"), { pipeline: P.warmUp, stage: WARM_UP_STAGES.nurture }, "copy", CLIENT_FIELDS,
      fieldIn(F.lossReason, WARM_UP_LOSS_REASONS)));
  }
  return { id: S.failure, label, kind: "failure", robots, triggers: [], ui: { color: "#c0392b" } };
}

/**
 * Builds a sales direction's pipeline from the book's stage sequence and the direction's options.
 *
 * @example
 * const b2bNew = directionPipeline(DIRECTIONS[0]!); // presentation → … → closing-docs → success | failure
 */
export function directionPipeline(o: DirectionOptions): Pipeline {
  const specs = stagesOf(o);
  const has = (stage: ProcessStageId) => specs.some((s) => s.id === stage);
  const stages = specs.map((spec, index): Stage => {
    const id = (name: string) => robotId(o.id, spec.id, name);
    const before: Robot[] = [];
    const after: Robot[] = [];
    const triggers: Trigger[] = [];
    if (index === 0) {
      before.push(setFieldRobot(id("segment"), F.segment, o.direction.segment));
      if (o.warmUpAtStart) {
        before.push(tunnelRobot(id("to-warm-up"), { pipeline: P.warmUp, stage: WARM_UP_STAGES.nurture }, "move", "all", fieldIs(F.leadTemperature, "cold")));
      }
    }
    if (spec.id === S.contract) after.push(taskRobot(id("sign"), signTask(id("task"))));
    if (spec.id === S.delivery) after.push(taskRobot(id("control"), deliveryControlTask));
    // Triggers pull a deal only from the stage just before, so no stage's required fields are skipped.
    const from = (stage: ProcessStageId) => ({ "==": [{ var: "deal.stage" }, stage] });
    if (index > 0 && spec.id === S.feedback && has(S.generalCp)) {
      triggers.push(trigger(id("on-cp-sent"), "activity", { types: [A.cpSent] }, from(S.generalCp)));
    }
    if (index > 0 && spec.id === S.payment && has(S.contract)) {
      triggers.push(trigger(id("on-contract-signed"), "taskCompleted", { robot: robotId(o.id, S.contract, "sign") }));
    }
    if (index > 0 && spec.id === S.delivery && has(S.payment)) {
      triggers.push(trigger(id("on-payment"), "fieldChanged", { fields: [F.paymentDate] }, from(S.payment)));
    }
    return processStage(o.id, spec, spec.task, {
      enter: spec.enter?.(o.direction) ?? [], leave: spec.leave?.(o.direction) ?? [], before, after, triggers,
    });
  });
  stages.push(directionSuccess(o), failureStage(o.id, t("Lost", "Сделка провалена"), true));
  return { id: o.id, label: o.label, stages, ui: { color: o.color } };
}

/**
 * Warm-up (standard 10): cold leads at the start and lost deals worth another try. Marking the lead
 * hot wins it here and copies it back into the new-client pipeline of its segment.
 */
export function warmUpPipeline(): Pipeline {
  const p = P.warmUp;
  const id = (stage: string, name: string) => robotId(p, stage, name);
  const toSales = (segment: "b2b" | "b2c", target: string) =>
    tunnelRobot(id(S.success, `to-${target}`), { pipeline: target, stage: firstStageOf(target) }, "copy", CLIENT_FIELDS, fieldIs(F.segment, segment));
  return {
    id: p, label: t("Warm-up", "Разогрев"), ui: { color: "#8e6bd1" },
    stages: [
      processStage(p, { id: WARM_UP_STAGES.nurture, label: t("Warming up", "Прогрев"), color: "#a98be0" }, {
        title: t("Warm the client up: send useful material, invite to an event", "Прогреть клиента: отправить полезные материалы, пригласить на мероприятие"),
        responsible: MANAGER, deadline: workingDaysAfter(5),
      }),
      processStage(p, { id: WARM_UP_STAGES.tripwire, label: t("Tripwire offer", "Трипваер"), color: "#b58fd6" }, {
        title: t("Offer the tripwire: an entry product at a low price", "Предложить трипваер: недорогой продукт для первой покупки"),
        responsible: MANAGER, deadline: workingDaysAfter(3),
      }),
      {
        id: S.success, label: t("Ready to buy", "Готов к покупке"), kind: "success", ui: { color: "#2e9e44" },
        robots: [requireRobot(id(S.success, "require-enter"), [F.segment], "enter"), toSales("b2b", P.b2bNew), toSales("b2c", P.b2cNew)],
        triggers: [trigger(id(S.success, "on-hot"), "fieldChanged", { fields: [F.leadTemperature] }, { "==": [{ var: "event.new" }, "hot"] })],
      },
      failureStage(p, t("Not interested", "Не заинтересован"), false),
    ],
  };
}

/** Warranty service (standard 10): complex B2B deals after the sale, up to the end of the warranty. */
export function warrantyPipeline(): Pipeline {
  const p = P.warranty;
  return {
    id: p, label: t("Warranty service", "Гарантийное обслуживание"), ui: { color: "#d08a2e" },
    stages: [
      processStage(p, { id: WARRANTY_STAGES.registration, label: t("Warranty registration", "Регистрация гарантии"), color: "#e0a64f" }, {
        title: t("Register the warranty: what was supplied, until when, who to call", "Зарегистрировать гарантию: что поставлено, до какого срока, кому звонить"),
        responsible: MANAGER, deadline: workingDaysAfter(2),
      }, { leave: [F.warrantyUntil] }),
      processStage(p, { id: WARRANTY_STAGES.service, label: t("Under warranty", "На гарантии"), color: "#e8b872" }, {
        title: t("Call the client before the warranty ends and offer an extension", "Позвонить клиенту до окончания гарантии и предложить продление"),
        description: t("Due ten working days before the warranty ends.", "Срок — за десять рабочих дней до окончания гарантии."),
        responsible: MANAGER, deadline: workingDaysFromField(F.warrantyUntil, -10),
      }),
      {
        id: S.success, label: t("Warranty fulfilled", "Гарантия исполнена"), kind: "success", ui: { color: "#2e9e44" }, triggers: [],
        robots: [surveyRobot(robotId(p, S.success, "survey"), SURVEY.warrantyCsat, F.contactEmail)],
      },
      failureStage(p, t("Warranty closed early", "Гарантия прекращена"), false),
    ],
  };
}

/** Every pipeline of the standards, in the order the editor shows them. */
export function pipelines(): Pipeline[] {
  return [...DIRECTIONS.map(directionPipeline), warmUpPipeline(), warrantyPipeline()];
}
