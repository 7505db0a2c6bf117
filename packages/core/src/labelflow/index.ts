/**
 * Label flow: the typed PromQL view the checks read (`expr.ts`, built from the analyzer's AST by
 * `from-ast.ts`) and the engine that says which labels
 * every sub-expression's result can carry (`flow.ts`).
 */
export * from './expr';
export { exprFromAst, exprFromText } from './from-ast';
export { LabelFlow, labelFlow, canCarry, whyMissing, describeAggregation, aggregationHead, METRIC_NAME, SELECTING_AGGREGATIONS, type LabelSet, type Origin } from './flow';
export { valueTypeOf } from './value-type';
export { parseDuration, formatDuration } from './duration';
