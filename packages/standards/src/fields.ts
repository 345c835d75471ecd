/**
 * The deal card of the standards (standard 8): the fields each stage asks for, in the field types
 * the book lists — string, single and multiple choice lists, date and date/time, address, resource
 * booking, URL and file — plus e-mail, phone, text and money, which the rules need to run.
 */
import type { Field } from "@voronka/engine";
import { t, type LocalText } from "./text";

/** The field ids of the standards blueprint, by name, so code and tests never misspell them. */
export const F = {
  segment: "segment",
  leadTemperature: "leadTemperature",
  leadChannel: "leadChannel",
  products: "products",
  dealComplexity: "dealComplexity",
  contactEmail: "contactEmail",
  contactPhone: "contactPhone",
  clientSite: "clientSite",
  clientAddress: "clientAddress",
  legalName: "legalName",
  inn: "inn",
  presentationAt: "presentationAt",
  generalCpFile: "generalCpFile",
  clientFeedback: "clientFeedback",
  individualCpFile: "individualCpFile",
  contractFile: "contractFile",
  contractTerms: "contractTerms",
  eventDate: "eventDate",
  paymentDate: "paymentDate",
  paidAmount: "paidAmount",
  deliveryBooking: "deliveryBooking",
  closingDocsFile: "closingDocsFile",
  lossReason: "lossReason",
  lossComment: "lossComment",
  warrantyUntil: "warrantyUntil",
} as const;

/** A field id of the standards blueprint. */
export type FieldId = (typeof F)[keyof typeof F];

/** What a `requireFields` guard may ask for: a field, or the deal's amount. */
export type RequiredField = FieldId | "amount";

/**
 * The nine loss reasons of standard 11, in the book's order. `warmUp` says whether a deal lost
 * for this reason is worth warming up again (the failure tunnel of standard 10 takes only those):
 * a client who went quiet, found it too dear, chose a competitor or was just looking may come back;
 * a price-watching competitor, a request we cannot serve, a mistake or a duplicate will not.
 */
export const LOSS_REASONS: readonly { id: string; label: LocalText; warmUp: boolean }[] = [
  { id: "stopped-answering", label: t("Stopped answering calls", "Перестал отвечать на звонки"), warmUp: true },
  { id: "too-expensive", label: t("Too expensive", "Дорого"), warmUp: true },
  { id: "lost-to-competitor", label: t("Lost to a competitor", "Проиграли конкуренту"), warmUp: true },
  { id: "competitor-monitoring", label: t("A competitor monitoring prices", "Конкурент, мониторит цены"), warmUp: false },
  { id: "not-our-product", label: t("Not our service or product", "Не наша услуга или товар"), warmUp: false },
  { id: "not-our-region", label: t("Not our region", "Не наш регион"), warmUp: false },
  { id: "mistaken-request", label: t("Mistaken or wrong request", "Ошибся, неправильно отправил заявку"), warmUp: false },
  { id: "just-looking", label: t("Just looking", "Просто смотрел услугу или товар"), warmUp: true },
  { id: "duplicate", label: t("Duplicate", "Дубль"), warmUp: false },
];

/** Loss reasons after which the deal is copied into the warm-up pipeline. */
export const WARM_UP_LOSS_REASONS: readonly string[] = LOSS_REASONS.filter((r) => r.warmUp).map((r) => r.id);

const option = (id: string, en: string, ru: string) => ({ id, label: t(en, ru) });

/** Every field of the standards blueprint, in the order a deal card shows them. */
export const fields: Field[] = [
  {
    id: F.segment, label: t("Segment", "Сегмент"), type: "enum",
    options: [option("b2b", "B2B: companies", "B2B: компании"), option("b2c", "B2C: private clients", "B2C: частные клиенты")],
    help: t("Set by the pipeline the deal starts in; the warm-up pipeline uses it to send a ready client back to the right one.",
      "Заполняется воронкой, в которой началась сделка; воронка разогрева по нему возвращает готового клиента в нужную воронку."),
  },
  {
    id: F.leadTemperature, label: t("Lead temperature", "Готовность клиента"), type: "enum",
    options: [option("cold", "Cold: not ready to buy", "Холодный: не готов покупать"), option("warm", "Warm: interested", "Тёплый: интересуется"), option("hot", "Hot: ready to buy", "Горячий: готов покупать")],
    help: t("A cold lead goes to the warm-up pipeline at once; a warmed-up lead marked hot comes back to sales.",
      "Холодный лид сразу уходит в воронку разогрева; разогретый лид с отметкой «горячий» возвращается в продажи."),
  },
  {
    id: F.leadChannel, label: t("Lead channel", "Канал обращения"), type: "enum",
    options: [
      option("website", "Website request", "Заявка с сайта"), option("call", "Incoming call", "Входящий звонок"),
      option("referral", "Referral", "Рекомендация"), option("exhibition", "Exhibition or event", "Выставка или мероприятие"),
      option("social", "Social networks or messengers", "Соцсети и мессенджеры"), option("outbound", "Cold outreach", "Холодный обзвон"),
    ],
  },
  {
    id: F.products, label: t("Products and services", "Товары и услуги"), type: "enum", multiple: true,
    options: [
      option("goods", "Goods", "Товары"), option("services", "Services", "Услуги"), option("installation", "Installation", "Монтаж и внедрение"),
      option("training", "Training", "Обучение"), option("support", "Support", "Сопровождение"),
    ],
  },
  {
    id: F.dealComplexity, label: t("Deal complexity", "Сложность сделки"), type: "enum",
    options: [option("simple", "Simple", "Простая"), option("standard", "Standard", "Типовая"), option("complex", "Complex: needs warranty service", "Сложная: нужно гарантийное обслуживание")],
    help: t("A complex B2B deal is copied into the warranty-service pipeline when it is won.",
      "Сложная B2B-сделка при успехе копируется в воронку гарантийного обслуживания."),
  },
  { id: F.contactEmail, label: t("Contact e-mail", "E-mail контакта"), type: "email", help: t("The NPS survey is sent here.", "Сюда отправляется опрос NPS.") },
  { id: F.contactPhone, label: t("Contact phone", "Телефон контакта"), type: "phone" },
  { id: F.clientSite, label: t("Client's website", "Сайт клиента"), type: "url" },
  { id: F.clientAddress, label: t("Client's address", "Адрес клиента"), type: "address" },
  { id: F.legalName, label: t("Legal name (for the contract)", "Юридическое название (для договора)"), type: "string" },
  { id: F.inn, label: t("Taxpayer number (INN)", "ИНН"), type: "string" },
  { id: F.presentationAt, label: t("Presentation held at", "Дата и время презентации"), type: "datetime" },
  { id: F.generalCpFile, label: t("General CP", "Общее КП"), type: "file" },
  { id: F.clientFeedback, label: t("Feedback and objections", "Обратная связь и возражения"), type: "text" },
  { id: F.individualCpFile, label: t("Individual CP", "Индивидуальное КП"), type: "file" },
  { id: F.contractFile, label: t("Signed contract", "Подписанный договор"), type: "file" },
  { id: F.contractTerms, label: t("Other essential terms", "Другие существенные условия"), type: "text" },
  {
    id: F.eventDate, label: t("Event date", "Дата события"), type: "date",
    help: t("When the service is delivered or the goods are handed over; the delivery tasks count back from it.",
      "Когда оказывается услуга или передаётся товар; от неё отсчитываются сроки задач этапа исполнения."),
  },
  { id: F.paymentDate, label: t("Payment date", "Дата оплаты"), type: "date" },
  { id: F.paidAmount, label: t("Amount paid", "Сумма оплаты"), type: "money" },
  { id: F.deliveryBooking, label: t("Resource booking", "Бронирование ресурса"), type: "booking", help: t("The crew, vehicle or room booked for the event date.", "Бригада, транспорт или зал, забронированные на дату события.") },
  { id: F.closingDocsFile, label: t("Closing documents", "Закрывающие документы"), type: "file" },
  {
    id: F.lossReason, label: t("Loss reason", "Причина отказа"), type: "enum",
    options: LOSS_REASONS.map((r) => ({ id: r.id, label: r.label })),
    help: t("Required to close a deal as lost (standard 11).", "Обязательна, чтобы закрыть сделку как проваленную (стандарт 11)."),
  },
  { id: F.lossComment, label: t("Loss comment", "Комментарий к отказу"), type: "text" },
  { id: F.warrantyUntil, label: t("Warranty until", "Гарантия до"), type: "date" },
];

/**
 * What a tunnel carries into the next deal with the same client: who the client is and how to
 * reach them, never the documents or the outcome of the deal left behind.
 */
export const CLIENT_FIELDS: FieldId[] = [
  F.segment, F.leadChannel, F.contactEmail, F.contactPhone, F.clientSite, F.clientAddress, F.legalName, F.inn,
];
