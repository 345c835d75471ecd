/**
 * The records the engine computes and a store keeps: Voronka's own shapes, never XState's
 * snapshot, so an XState upgrade cannot break stored data. All instants are ISO-8601 strings in UTC.
 */
import type { Deadline, Responsible, Text } from "../blueprint/blueprint.schema";

/** Who did something: a person, or the system part that acted on its own. */
export type Actor =
  | { user: string }
  | { system: "timer" | "trigger" | "tunnel" | "import" | "webhook" | "publish" };

export type DealStatus = "open" | "won" | "lost";

/** A deal as stored: core attributes, blueprint fields, and the engine's bookkeeping. */
export interface DealRecord {
  id: string;
  externalId?: string;
  title: string;
  pipeline: string;
  stage: string;
  status: DealStatus;
  amount: number;
  currency: string;
  responsible: string;
  client?: string;
  source?: string;
  createdAt: string;
  stageEnteredAt: string;
  closedAt?: string;
  /** Optimistic-concurrency version: +1 on every commit that changes the deal. */
  version: number;
  /** Entry number: +1 each time the deal enters a stage; timers from an earlier entry never fire. */
  entry: number;
  /** The last history `seq` written for this deal. */
  seq: number;
  fields: Record<string, unknown>;
  /** The deal a tunnel copied this one from. */
  sourceDeal?: string;
}

export type TaskStatus = "open" | "completed" | "cancelled";

/** A task, created by a robot (or by hand through a host) with a deadline and a responsible. */
export interface TaskRecord {
  id: string;
  deal: string;
  pipeline: string;
  stage: string;
  entry: number;
  robot?: string;
  title: Text;
  description?: Text;
  responsible: string;
  checklist?: Text[];
  keepOnExit: boolean;
  status: TaskStatus;
  createdAt: string;
  /** ISO instant; absent while an `afterEvent` deadline waits for its event, or with no deadline. */
  deadline?: string;
  /** The rule the deadline came from, kept so a field change or an event can (re)compute it. */
  deadlineRule?: Deadline;
  overdue: boolean;
  closedAt?: string;
  closedBy?: Actor;
  reschedules: number;
}

export type TimerKind = "robot" | "deadline";

/** A durable timer the host stores and feeds back through `tick`. */
export interface TimerRecord {
  id: string;
  kind: TimerKind;
  /** Null while the date field it counts from is empty: it never fires until the field is set. */
  dueAt: string | null;
  deal: string;
  entry: number;
  blueprintVersion: number;
  /** For `robot` timers: the delayed robot. For `deadline`: the robot that made the task, if any. */
  robot?: string;
  /** For `deadline` timers. */
  task?: string;
  /** Set when the time was counted from this date field, so a change reschedules it. */
  field?: string;
}

export type SurveyStatus = "sent" | "answered";

export interface SurveyRecord {
  token: string;
  deal: string;
  survey: string;
  robot: string;
  recipient: unknown;
  channel: "link" | "webhook";
  url: string;
  status: SurveyStatus;
  sentAt: string;
  answeredAt?: string;
  score?: number;
  band?: "detractor" | "passive" | "promoter";
  reason?: string;
}

/** An effect that leaves the system (webhook, notification, survey delivery, custom): at least once. */
export interface OutboxRecord {
  id: string;
  /** `dealId:entry:robotId` — the receiver deduplicates with it. */
  key: string;
  kind: string;
  deal: string;
  payload: Record<string, unknown>;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
}

/** One row of a deal's history, appended in the same transaction as the change it records. */
export interface HistoryRow {
  deal: string;
  seq: number;
  type: HistoryType;
  at: string;
  actor: Actor;
  data: Record<string, unknown>;
  /** Global, increasing; assigned by the store on commit (for `/api/events`). */
  cursor?: number;
}

/** The normative history catalogue. */
export const HISTORY_TYPES = [
  "deal.created", "deal.moved", "deal.move.blocked", "deal.fields.changed", "deal.responsible.changed",
  "deal.copied", "deal.reopened", "robot.ran", "robot.skipped", "robot.failed", "task.created",
  "task.completed", "task.cancelled", "task.rescheduled", "task.overdue", "survey.sent",
  "survey.answered", "activity.logged", "trigger.fired", "timer.dropped",
] as const;
export type HistoryType = (typeof HISTORY_TYPES)[number];

/** What a task responsible resolves to when a blueprint names a role. */
export type { Responsible };
