/**
 * Shared types and default limits of the json-logic condition compiler.
 */

/** A json-logic rule as written in a blueprint: any JSON value; objects with one key are operators. */
export type JsonLogic = unknown;

/**
 * Bounds a rule must respect to be compiled, so a hostile or runaway blueprint cannot make the
 * compiler (or evaluation) recurse without limit or allocate without bound.
 */
export interface ConditionLimits {
  /** Deepest allowed nesting of operators and literal arrays; the rule itself is depth 1. Argument lists don't count. */
  maxDepth: number;
  /** Most values (operators, literals, literal arrays and their elements) a rule may contain. */
  maxNodes: number;
  /** Longest allowed string literal, in UTF-16 code units; omitted means unlimited. */
  maxStringLength?: number;
}

/**
 * The limits used when none are given: depth 32 and 2,000 nodes are far above any hand-written
 * sales condition (typically depth < 6, < 50 nodes) and far below what could hurt the stack or the
 * event loop; string literals up to 10,000 characters leave room for long message templates.
 */
export const DEFAULT_CONDITION_LIMITS: ConditionLimits = Object.freeze({
  maxDepth: 32,
  maxNodes: 2000,
  maxStringLength: 10_000,
});

/** A rule compiled to a closure tree: call it with the data (a deal, a context) to get the rule's value. */
export type CompiledCondition = (data: unknown) => unknown;

/** A compiled sub-rule: its evaluator and, when it doesn't depend on the data, its folded value. */
export interface CompiledNode {
  readonly fn: CompiledCondition;
  readonly isConst: boolean;
  /** The folded value when `isConst`; never handed out directly (arrays are copied by `fn`). */
  readonly value: unknown;
}
