/** The matcher model shared by Alertmanager's two matcher parsers and the route engine. */
import type { Range } from '../diagnostics/types';
import { compileAnchored } from './go-regexp';

export type MatchType = '=' | '!=' | '=~' | '!~';
export type MatcherParserMode = 'classic' | 'utf8' | 'fallback';

export interface AmMatcher {
  name: string;
  type: MatchType;
  value: string;
  /** where the matcher is in the parsed input */
  range: Range;
}

export interface MatchersError {
  message: string;
  range: Range;
}

export interface ParsedMatchers {
  matchers: AmMatcher[];
  error?: MatchersError;
  /**
   * Set in `fallback` mode when the input is accepted only by the classic parser (`incompatible`),
   * or when both parsers accept it with different results (`disagreement`).
   */
  fallback?: { kind: 'incompatible' | 'disagreement'; utf8Error?: string; suggestion: string };
}

/** Does a label set satisfy a matcher (a missing label is the empty string)? */

/** labels.NewMatcher: a regexp matcher's value must compile as `^(?:value)$` */
export function newMatcher(type: MatchType, name: string, value: string, range: Range, wrap: (e: string) => string): AmMatcher | MatchersError {
  if (type === '=~' || type === '!~') {
    const r = compileAnchored(value);
    if (!r.ok) return { message: wrap(r.error), range };
  }
  return { name, type, value, range };
}


/** no lone UTF-16 surrogates: the JavaScript face of Go's utf8.ValidString */
export function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

