/**
 * Query-string checks that a schema cannot express alone (pairs of parameters, ordered
 * thresholds): each refusal is a 400 `VALIDATION_FAILED` naming the parameter, in the same shape
 * as the schema's own refusals (`details.issues[].path`).
 */
import { HttpError } from "../http/errors";

/**
 * Refuses the request: 400 `VALIDATION_FAILED`, "The query string is not valid: <param>: <why>."
 *
 * @example invalidParam("to", "must be after from")
 */
export function invalidParam(param: string, message: string): never {
  throw new HttpError("VALIDATION_FAILED", `The query string is not valid: ${param}: ${message}.`, {
    in: "querystring",
    issues: [{ path: param, message }],
  });
}
