/** What a label-matcher regex means, for the regex checks (Prometheus anchors every regex). */

const META = /[.*+?()[\]{}|^$\\]/;

/** The regex matches exactly one literal string: `=~"api"`. */
export function isLiteralRegex(re: string): boolean {
  return re !== '' && !META.test(re);
}

/** Matches every value, including a missing label. */
export function matchesEverything(re: string): boolean {
  return re === '.*' || re === '^.*$' || re === '(.*)' || re === '.*?';
}

/** Does `|` appear at the top level (outside groups and classes)? */
function hasTopLevelAlternation(re: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Redundant leading `^` / trailing `$` (both are implied), when removing them keeps the meaning. */
export function redundantAnchors(re: string): { start: boolean; end: boolean } {
  if (hasTopLevelAlternation(re)) return { start: false, end: false };
  const start = re.startsWith('^');
  let end = re.endsWith('$') && re.length > (start ? 1 : 0);
  if (end) {
    let backslashes = 0;
    for (let i = re.length - 2; i >= 0 && re[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 1) end = false;
  }
  return { start, end };
}
