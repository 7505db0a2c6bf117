/**
 * Label-name validity for relabeling (prometheus/common model.ValidationScheme): the shared name
 * rules of `../names`, plus model/relabel's own allowance of `$1`/`${name}` references in
 * `target_label` under legacy validation.
 */
import { isValidLabelName, isValidUtf8, type NameScheme } from '../names';

export { isValidLabelName };
export type NameValidationScheme = NameScheme;

/** model/relabel's relabelTargetLegacy: a legacy name that may contain `$1`/`${name}` references */
const legacyTargetWithVars = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

export function isValidLabelValue(value: string): boolean {
  return isValidUtf8(value);
}

/** model/relabel's check for `target_label`/labelmap `replacement` values that may hold `$` references */
export function isValidLabelNameWithRegexVar(value: string, scheme: NameValidationScheme): boolean {
  if (scheme === 'utf8') return isValidLabelName(value, scheme);
  return legacyTargetWithVars.test(value);
}
