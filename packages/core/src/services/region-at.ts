/**
 * The PromQL region under a cursor, found without parsing the whole file.
 *
 * Completion, hover and signature help run on every keystroke; re-parsing a 1,000-rule file for
 * each would cost far more than the 20 ms budget. For the usual block layout the `expr:` scalar
 * around the cursor is found from indentation and only that key is parsed (same YAML layer, same
 * decoders, offsets shifted back). When the layout is unusual (flow mappings, the cursor not under
 * an `expr:` key) the caller's full model decides.
 */
import type { FileKind } from '../files';
import { parseYaml } from '../yaml/parse';
import type { YScalar } from '../yaml/types';
import { memoByText } from '../text/memo';
import type { DocumentModel } from './document-model';
import { ANCHOR_OR_ALIAS } from '../yaml/anchors';
import { identityRegion, regionAt, scalarRegion, type PromQLRegion } from './regions';

const OTHER_KEY = /^\s*(-\s+)?[\w.-]+\s*:(\s|$)/;
const EXPR_KEY = /^(\s*)(-\s+)?(expr|series)\s*:(?=\s|$)/;

function lineStarts(text: string, from: number): { start: number; end: number } {
  let s = from;
  while (s > 0 && text.charCodeAt(s - 1) !== 10) s--;
  let e = from;
  while (e < text.length && text.charCodeAt(e) !== 10) e++;
  return { start: s, end: e };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Fast path: the `expr:` scalar around `offset` in a YAML text, or null when not found. */
export function localYamlRegion(text: string, offset: number): PromQLRegion | null {
  let { start, end } = lineStarts(text, offset);
  let line = text.slice(start, end);
  let cursorIndent = line.trim() === '' ? Infinity : indentOf(line);
  const cursorLine = start;
  // walk up to the `expr:` key that owns the cursor line; another key less indented than every
  // line seen so far means the cursor is not in an expr scalar
  let keyStart = -1;
  let keyIndent = 0;
  let guard = 0;
  for (;;) {
    const m = EXPR_KEY.exec(line);
    if (m) {
      const ki = m[1].length + (m[2]?.length ?? 0);
      if (start === cursorLine || ki < cursorIndent) {
        keyStart = start;
        keyIndent = ki;
        break;
      }
    } else if (start !== cursorLine && line.trim() !== '' && !/^\s*#/.test(line)) {
      const ind = indentOf(line);
      if (ind < cursorIndent && OTHER_KEY.test(line)) return null;
      cursorIndent = Math.min(cursorIndent, ind);
    }
    if (start === 0 || ++guard > 2000) return null;
    ({ start, end } = lineStarts(text, start - 1));
    line = text.slice(start, end);
  }
  const region = keyRegion(text, keyStart, keyIndent, offset);
  return region && offset >= region.range.start && offset <= region.range.end ? region : null;
}

/**
 * The region of the `expr:` (or `series:`) key whose line starts at `keyStart`, the key indented by
 * `keyIndent`; null, without parsing the key, when its scalar ends before `within`.
 */
function keyRegion(text: string, keyStart: number, keyIndent: number, within = keyStart): PromQLRegion | null {
  // the scalar ends before the next non-blank line indented at most as the key
  let stop = keyStart;
  {
    let { end: e } = lineStarts(text, keyStart);
    stop = e;
    while (e < text.length) {
      const next = lineStarts(text, e + 1);
      const l = text.slice(next.start, next.end);
      if (l.trim() !== '' && indentOf(l) <= keyIndent) break;
      stop = next.end;
      e = next.end;
      if (next.end >= text.length) break;
    }
  }
  if (within > stop) return null;
  // parse the key alone: `- ` of a sequence item is blanked so that offsets stay the same
  let snippet = text.slice(keyStart, stop);
  snippet = snippet.replace(/^(\s*)-(\s+)/, (_m, a: string, b: string) => a + ' ' + b);
  const s = keyScalarOf(snippet);
  if (!s) return null;
  const shift = keyStart;
  return scalarRegion(
    s.text,
    {
      toFile: (i) => s.toFile(i) + shift,
      toFileEnd: (i) => (i <= 0 ? s.toFile(0) : s.toFileRange({ start: 0, end: i }).end) + shift,
    },
    { start: s.range.start + shift, end: s.range.end + shift },
    s.style,
    keyStart,
  );
}

/** The `expr:` (or `series:`) scalar of a key's snippet parsed alone, or null. */
function keyScalar(snippet: string): YScalar | null {
  const root = parseYaml(snippet).documents[0]?.root;
  if (!root || root.kind !== 'map') return null;
  const pair = root.pairs.find((p) => p.key.text === 'expr' || p.key.text === 'series');
  const s = pair?.value;
  return pair && s && s.kind === 'scalar' ? s : null;
}

/**
 * `keyScalar` of the latest snippets (offsets in the snippet: its region is shifted to where it
 * is now): a whole-file scan after an edit meets every other key's snippet again (a 1,000-rule
 * file: 1,000 small parses, 15–45 ms, on the thread that answers requests)
 */
const keyScalarOf = memoByText(keyScalar);

const EXPR_LINE = /^([ ]*)(-[ ]+)?expr[ ]*:(?=[ \t]|\r?$)/gm;

/**
 * The `expr:` regions of a rule file in the usual block layout, found line by line as the cursor
 * fast path finds one (each key parsed alone), without parsing the file: for requests over the
 * whole file (semantic tokens) on a text whose model is not built, such as a big file while it is
 * typed in and broken (its whole-file parse takes yaml's slow path). An `expr:` line inside a
 * block scalar is taken for a key, and flow mappings are not seen; the model is exact. Undefined
 * for a text with anchors or aliases (the model resolves them).
 */
export function scanExprRegions(text: string): PromQLRegion[] | undefined {
  // aliases (`expr: *e`) are resolved by the model only
  if (ANCHOR_OR_ALIAS.test(text)) return undefined;
  const out: PromQLRegion[] = [];
  for (const m of text.matchAll(EXPR_LINE)) {
    const region = keyRegion(text, m.index, m[1].length + (m[2]?.length ?? 0));
    if (region) out.push(region);
  }
  return out;
}

const YAML_KINDS: ReadonlySet<FileKind> = new Set(['rules', 'prometheus-rule', 'rule-tests']);

/**
 * The region at `offset`: the whole text for `.promql`, the fast path for rule files, and the full
 * model (built on demand by `model()`) otherwise.
 */
export function promqlRegionAt(kind: FileKind, text: string, offset: number, model: () => DocumentModel): PromQLRegion | undefined {
  if (kind === 'promql') return identityRegion(text);
  if (YAML_KINDS.has(kind)) {
    const local = localYamlRegion(text, offset);
    if (local) return local;
    // the fast path only misses unusual layouts (`{expr: …}` flow mappings): only then pay for
    // the full model
    const line = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
    if (!/[{,]\s*["']?(expr|series)["']?\s*:/.test(line)) return undefined;
  }
  return regionAt(model().regions, offset);
}
