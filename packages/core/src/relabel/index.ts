/**
 * Public API of the relabel module: Prometheus's relabel validation and engine, the target
 * simulation used by `promscope relabel` and hovers, and promscope's own relabel checks.
 */
export { RELABEL_ACTIONS, DEFAULT_RELABEL, relabelConfig, type RelabelAction, type RelabelConfig, type RelabelField } from './types';
export { validateRelabelConfig, type RelabelProblem } from './validate';
export { processRelabel, type RelabelResult, type RelabelStep, type ProcessOptions } from './engine';
export { simulateTarget, type TargetSimulation } from './target';
export { lintRelabelConfigs, type RelabelLintContext, type RelabelStage } from './lint';
export { parseLabelSetLiteral, formatLabelSet } from './label-set-literal';
export { compileRelabelRegexp, type GoRegexp } from './go-regexp';
export type { NameValidationScheme } from './label-names';
export type { LabelSet as RelabelLabelSet } from './label-builder';
