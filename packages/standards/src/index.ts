/**
 * `@voronka/standards`: the bundled standards blueprint (en + ru) and the building blocks it is
 * made of, so a host can run it as is or build its own variant. Demo users, plans, clients and
 * deals are in `@voronka/standards/demo`.
 */
export { standardsBlueprint, buildStandardsBlueprint, blueprintToJson } from "./blueprint";
export { P, WARM_UP_STAGES, WARRANTY_STAGES, DIRECTIONS, directionPipeline, warmUpPipeline, warrantyPipeline, pipelines, stagesOf, firstStageOf, robotId } from "./pipelines";
export type { DirectionOptions } from "./pipelines";
export { S, STAGE_SPECS } from "./stages";
export type { Direction, ProcessStageId, StageSpec } from "./stages";
export { F, fields, LOSS_REASONS, WARM_UP_LOSS_REASONS, CLIENT_FIELDS } from "./fields";
export type { FieldId, RequiredField } from "./fields";
export { A, activityTypes, activityNorms } from "./activities";
export { SURVEY, npsSurvey, warrantySurvey, npsOf } from "./surveys";
export { CALENDAR_ID, RUSSIAN_HOLIDAYS_2026, moscowOfficeCalendar } from "./calendar";
export { t } from "./text";
export type { LocalText } from "./text";
