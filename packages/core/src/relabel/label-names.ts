/**
 * Label-name validity as Prometheus decides it (prometheus/common model.ValidationScheme):
 * `legacy` = `[a-zA-Z_][a-zA-Z0-9_]*`, `utf8` = any non-empty valid UTF-8 (the 3.x default).
 */
import { isValidUTF8 } from './go-string';

export type NameValidationScheme = 'legacy' | 'utf8';

const legacyLabelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** model/relabel's relabelTargetLegacy: a legacy name that may contain `$1`/`${name}` references */
const legacyTargetWithVars = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

export function isValidLabelName(name: string, scheme: NameValidationScheme): boolean {
  if (scheme === 'legacy') return legacyLabelName.test(name);
  return name.length > 0 && isValidUTF8(name);
}

export function isValidLabelValue(value: string): boolean {
  return isValidUTF8(value);
}

/** model/relabel's check for `target_label`/labelmap `replacement` values that may hold `$` references */
export function isValidLabelNameWithRegexVar(value: string, scheme: NameValidationScheme): boolean {
  if (scheme === 'utf8') return isValidLabelName(value, scheme);
  return legacyTargetWithVars.test(value);
}
