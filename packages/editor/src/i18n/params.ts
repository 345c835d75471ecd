/**
 * Labels for the params of the built-in robot and trigger types, and for union options, in each
 * UI locale. Params a dictionary does not name (a custom type's) read as their humanized key.
 */
import type { Locale } from "../model/text";

const EN: Record<string, string> = {
  title: "Title", description: "Description", responsible: "Responsible", deadline: "Deadline", checklist: "Checklist",
  keepOnExit: "Keep open when the deal leaves the stage", fields: "Fields", scope: "When", pipeline: "Pipeline", stage: "Stage",
  mode: "Mode", carry: "Fields to carry", survey: "Survey", recipient: "Recipient", channel: "Channel", field: "Field",
  value: "Value", expression: "Expression (json-logic)", to: "To", text: "Text", url: "URL", method: "Method", headers: "Headers",
  body: "Body (template)", robot: "Robot", types: "Activity types", list: "list", object: "object",
  dealResponsible: "Deal responsible", supervisor: "Supervisor", user: "A user", roundRobin: "Round robin",
};

const RU: Record<string, string> = {
  title: "Название", description: "Описание", responsible: "Ответственный", deadline: "Срок", checklist: "Чек-лист",
  keepOnExit: "Не закрывать, когда сделка уходит со стадии", fields: "Поля", scope: "Когда", pipeline: "Воронка", stage: "Стадия",
  mode: "Режим", carry: "Переносить поля", survey: "Опрос", recipient: "Получатель", channel: "Канал", field: "Поле",
  value: "Значение", expression: "Выражение (json-logic)", to: "Кому", text: "Текст", url: "URL", method: "Метод", headers: "Заголовки",
  body: "Тело (шаблон)", robot: "Робот", types: "Типы активностей", list: "список", object: "объект",
  dealResponsible: "Ответственный за сделку", supervisor: "Руководитель", user: "Пользователь", roundRobin: "По очереди",
};

const LABELS: Record<Locale, Record<string, string>> = { en: EN, ru: RU };

/** `keepOnExit` → "Keep on exit". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The UI label of a param or option name.
 *
 * @example
 * paramLabel("ru", "deadline") // "Срок"
 */
export function paramLabel(locale: Locale, key: string): string {
  return LABELS[locale][key] ?? EN[key] ?? humanize(key);
}
