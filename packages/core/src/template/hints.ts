/**
 * Human hints for template parse errors: "did you mean" for misspelt functions and variables,
 * and a word on the usual suspects (arithmetic operators, typographic quotes, no-break spaces).
 * Hints never change the error itself; they go into a diagnostic's notes.
 */
import type { GoTemplateError } from './parser';

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate within a small edit distance (or a prefix match), if any. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const max = Math.max(2, Math.floor(name.length / 4));
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase().startsWith(name.toLowerCase()) ? 1 : editDistance(name, c, max);
    if (d <= max && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/**
 * A hint for a parse error, or undefined. `funcs` and `variables` are what was in scope
 * (function map incl. builtins; predeclared variables).
 */
export function templateErrorHint(
  err: GoTemplateError,
  funcs: Iterable<string>,
  variables: Iterable<string>,
): string | undefined {
  const m = err.message;
  let g = /^function "(.*)" not defined$/.exec(m);
  if (g) {
    const s = closest(g[1]!, funcs);
    return s ? `did you mean "${s}"?` : undefined;
  }
  g = /^undefined variable "(.*)"$/.exec(m);
  if (g) {
    const s = closest(g[1]!, variables);
    return s ? `did you mean "${s}"?` : undefined;
  }
  if (/^unexpected "[*/%]" in /.test(m) || /^illegal number syntax: "[+-]"$/.test(m)) {
    return 'Go templates have no arithmetic operators; compute the value in the PromQL expression instead';
  }
  if (/^unrecognized character in action: U\+(201[CDEF]|2018|2019)/.test(m)) {
    return 'typographic quotes are not string delimiters: use "..." or `...`';
  }
  if (/U\+00A0/.test(m)) return 'a no-break space (U+00A0) is not a space in templates';
  return undefined;
}
