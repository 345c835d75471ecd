/**
 * Activity types and the activity plan: the measurable daily actions a manager logs on deals
 * (calls, meetings, chats, CPs sent, leads worked) and the minimum a manager does each working
 * day — 30 cold calls, 10 warm calls, 20 commercial proposals (STANDARDS.md B and C).
 */
import type { ActivityNorm, ActivityType } from "@voronka/engine";
import { t } from "./text";

/** The activity type ids, by name. */
export const A = {
  coldCall: "call-out-cold",
  warmCall: "call-out-warm",
  incomingCall: "call-in",
  meeting: "meeting",
  chat: "chat",
  cpSent: "cp-sent",
  invoiceSent: "invoice-sent",
  leadWorked: "lead-worked",
} as const;

/** What a manager logs on a deal. `lead-worked` carries `{ qualified: boolean }` in its data. */
export const activityTypes: ActivityType[] = [
  { id: A.coldCall, label: t("Cold call (outgoing)", "Холодный звонок (исходящий)") },
  { id: A.warmCall, label: t("Warm call (outgoing)", "Тёплый звонок (исходящий)") },
  { id: A.incomingCall, label: t("Incoming call", "Входящий звонок") },
  { id: A.meeting, label: t("Meeting", "Встреча") },
  { id: A.chat, label: t("Chat served", "Обработанный чат") },
  { id: A.cpSent, label: t("Commercial proposal sent", "Отправлено КП") },
  { id: A.invoiceSent, label: t("Invoice sent", "Выставлен счёт") },
  { id: A.leadWorked, label: t("Lead worked (qualified or not)", "Обработан лид (квалифицирован или нет)") },
];

/** The activity plan of the book: per manager and working day. */
export const activityNorms: ActivityNorm[] = [
  { activityType: A.coldCall, perDay: 30, role: "manager" },
  { activityType: A.warmCall, perDay: 10, role: "manager" },
  { activityType: A.cpSent, perDay: 20, role: "manager" },
];
