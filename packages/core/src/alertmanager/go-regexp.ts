/**
 * Go RE2 regular expressions as Alertmanager compiles them (`regexp.Compile("^(?:" + v + ")$")`),
 * via re2js, with Go's error wording (`error parsing regexp: ...`).
 */
import { RE2JS } from 're2js';
import { detached } from '../text/memo';

export interface CompiledRegexp {
  matches(s: string): boolean;
}

export type RegexpResult = { ok: true; re: CompiledRegexp } | { ok: false; error: string };

const cache = new Map<string, RegexpResult>();

/** Compile `^(?:value)$` like Alertmanager's matchers and `match_re` values do. */
export function compileAnchored(value: string): RegexpResult {
  const hit = cache.get(value);
  if (hit) return hit;
  let result: RegexpResult;
  try {
    const re = RE2JS.compile(`^(?:${value})$`);
    result = { ok: true, re: { matches: (s: string) => re.matches(s) } };
  } catch (e) {
    result = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (cache.size > 2000) cache.clear();
  // a copy: the value may be a view of a whole configuration being edited (see `detached`)
  cache.set(detached(value), result);
  return result;
}
