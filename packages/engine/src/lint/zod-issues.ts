/**
 * zod's issues turned into Voronka issues: the JSON path of the offending value and a message an
 * admin can act on ("Stage 'lead' of pipeline 'sales': 'kind' must be one of process, success,
 * failure, not 'sucess'.").
 */
import type { z } from "zod";
import type { Issue } from "../errors";
import { locate, settingName, show, valueAt, type Path } from "./describe";

type ZodIssue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: "a text", number: "a number", int: "a whole number", boolean: "true or false", object: "an object { … }",
  array: "a list [ … ]", null: "null", record: "an object { … }", literal: "a fixed value", date: "a date",
};

const FORMAT_NAMES: Record<string, string> = {
  date: "a date as YYYY-MM-DD, e.g. 2026-03-02",
  datetime: "a date and time with an offset, e.g. 2026-03-02T09:00:00+03:00",
  url: "a web address such as https://example.com/hook",
  email: "an e-mail address",
};

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "a text";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** What is wrong with the value, as the second half of a sentence ("'kind' is missing: add it."). */
function problem(issue: ZodIssue, value: unknown, name: string, present: boolean): string {
  const subject = name === "" ? "This" : `'${name}'`;
  switch (issue.code) {
    case "invalid_type":
      if (!present) return `${subject} is missing: add it.`;
      return `${subject} should be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${kindOf(value)}.`;
    case "invalid_value": {
      const values = issue.values.map((v) => show(v));
      return values.length === 1
        ? `${subject} must be ${values[0]}${present ? `, not ${show(value)}` : ""}.`
        : `${subject} must be one of ${values.join(", ")}${present ? `, not ${show(value)}` : ""}.`;
    }
    case "too_small":
      if (issue.origin === "array" || issue.origin === "set") return `${subject} needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}.`;
      if (issue.origin === "string") return Number(issue.minimum) === 1 ? `${subject} must not be empty.` : `${subject} needs at least ${issue.minimum} characters.`;
      return `${subject} must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}.`;
    case "too_big":
      if (issue.origin === "array" || issue.origin === "set") return `${subject} may have at most ${issue.maximum} items.`;
      if (issue.origin === "string") return `${subject} is too long: at most ${issue.maximum} characters.`;
      return `${subject} must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}.`;
    case "invalid_format": {
      const format = FORMAT_NAMES[issue.format];
      if (issue.format === "regex" || format === undefined) return `${subject} ${present ? `(${show(value)}) ` : ""}is not valid: ${lowerFirst(issue.message)}.`.replace(/\.\.$/, ".");
      return `${subject} should be ${format}${present ? `, not ${show(value)}` : ""}.`;
    }
    case "not_multiple_of":
      return `${subject} must be a multiple of ${issue.divisor}.`;
    case "invalid_union":
      if (issue.errors.length === 0 && "options" in issue && Array.isArray(issue.options)) {
        return `${subject} must be one of ${(issue.options as unknown[]).map((v) => show(v)).join(", ")}${present ? `, not ${show(value)}` : ""}.`;
      }
      return `${subject} does not match any of the allowed forms.`;
    default:
      return `${subject}: ${issue.message}.`.replace(/\.\.$/, ".");
  }
}

/** A setting's name for messages; a robot's or trigger's `params.` prefix is left out, as the editor's forms do. */
function nameOf(rest: Path): string {
  return settingName(rest[0] === "params" ? rest.slice(1) : rest);
}

/** Picks the union branch that comes closest, so the message says what to fix rather than "invalid input". */
function closestBranch(branches: ZodIssue[][]): ZodIssue[] | undefined {
  let best: ZodIssue[] | undefined;
  let bestScore = Infinity;
  for (const branch of branches) {
    let score = branch.length;
    for (const i of branch) {
      if (i.path.length === 0 && (i.code === "invalid_type" || i.code === "unrecognized_keys" || i.code === "invalid_value")) score += 100;
    }
    if (score < bestScore) [best, bestScore] = [branch, score];
  }
  return bestScore >= 100 ? undefined : best;
}

/** Expected kinds of a union whose every branch failed on the value's kind ("a text or an object { … }"). */
function unionKinds(branches: ZodIssue[][]): string[] {
  const kinds: string[] = [];
  for (const branch of branches) {
    for (const i of branch) {
      if (i.path.length === 0 && i.code === "invalid_type") {
        const k = TYPE_NAMES[i.expected] ?? i.expected;
        if (!kinds.includes(k)) kinds.push(k);
      }
    }
  }
  return kinds;
}

/**
 * Maps one zod issue (found while parsing the value at `base` inside `root`) to Voronka issues
 * with `code`; `root` is the whole input, used to name the place ("Robot 'call' on stage 'lead' …").
 */
export function fromZodIssue(issue: ZodIssue, root: unknown, base: Path, code: string, depth = 0): Issue[] {
  const path: Path = [...base, ...(issue.path as PropertyKey[]).map((k) => (typeof k === "symbol" ? String(k) : k))];
  if (issue.code === "invalid_union" && issue.errors.length > 0 && depth < 8) {
    const branch = closestBranch(issue.errors);
    if (branch) return branch.flatMap((i) => fromZodIssue(i, root, path, code, depth + 1));
    const kinds = unionKinds(issue.errors);
    const value = valueAt(root, path);
    if (kinds.length > 1) {
      const { where, rest } = locate(root, path);
      const name = nameOf(rest);
      const subject = name === "" ? "This" : `'${name}'`;
      return [{
        code, path, severity: "error",
        message: `${where}: ${value === undefined ? `${subject} is missing: add it.` : `${subject} should be ${kinds.join(" or ")}, not ${kindOf(value)}.`}`,
      }];
    }
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const { where, rest } = locate(root, keyPath);
      return { code, path: keyPath, severity: "error", message: `${where}: '${nameOf(rest)}' is not a known setting here: remove it or check its spelling.` };
    });
  }
  const { where, rest } = locate(root, path);
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  const present = path.length === 0 || (typeof parent === "object" && parent !== null && last !== undefined && Object.hasOwn(parent, last));
  const value = valueAt(root, path);
  return [{ code, path, severity: "error", message: `${where}: ${problem(issue, value, nameOf(rest), present && value !== undefined)}` }];
}
