/**
 * Time for the engine: ISO-8601 durations, working calendars, and where delays and deadlines land.
 * Pure and deterministic: nothing here reads the clock or the host's time zone. See README.md.
 */
export {
  type ParsedDuration, DURATION_PATTERN, SIGNED_DURATION_PATTERN, TIME_OF_DAY_PATTERN, parseDuration,
} from "./duration";
export { isValidTimeZone, parseIsoDate, parseIsoDateTime } from "./zone";
export {
  type WorkingCalendar, MAX_SCAN_DAYS, isWorkingMoment, nextWorkingMoment, validateWorkingCalendar,
} from "./working-calendar";
export { type AddDurationOptions, addDuration } from "./add-duration";
export { type Deadline, type Delay, type ResolveTimeContext, DEFAULT_TIME_OF_DAY, resolveTime } from "./resolve-time";
