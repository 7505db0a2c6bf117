/**
 * Label-matcher regular expressions with Go RE2 semantics (via re2js), as Prometheus's
 * `labels.NewFastRegexMatcher`: the pattern is parsed on its own (Perl syntax, `.` matches `\n`) for
 * errors, and matched fully anchored (`^(?s:…)$`). Compiled patterns are cached by source string.
 */
import { RE2JS } from 're2js';
import { detached } from '../text/memo';

export interface CompiledRegex {
  /** Go's error text (`error parsing regexp: …`) when the pattern does not compile */
  error?: string;
  /** anchored full-match test; undefined when the pattern is invalid */
  matches?: (s: string) => boolean;
}

const cache = new Map<string, CompiledRegex>();
const MAX_CACHE = 5000;

export function compileRegex(pattern: string): CompiledRegex {
  let c = cache.get(pattern);
  if (c) return c;
  try {
    RE2JS.compile(pattern, RE2JS.DOTALL);
    // the anchored program is compiled when first matched with: most patterns are only validated
    // (a parse of the corpus's rules compiled each twice: 35 ms of a 5,000-file run)
    let anchored: RE2JS | undefined;
    const source = detached(pattern);
    c = { matches: (s: string) => (anchored ??= RE2JS.compile('^(?s:' + source + ')$')).matches(s) };
  } catch (e) {
    c = { error: e instanceof Error ? e.message : String(e) };
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  // a copy: the pattern may be a view of a whole document being edited (see `detached`)
  cache.set(detached(pattern), c);
  return c;
}
