/**
 * Go RE2 regular expressions as `model/relabel` uses them: compiled with re2js (RE2 syntax and
 * semantics), fully anchored as `^(?s:<regex>)$`, with Go's `Regexp.Expand` template rules for
 * `$1`, `${1}`, `$name` and `$$`. Error messages are Go's (`error parsing regexp: ...`).
 */
import { RE2JS } from 're2js';
import { detached } from '../text/memo';

export interface GoRegexp {
  /** the regex as written in the config (without Prometheus's anchoring) */
  source: string;
  /** number of capture groups */
  numSubexp: number;
  /** names of the groups, index 0 = whole match (''), unnamed groups '' */
  subexpNames: string[];
  /** whole-string match (the pattern is anchored) */
  matches(s: string): boolean;
  /** Go's FindStringSubmatchIndex: [start0, end0, start1, end1, ...] (-1 for unset groups) or null */
  submatchIndex(s: string): number[] | null;
}

export type CompileResult = { ok: true; re: GoRegexp } | { ok: false; error: string };

const cache = new Map<string, CompileResult>();

/** Compiles `s` as Prometheus's relabel.NewRegexp does: `^(?s:` + s + `)$`. */
export function compileRelabelRegexp(s: string): CompileResult {
  const hit = cache.get(s);
  if (hit) return hit;
  const res = compileAnchored(s);
  if (cache.size > 2000) cache.clear();
  // a copy: the pattern may be a view of a whole configuration being edited (see `detached`)
  cache.set(detached(s), res);
  return res;
}

function compileAnchored(s: string): CompileResult {
  let re: RE2JS;
  try {
    re = RE2JS.compile('^(?s:' + s + ')$');
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: msg.startsWith('error parsing regexp') ? msg : 'error parsing regexp: ' + msg };
  }
  const n = re.groupCount();
  const names: string[] = new Array(n + 1).fill('');
  const named = (re as unknown as { namedGroups(): Record<string, number> }).namedGroups?.() ?? {};
  for (const [name, idx] of Object.entries(named)) names[idx] = name;
  return {
    ok: true,
    re: {
      source: s,
      numSubexp: n,
      subexpNames: names,
      matches(str: string): boolean {
        return re.matcher(str).matches();
      },
      submatchIndex(str: string): number[] | null {
        const m = re.matcher(str);
        if (!m.matches()) return null;
        const out: number[] = [];
        for (let g = 0; g <= n; g++) {
          const st = m.start(g);
          out.push(st, st < 0 ? -1 : m.end(g));
        }
        return out;
      },
    },
  };
}

/** One `$` reference in a Go template, as Go's `extract` parses it. */
export interface TemplateRef {
  /** offset of the `$` in the template */
  start: number;
  /** offset after the reference */
  end: number;
  name: string;
  /** group number, or -1 for a name */
  num: number;
}

/** Parses a Go Regexp.Expand template into literal text and references (`$$` is a literal `$`). */
export function parseTemplate(template: string): Array<{ text: string } | TemplateRef> {
  const parts: Array<{ text: string } | TemplateRef> = [];
  let lit = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c !== '$') {
      lit += c;
      i++;
      continue;
    }
    if (template[i + 1] === '$') {
      lit += '$';
      i += 2;
      continue;
    }
    const ref = extractRef(template, i);
    if (!ref) {
      lit += '$';
      i++;
      continue;
    }
    if (lit) parts.push({ text: lit });
    lit = '';
    parts.push(ref);
    i = ref.end;
  }
  if (lit) parts.push({ text: lit });
  return parts;
}

function isWordRune(ch: string): boolean {
  return /[\p{L}\p{Nd}_]/u.test(ch);
}

function extractRef(t: string, dollar: number): TemplateRef | null {
  let i = dollar + 1;
  if (i >= t.length) return null;
  const brace = t[i] === '{';
  if (brace) i++;
  const nameStart = i;
  while (i < t.length) {
    const cp = t.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (!isWordRune(ch)) break;
    i += ch.length;
  }
  if (i === nameStart) return null;
  const name = t.slice(nameStart, i);
  if (brace) {
    if (t[i] !== '}') return null;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const d = name.charCodeAt(k) - 48;
    if (d < 0 || d > 9 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + d;
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { start: dollar, end: i, name, num };
}

/** Go's Regexp.ExpandString(nil, template, src, match). */
export function expandTemplate(re: GoRegexp, template: string, src: string, match: number[]): string {
  let out = '';
  for (const p of parseTemplate(template)) {
    if ('text' in p) {
      out += p.text;
      continue;
    }
    if (p.num >= 0) {
      if (2 * p.num + 1 < match.length && match[2 * p.num] >= 0) out += src.slice(match[2 * p.num], match[2 * p.num + 1]);
    } else {
      for (let g = 0; g < re.subexpNames.length; g++) {
        if (re.subexpNames[g] === p.name && 2 * g + 1 < match.length && match[2 * g] >= 0) {
          out += src.slice(match[2 * g], match[2 * g + 1]);
          break;
        }
      }
    }
  }
  return out;
}

/** Go's ReplaceAllString for an anchored regex: the whole string is replaced once when it matches. */
export function replaceAnchored(re: GoRegexp, src: string, template: string): string {
  const m = re.submatchIndex(src);
  if (!m) return src;
  return expandTemplate(re, template, src, m);
}
