/**
 * Kubernetes selector syntax checks for `kubernetes_sd_configs[].selectors`: field selectors as
 * k8s.io/apimachinery `fields.ParseSelector` reads them (with its error wording) and a structural
 * check of label selectors (`labels.Parse`).
 */

/** returns the error fields.ParseSelector gives, or null */
export function checkFieldSelector(sel: string): string | null {
  if (sel === '') return null;
  for (const term of splitTerms(sel)) {
    if (term === '') continue;
    if (!/(==|!=|=)/.test(term)) return `invalid selector: '${sel}'; can't understand '${term}'`;
  }
  return null;
}

/** returns a label-selector syntax error (wording approximates labels.Parse), or null */
export function checkLabelSelector(sel: string): string | null {
  if (sel.trim() === '') return null;
  let depth = 0;
  for (const c of sel) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth < 0 || depth > 1) return `unable to parse requirement: unbalanced parentheses in ${JSON.stringify(sel)}`;
  }
  if (depth !== 0) return `unable to parse requirement: unbalanced parentheses in ${JSON.stringify(sel)}`;
  const terms: string[] = [];
  let cur = '';
  depth = 0;
  for (const c of sel) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += c;
  }
  terms.push(cur);
  const name = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?';
  const val = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
  const ok = new RegExp(
    `^\\s*(!?\\s*${name}|${name}\\s*(==|!=|=)\\s*${val}|${name}\\s+(in|notin)\\s*\\(\\s*(${val}\\s*(,\\s*${val}\\s*)*)?\\)|${name}\\s*(<|>)\\s*-?\\d+)\\s*$`,
  );
  for (const t of terms) {
    if (!ok.test(t)) return `unable to parse requirement: ${JSON.stringify(t.trim())} is not a valid label selector requirement`;
  }
  return null;
}

function splitTerms(sel: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i];
    if (c === '\\' && i + 1 < sel.length) {
      cur += c + sel[i + 1];
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
