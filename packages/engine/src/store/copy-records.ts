/**
 * Copies of records on the hot path. `{ ...record, extra }` is the obvious way to write them, but
 * V8 gives a spread clone of an object with out-of-object properties (a record that grew after it
 * was made, such as a task that got its deadline) a hidden class of its own when the clone adds
 * properties: every copy then carries its own map and descriptor array (≈ 300 bytes each, kept as
 * long as the copy lives), and every read of it is megamorphic. `Object.assign` onto a fresh
 * object walks the shared transition tree instead. Key order is the spread's: the source's keys
 * first, then the new ones.
 */
import type { DealRecord, TaskRecord } from "./records";

/** A copy of a deal and of its fields object (the only nested part a step changes). */
export function copyDeal(d: DealRecord): DealRecord {
  // A spread that only replaces an existing key keeps the source's hidden class.
  return { ...d, fields: { ...d.fields } };
}

/** A copy of a task with some of its properties replaced or added. */
export function updatedTask(task: TaskRecord, changes: Partial<TaskRecord>): TaskRecord {
  return Object.assign(Object.assign({}, task), changes);
}
