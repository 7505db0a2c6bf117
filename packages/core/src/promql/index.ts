/**
 * PromQL analysis entry points: parse an expression with lezer-promql, build the typed AST
 * (ast.ts) and report everything Prometheus's parser would refuse, with Prometheus's wording
 * (code `promql/syntax`, severity `error`, ranges = UTF-16 offsets into the text).
 *
 * Pipeline (one lezer parse, one lexer pass, one AST build, one check walk):
 *   lexer.ts   Prometheus's lexer rules → lexer errors, tokens for messages
 *   syntax.ts  lezer-compat rewrite (only on lezer errors) + Prometheus-worded grammar errors
 *   build.ts   AST + grammar-action checks (modifiers, durations, literals, regexes, feature gates)
 *   check.ts   checkAST type checks
 *
 * Never throws: an internal failure becomes one `promql/internal` diagnostic.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { Tree } from '@lezer/common';
import type { Diagnostic, Range } from '../diagnostics/types';
import type { Expr, ValueType } from './ast';
import { buildAST, type FeatureSet } from './build';
import { checkAST } from './check';
import { FEATURES } from './functions';
import { describeToken, lexPromQL, stringLiteralError, type LexResult, type Token } from './lexer';
import { compatRewrite, describeSyntaxError, type SyntaxError } from './syntax';
import { detached } from '../text/memo';

export * from './ast';
export * from './functions';
export { parseSeriesDesc, type SeriesDesc, type SeriesValue } from './series';

export interface PromQLParseOptions {
  /** Prometheus --enable-feature names */
  features?: string[];
  /** target Prometheus version, e.g. `3.14` (default) or `2.42` */
  prometheusVersion?: string;
}

export interface ParsedPromQL {
  text: string;
  /** the lezer tree (of the text as lezer saw it; offsets are those of `text`) */
  tree: Tree;
  /** the typed AST; undefined when there is no expression at all */
  root: Expr | undefined;
  /** errors, with ranges as offsets into `text` */
  diagnostics: Diagnostic[];
  /** value type of the whole expression (`none` when it could not be determined) */
  valueType: ValueType;
}

const CODE = 'promql/syntax';
/** below this size lezer's tree-depth safety cuts cannot trigger (its MinBigReduction is 2000) */
const LEZER_SIZE_LIMIT = 2000;

function versionAtLeast(v: string | undefined, major: number, minor: number): boolean {
  const m = /^v?(\d+)(?:\.(\d+))?/.exec((v ?? '3.14').trim());
  if (!m) return true;
  const ma = Number(m[1]);
  const mi = Number(m[2] ?? 0);
  return ma > major || (ma === major && mi >= minor);
}

const featureCache = new Map<string, FeatureSet>();

/** The parser options (feature gates) that `opts` amount to. */
export function resolveFeatures(opts: PromQLParseOptions): FeatureSet {
  const key = `${opts.prometheusVersion ?? ''}|${(opts.features ?? []).join(',')}`;
  let fs = featureCache.get(key);
  if (!fs) {
    fs = computeFeatures(opts);
    if (featureCache.size > 100) featureCache.clear();
    featureCache.set(key, fs);
  }
  return fs;
}

function computeFeatures(opts: PromQLParseOptions): FeatureSet {
  const f = new Set(opts.features ?? []);
  const m = /^v?(\d+)(?:\.(\d+))?/.exec((opts.prometheusVersion ?? '3.14').trim());
  return {
    version: m ? [Number(m[1]), Number(m[2] ?? 0)] : [3, 14],
    experimentalFunctions: f.has(FEATURES.experimentalFunctions),
    extendedRangeSelectors: f.has(FEATURES.extendedRangeSelectors),
    binopFillModifiers: f.has(FEATURES.binopFillModifiers),
    // hard-enabled in prometheus and promtool since 3.14
    durationExpr: f.has(FEATURES.durationExpr) || versionAtLeast(opts.prometheusVersion, 3, 14),
  };
}

function diag(range: Range, message: string, flag?: string): Diagnostic {
  const d: Diagnostic = { code: CODE, severity: 'error', range, message };
  if (flag) d.notes = [{ message: `Prometheus accepts this with --enable-feature=${flag}` }];
  return d;
}

/** end of the token starting at `start` (binary search: tokens are sorted by start) */
function tokenEndLookup(tokens: readonly Token[]): (start: number) => number | undefined {
  return (start) => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    const t = tokens[lo];
    return t !== undefined && t.start === start ? t.end : undefined;
  };
}

/** Parse and check one PromQL expression. */
export function parsePromQL(text: string, opts: PromQLParseOptions = {}): ParsedPromQL {
  try {
    return analyze(text, opts);
  } catch (e) {
    // lezer (or the builder) can run out of stack on pathologically deep input: that is a limit of
    // ours, not a verdict on the expression.
    const tooDeep = e instanceof RangeError;
    return {
      text,
      tree: parser.parse(''),
      root: undefined,
      valueType: 'none',
      diagnostics: [
        tooDeep
          ? { code: 'promql/too-complex', severity: 'warning', range: { start: 0, end: 0 }, message: `expression too long or too deeply nested to check (${text.length} characters)` }
          : { code: 'promql/internal', severity: 'error', range: { start: 0, end: text.length }, message: `internal error while analyzing the expression: ${e instanceof Error ? e.message : String(e)}` },
      ],
    };
  }
}

/**
 * options key (`version|features`) → expression text → the text as kept (a copy: see `detached`),
 * its result and when it was last moved to the end; roughly least recently used first
 */
const shared = new Map<string, Map<string, { text: string; res: ParsedPromQL; at: number }>>();
/** lookups so far: an entry used again is moved to the end only when a quarter of the cache's size has gone by since it last was (every hit moved: two map operations per rule of a 5,000-file run, 30 ms) */
let clock = 0;
/** enough for every expression of a large rule file being edited (per set of options) */
const SHARED_MAX = 4096;

/** the options key of the latest call (every rule of a file parses with the same options) */
let lastVersion: string | undefined;
let lastFeatures: string[] = [];
let lastKey = '|';

function optionsKey(opts: PromQLParseOptions): string {
  const features = opts.features ?? [];
  if (opts.prometheusVersion === lastVersion && sameList(features, lastFeatures)) return lastKey;
  lastVersion = opts.prometheusVersion;
  lastFeatures = features.slice();
  lastKey = `${opts.prometheusVersion ?? ''}|${features.join(',')}`;
  return lastKey;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `parsePromQL`, with the results of the latest few thousand (text, options) pairs kept: an editor
 * re-analysing a rule file after a keystroke parses only the expression that changed, and repeated
 * expressions are parsed once. The result is shared: callers must not mutate it.
 */
export function parsePromQLShared(text: string, opts: PromQLParseOptions = {}): Readonly<ParsedPromQL> {
  const key = optionsKey(opts);
  let byText = shared.get(key);
  if (!byText) {
    if (shared.size >= 16) shared.clear();
    shared.set(key, (byText = new Map()));
  }
  const now = ++clock;
  let hit = byText.get(text);
  if (hit) {
    if (now - hit.at < SHARED_MAX / 4) return hit.res;
    // recently used last (under the copy it was kept as): eviction takes the oldest
    byText.delete(text);
    hit.at = now;
  } else {
    // an expression cut out of a document is a view of the whole document in V8: kept as it is, it
    // would keep every version of a document being edited alive (one per keystroke, until evicted)
    const own = detached(text);
    hit = { text: own, res: parsePromQL(own, opts), at: now };
    if (byText.size >= SHARED_MAX) byText.delete(byText.keys().next().value!);
  }
  byText.set(hit.text, hit);
  return hit.res;
}

/**
 * Parse a lone series selector (`foo{a="b"}`, `{__name__=~"x.*"}`), as federation `match[]`, the
 * remote-read/series APIs and promtool take them: anything but a vector selector is an error.
 */
export function parseSeriesSelector(text: string, opts: PromQLParseOptions = {}): ParsedPromQL {
  const res = parsePromQL(text, opts);
  const e = res.root;
  if (res.diagnostics.length === 0 && e) {
    const plain = e.kind === 'VectorSelector' && !e.offset && !e.at && !e.anchored && !e.smoothed;
    if (!plain) {
      // Prometheus's metric-selector grammar ends after the selector: the next token is unexpected.
      const lex = lexPromQL(text);
      const end = firstSelectorEnd(lex.tokens);
      const tok = lex.tokens.find((t) => t.start >= end) ?? lex.tokens[lex.tokens.length - 1]!;
      res.diagnostics.push(diag({ start: tok.start, end: tok.end }, `unexpected ${describeToken(tok)}`));
      res.valueType = 'none';
    }
  }
  return res;
}

/** end of a leading `name{...}` / `name` / `{...}` in a token stream */
function firstSelectorEnd(tokens: Token[]): number {
  let i = 0;
  if (tokens[i] && tokens[i]!.type !== 'LEFT_BRACE') i++;
  if (tokens[i]?.type === 'LEFT_BRACE') {
    while (i < tokens.length && tokens[i]!.type !== 'RIGHT_BRACE') i++;
  } else return tokens[0]?.end ?? 0;
  return tokens[i]?.end ?? 0;
}

/**
 * Characters or constructs for which lezer's tokens may differ from Prometheus's lexer (escapes,
 * non-ASCII or unusual whitespace): then Prometheus's lexer runs even when lezer found no error.
 */
const NEEDS_LEXER = /[^\x20-\x7e\t\n\r]/;

/**
 * A token that starts with a digit (not inside a name or, mostly, a string): lezer ends a number
 * or duration where its letters stop fitting one and reads the rest as the next token (`0and` as
 * `0 and`); Prometheus's lexer reads the whole run and refuses it (`bad number or duration
 * syntax: "0"`). Such a run that is not a plain number, hex number or duration needs the lexer.
 */
const NUMBER_RUN = /(?<![\w:."'`])(?:\d|\.\d)[\w.]*/g;
const PLAIN_NUMBER_OR_DURATION = /^(?:(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE]\d[\d_]*)?|0[xX][\da-fA-F_]+|(?:\d+(?:ms|[smhdwy]))+)$/;

function oddNumberRun(text: string): boolean {
  NUMBER_RUN.lastIndex = 0;
  for (let m = NUMBER_RUN.exec(text); m; m = NUMBER_RUN.exec(text)) if (!PLAIN_NUMBER_OR_DURATION.test(m[0])) return true;
  return false;
}

interface TreeScan {
  /** sorted start offsets of lezer error nodes */
  errors: number[];
  /** a string literal Prometheus's lexer rejects (unterminated, bad escape) though lezer took it */
  badString: boolean;
}

/**
 * One pass over the lezer tree: error nodes, and string literals lezer let through unterminated.
 * It reads the tree's node buffers directly (a flat Uint16Array of `type, start, end, endIndex`
 * per node): several times faster than a cursor walk, and this runs on every expression.
 */
function scanTree(tree: Tree, text: string): TreeScan {
  const errors: number[] = [];
  let badString = false;
  // one search of the whole text instead of one per string literal
  const anyBackslash = text.includes('\\');
  const stringLiteral = (from: number, to: number): void => {
    if (badString) return;
    const q = text[from];
    if (to - from < 2 || text[to - 1] !== q) badString = true;
    else if (anyBackslash) {
      const bs = text.indexOf('\\', from);
      if (bs !== -1 && bs < to) badString = stringLiteralError(text.slice(from, to)) !== undefined;
    }
  };
  const visit = (t: Tree, base: number): void => {
    if (t.type.isError) errors.push(base);
    else if (t.type.name === 'StringLiteral') return stringLiteral(base, base + t.length);
    for (let i = 0; i < t.children.length; i++) {
      const child = t.children[i]!;
      const at = base + t.positions[i]!;
      if (!('buffer' in child)) {
        visit(child, at);
        continue;
      }
      const buf = child.buffer;
      const types = child.set.types;
      for (let j = 0; j < buf.length; j += 4) {
        const type = types[buf[j]!]!;
        if (type.isError) errors.push(at + buf[j + 1]!);
        else if (type.name === 'StringLiteral') stringLiteral(at + buf[j + 1]!, at + buf[j + 2]!);
      }
    }
  };
  visit(tree, 0);
  // buffers list nodes in document order, but a Tree child and a buffer may interleave: keep sorted
  for (let i = 1; i < errors.length; i++) {
    if (errors[i]! < errors[i - 1]!) {
      errors.sort((a, b) => a - b);
      break;
    }
  }
  return { errors, badString };
}

const NO_TOKENS: LexResult = { tokens: [] };

/** where the call whose name ends at `nameEnd` has its `)` (Infinity: not among `tokens`) */
function callCloseAfter(tokens: readonly Token[], nameEnd: number): number {
  let depth = 0;
  for (const t of tokens) {
    if (t.start < nameEnd) continue;
    if (t.type === 'LEFT_PAREN') depth++;
    else if (t.type === 'RIGHT_PAREN' && --depth === 0) return t.start;
    if (depth === 0) return Infinity;
  }
  return Infinity;
}

/**
 * When Prometheus reports a grammar action's error: when it reduces the node, at its end; an
 * unknown function's name when it reduces the call, at its `)`; a misplaced `@` or `offset`
 * (reported on the expression before it) when it reduces the modifier, after its timestamp or
 * duration (`x > @0` is "unexpected <op:@>", never reduced).
 */
function emittedAt(d: Diagnostic, tokens: readonly Token[]): number {
  if (d.message.startsWith('unknown function with name ')) return callCloseAfter(tokens, d.range.end);
  const modifier = /^(@|offset) modifier must be preceded by /.exec(d.message);
  if (modifier) return modifierEnd(tokens, d.range.end, modifier[1] === '@');
  return d.range.end;
}

/**
 * The end of the `@` (or `offset`) modifier after offset `at`: its timestamp or duration, with its
 * sign (`offset -5m`), or `start()`/`end()`'s `)`; Infinity when it has none (a grammar error comes first).
 */
function modifierEnd(tokens: readonly Token[], at: number, isAt: boolean): number {
  let i = tokens.findIndex((t) => t.start >= at && (isAt ? t.type === 'AT' : t.type === 'KEYWORD' && t.word === 'offset'));
  if (i < 0) return Infinity;
  let t = tokens[++i];
  if (t && (t.type === 'SUB' || t.type === 'ADD')) t = tokens[++i];
  if (t && t.type === 'PREPROCESSOR') t = tokens[(i += 2)];
  return t && t.type !== 'EOF' ? t.end : Infinity;
}

/**
 * Prometheus's first grammar error for lezer's first error at `at`, before offset `limit` (a
 * lexer's error there): undefined when Prometheus meets none before it. lezer knows the function
 * names, so an unknown one fails at its `(`; Prometheus's grammar reads the call
 * (`function_call: IDENTIFIER function_call_body`) and reports the name when it reduces it, at
 * its `)`. So an error inside the call comes first: found by parsing the text again with the name
 * replaced by a known function of the same length (`abs` and spaces, or `ln`).
 */
function firstGrammarError(text: string, tokens: Token[], at: number, limit: number, opts: { legacyDurations?: boolean }): SyntaxError | undefined {
  const first = describeSyntaxError(tokens, at, opts);
  if (!first.message.startsWith('unknown function with name ')) return first;
  const name = first.range;
  const closeAt = callCloseAfter(tokens, name.end);
  const n = name.end - name.start;
  if (n >= 2) {
    const rewritten = text.slice(0, name.start) + (n === 2 ? 'ln' : 'abs' + ' '.repeat(n - 3)) + text.slice(name.end);
    const inner = scanTree(parser.parse(rewritten.trimEnd()), rewritten).errors.find((x) => x >= name.end);
    // (an error at the `)` itself comes first too: the call is reduced once its `)` is read)
    if (inner !== undefined && inner <= closeAt) return inner < limit ? describeSyntaxError(tokens, inner, opts) : undefined;
  }
  return closeAt < limit ? first : undefined;
}

/**
 * Where the `(`, `[` and `{` still open before offset `at` start. Prometheus's parser has reduced no
 * node holding one of them (its `)` has not come): a grammar error that lezer's recovery finds on
 * such a node (`count_values("x",` as an aggregation of one argument) is not one of Prometheus's.
 */
function openBefore(tokens: readonly Token[], at: number): number[] {
  const open: number[] = [];
  for (const t of tokens) {
    if (t.start >= at) break;
    if (t.type === 'LEFT_PAREN' || t.type === 'LEFT_BRACKET' || t.type === 'LEFT_BRACE') open.push(t.start);
    else if (t.type === 'RIGHT_PAREN' || t.type === 'RIGHT_BRACKET' || t.type === 'RIGHT_BRACE') open.pop();
  }
  return open;
}

const holdsOpen = (d: Diagnostic, open: readonly number[]): boolean => open.some((o) => d.range.start <= o && o < d.range.end);

const isGrouping = (t: Token | undefined) => t?.type === 'KEYWORD' && (t.word === 'by' || t.word === 'without');

/**
 * An aggregation without `by`/`without` before its body (`aggregate_op function_call_body`) is
 * reduced only once the parser has read the token after it (it could be `by`): when that token is
 * the one whose lexing fails (at `failing`), the lexer's error comes first. `sum())` is the
 * unexpected `)`; `sum by (a) ())`, `sum() by (a))` and `foo())` are their own errors first.
 */
function readsAheadTo(d: Diagnostic, tokens: readonly Token[], failing: number): boolean {
  if (d.message !== 'no arguments for aggregate expression provided' && !d.message.startsWith('wrong number of arguments for aggregate expression provided')) return false;
  // the aggregation's operator, then its body's `(`: a `by` between them is a modifier first
  const op = tokens.find((t) => t.start >= d.range.start);
  if (op === undefined || op.type !== 'AGGREGATOR') return false;
  const close = callCloseAfter(tokens, op.end);
  if (close === Infinity) return false;
  const next = tokens.find((t) => t.start > close);
  return next !== undefined && !isGrouping(next) && next.start >= failing;
}

/**
 * `buildDiags` and the grammar actions' errors of the text before offset `at` (a grammar error
 * there) as the tree of that prefix alone gives them: Prometheus has reduced what lies before its
 * first error as if the text ended there, where lezer's recovery of the whole text may not have
 * built those nodes (`sum(x, y) z` is the aggregation's wrong number of arguments, then `z`).
 * Not those of a node that holds one of the prefix's own errors (its recovery, at its end).
 */
function withPrefixBuildDiags(buildDiags: Diagnostic[], text: string, at: number, features: ReturnType<typeof resolveFeatures>, lexOpts: { legacyDurations: boolean }): Diagnostic[] {
  const prefix = text.slice(0, at).trimEnd();
  if (prefix === '') return buildDiags;
  const found: Diagnostic[] = [];
  const tree = parser.parse(prefix);
  const errors = scanTree(tree, prefix).errors;
  const lex = lexPromQL(prefix, lexOpts);
  if (lex.error) return buildDiags;
  buildAST(tree, { text: prefix, features, report: (range, message, flag) => found.push(diag(range, message, flag)), tokenEnd: tokenEndLookup(lex.tokens), errorOffsets: errors });
  const known = new Set(buildDiags.map((d) => `${d.range.start}:${d.range.end}:${d.message}`));
  const out = buildDiags.slice();
  for (const d of found) {
    if (errors.some((e) => d.range.start <= e && e <= d.range.end) || known.has(`${d.range.start}:${d.range.end}:${d.message}`)) continue;
    out.push(d);
  }
  out.sort((a, b) => a.range.end - b.range.end);
  return out;
}

function analyze(text: string, opts: PromQLParseOptions): ParsedPromQL {
  const features = resolveFeatures(opts);
  const buildDiags: Diagnostic[] = [];
  const checkDiags: Diagnostic[] = [];
  const report = (range: Range, message: string, flag?: string) => buildDiags.push(diag(range, message, flag));

  // Trailing white space is not part of any token: parse without it, so that lezer's error recovery
  // (and with it the set of errors) does not depend on how the YAML scalar holding the expression
  // ends (`|` keeps a final newline, a quoted scalar does not).
  let tree = parser.parse(text.trimEnd());
  let scan = scanTree(tree, text);
  let errs = scan.errors;
  // Prometheus's lexer only runs when lezer's verdict might differ from it (see NEEDS_LEXER).
  const needLexer = errs.length > 0 || scan.badString || !/\S/.test(text) || NEEDS_LEXER.test(text) || oddNumberRun(text);
  const lexOpts = { legacyDurations: !versionAtLeast(opts.prometheusVersion, 2, 54) };
  let lex = needLexer ? lexPromQL(text, lexOpts) : NO_TOKENS;
  if (errs.length > 0 && !lex.error) {
    const rewritten = compatRewrite(text, lex.tokens);
    if (rewritten !== text) {
      const t2 = parser.parse(rewritten);
      const e2 = scanTree(t2, rewritten).errors;
      if (e2.length < errs.length || (e2[0] ?? Infinity) > (errs[0] ?? Infinity)) {
        tree = t2;
        errs = e2;
      }
    }
  }

  const onlyEOF = needLexer && lex.tokens.length === 1;
  if (onlyEOF && !lex.error) {
    return { text, tree, root: undefined, valueType: 'none', diagnostics: [diag({ start: 0, end: 0 }, 'no expression found in input')] };
  }

  const root = buildAST(tree, { text, features, report, tokenEnd: needLexer ? tokenEndLookup(lex.tokens) : undefined, errorOffsets: errs });
  if (root) checkAST(root, text, (range, message) => checkDiags.push(diag(range, message)));
  // `function_call: IDENTIFIER function_call_body`: a name with a colon (a metric name) before `(`
  // is no call in Prometheus's grammar but a selector, and the `(` after it a grammar error (lezer
  // reads `rate` in `:rate(` as a function)
  for (let i = buildDiags.length - 1; i >= 0; i--) {
    const d = buildDiags[i]!;
    if (!d.message.startsWith('unknown function with name ') || !text.slice(d.range.start, d.range.end).includes(':')) continue;
    buildDiags.splice(i, 1);
    errs = [...errs, d.range.end].sort((a, b) => a - b);
    if (lex === NO_TOKENS) lex = lexPromQL(text, lexOpts);
  }

  // Prometheus emits grammar-action errors when a node is reduced, i.e. at its end: order them so.
  const byEmission = (a: Diagnostic, b: Diagnostic) => a.range.end - b.range.end;
  if (buildDiags.length > 1) buildDiags.sort(byEmission);
  const diagnostics: Diagnostic[] = [];
  if (lex.error) {
    const cut = lex.error.start;
    // Prometheus stops at its first lexer error: what follows it is not analyzed. Its lexer runs as
    // its parser reads the tokens, so a grammar error before that one is met first, and is what
    // Prometheus reports (the lexer's error, met at the end of its recovery, comes after it and is
    // not in its message: `sum(rate(x[5m]) by (job)` is "unexpected <by> in aggregation" alone).
    // (only at a token the parser receives: the first one it does not starts where the error's step began)
    const received = lex.tokens[lex.error.delivered]?.start ?? cut;
    const limit = Math.min(cut, received);
    const early = errs.length > 0 && errs[0]! < cut ? firstGrammarError(text, lex.tokens, errs[0]!, limit, lexOpts) : undefined;
    if (early && early.range.start < limit) {
      const open = openBefore(lex.tokens, early.range.start);
      for (const d of buildDiags) if (emittedAt(d, lex.tokens) <= early.range.start && !holdsOpen(d, open)) diagnostics.push(d);
      diagnostics.push(diag(early.range, early.message));
    } else {
      const open = openBefore(lex.tokens, received);
      for (const d of buildDiags) if (emittedAt(d, lex.tokens) < cut && !holdsOpen(d, open) && !readsAheadTo(d, lex.tokens, received)) diagnostics.push(d);
      diagnostics.push(diag({ start: lex.error.start, end: lex.error.end }, lex.error.message));
    }
    // (no type checks: Prometheus runs them only on an expression that parsed without an error)
  } else if (errs.length > 0 && text.length >= LEZER_SIZE_LIMIT) {
    // lezer cuts very long or deep expressions short (its recursion-safety limits), which shows as
    // grammar errors Prometheus would not report: say so instead of claiming a syntax error.
    diagnostics.push(...buildDiags, ...checkDiags);
    diagnostics.push({
      code: 'promql/too-complex',
      severity: 'warning',
      range: { start: errs[0]!, end: errs[0]! },
      message: `expression too long or too deeply nested to check its syntax completely (${text.length} characters)`,
    });
  } else {
    if (errs.length > 0) {
      // the grammar's own errors that Prometheus reports before it (it reduces rules left to right);
      // past it, lezer's recovered tree is not the one Prometheus's recovery builds
      const first = firstGrammarError(text, lex.tokens, errs[0]!, Infinity, lexOpts)!;
      // (not on a node whose bracket is still open there: `avg by (job) (> x)` is no aggregation without arguments)
      const open = openBefore(lex.tokens, first.range.start);
      for (const d of withPrefixBuildDiags(buildDiags, text, first.range.start, features, lexOpts)) if (emittedAt(d, lex.tokens) <= first.range.start && !holdsOpen(d, open)) diagnostics.push(d);
      diagnostics.push(diag(first.range, first.message));
    } else diagnostics.push(...buildDiags);
    // Prometheus type-checks only an expression that parsed without an error (parse.go `parseExpr`)
    if (diagnostics.length === 0) diagnostics.push(...checkDiags);
  }
  const valueType: ValueType = root?.type ?? 'none';
  return { text, tree, root, diagnostics, valueType };
}
