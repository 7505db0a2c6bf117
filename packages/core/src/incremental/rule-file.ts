/**
 * Incremental analysis of a rule file for an editor session: the file is cut into its groups (the
 * items of `groups:`), each group is analysed as a one-group rule file of its own text and the
 * result kept in the session, keyed by that text; the next analysis of the document reuses every
 * group whose text did not change (wherever it moved) and re-runs only the file-wide parts over
 * all groups: repeated group names, promtool's duplicate rules, the file-scope checks and the
 * file's rule graph. The result is the one the whole-file path gives (a differential test holds
 * both to it over the corpus and random edits).
 *
 * Only plain block files are cut: `groups:` as the one top-level key, its items at one
 * indentation, no anchors or aliases, no `---`, no Helm syntax, at most `MAX_TEXT` characters.
 * Anything else returns undefined and the caller takes the whole-file path. The session is plain
 * memory owned by the caller (one per open document).
 *
 * A group with a YAML error (a half-typed `: `, a `{` typed at an expression's start) is a part
 * like the others when the error stays in the group (`confined`): the group's text followed by
 * another group parses to the same errors and that group, as it does alone. A quote opened and not
 * closed does not stay: YAML reads on to the next quote, in a later group, or to the end of the
 * file; such a group declines. So does a group with an error in a file with a line that is a
 * template action (the template-file verdict reads the whole file).
 */
import { ruleFileChecksOfScope, type FileCheckOptions } from '../checks/for-file';
import { createFileChecksMemo, type FileChecksMemo } from '../checks/run';
import type { GroupView, RuleFileView, RuleView, TextValue, KeyValue, DurationValue } from '../checks/model';
import { ruleFileView } from '../checks/model-from-rules';
import type { Diagnostic, Range } from '../diagnostics/types';
import { buildRuleGraphFromEntries, ruleGraphEntries, type RuleGraphEntry } from '../graph/build';
import type { AnalyzerOptions } from '../options';
import { duplicateRulesOf, ruleIdentities, type RuleIdentity } from '../rules/duplicates';
import { analyzeRuleFile, lazyLines } from '../rules/file';
import { parseYaml } from '../yaml/index';
import { repeatedGroupName } from '../rules/groups';
import { findActionLine, findHelmSyntax } from '../rules/helm';
import { commonPrefix, commonSuffix } from '../text/common';
import { pushAll } from '../text/arrays';
import { emptySummary, type FileSummary, type NamedRef } from '../workspace/summary';
import { pollInterrupt } from '../interrupt';
import { ANCHOR_OR_ALIAS } from '../yaml/anchors';
import type { YamlLimits } from '../yaml/limits';

/** larger files take the whole-file path (the YAML limits count nodes per document) */
const MAX_TEXT = 1 << 20;

/** What one group contributes, in the coordinates of its one-group text (`prefix` + group text). */
interface GroupPart {
  diagnostics: Diagnostic[];
  group?: GroupView;
  nameSite?: { name: string; at: Range; first: Range };
  identities: RuleIdentity[];
  entries: RuleGraphEntry[];
  alerts: NamedRef[];
  recorded: NamedRef[];
  /** the group's YAML has an error (see the file's comment) */
  yamlError: boolean;
  /** for a group with a YAML error: whether it stays in the group (`confined`), once asked */
  confined?: boolean;
  /**
   * the part moved into file coordinates, for the last two shifts and group indexes it was used
   * with (a character typed and deleted again moves the later groups back and forth)
   */
  moved?: Moved;
  movedBefore?: Moved;
}

interface Moved {
  delta: number;
  groupIndex: number;
  part: Omit<GroupPart, 'moved' | 'movedBefore'>;
}

export interface RuleFileSession {
  /** what the parts were computed under (options, path); another key empties the session */
  key?: string;
  parts: Map<string, GroupPart>;
  /**
   * the last text cut into groups and its cuts (an edit inside one line reuses them:
   * `splitAfterEdit`), with the groups' texts when they were analysed
   */
  split?: { text: string; starts: number[]; bodies?: string[] };
  /** the findings of the file checks that declare `reads` (checks/run.ts), for the next run to reuse */
  fileChecks?: FileChecksMemo;
  /**
   * counters (tests, logs): groups analysed and reused by the last run, whole-file fallbacks, and
   * what the last run did (`whole`: it declined, `lastFallback` says why)
   */
  stats: { analysed: number; reused: number; fallbacks: number; lastFallback?: string; last?: 'incremental' | 'whole' };
}

export function createRuleFileSession(): RuleFileSession {
  return { parts: new Map(), stats: { analysed: 0, reused: 0, fallbacks: 0 } };
}

export interface IncrementalRuleFileResult {
  diagnostics: Diagnostic[];
  summary: FileSummary;
}

/**
 * The start offsets of the group items of a plain block rule file (`groups:` then `- ` items at
 * one indentation; comments and blank lines anywhere), or undefined for any other shape.
 */
export function splitGroups(text: string): number[] | undefined {
  const starts: number[] = [];
  let inItems = false;
  let k = -1;
  let ls = 0;
  while (ls < text.length) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    let i = ls;
    while (i < le && text.charCodeAt(i) === 32) i++;
    const c = i < le ? text.charCodeAt(i) : -1;
    const blank = c === -1 || (c === 13 && i + 1 === le);
    if (!blank && c !== 35 /* # */) {
      if (c === 9 /* tab */) return undefined;
      const indent = i - ls;
      if (!inItems) {
        if (indent !== 0 || !/^groups:[ ]*(#.*)?\r?$/.test(text.slice(ls, le))) return undefined;
        inItems = true;
      } else {
        const next = i + 1 < le ? text.charCodeAt(i + 1) : -1;
        const item = c === 45 /* - */ && (next === -1 || next === 32 || (next === 13 && i + 2 === le));
        if (k < 0) {
          if (!item) return undefined;
          k = indent;
          starts.push(ls);
        } else if (indent === k && item) starts.push(ls);
        else if (indent <= k) return undefined;
      }
    }
    ls = le + 1;
  }
  return starts.length > 0 ? starts : undefined;
}

/**
 * `splitGroups(text)` from the cuts of the previous text, when they are sure to be the same: the
 * two texts differ inside one line of a group item (no line break removed or added), after that
 * line's indentation and first two characters (all that `splitGroups` reads of a line below
 * `groups:`). Undefined otherwise (the caller splits the text).
 */
export function splitAfterEdit(prev: { text: string; starts: readonly number[] }, text: string): number[] | undefined {
  return splitAfterEditAt(prev, text)?.starts;
}

/** `splitAfterEdit`, and where the texts start to differ (`at`: inside the group it falls in, -1 if they do not) */
function splitAfterEditAt(prev: { text: string; starts: readonly number[] }, text: string): { starts: number[]; at: number } | undefined {
  const old = prev.text;
  const p = commonPrefix(old, text);
  if (p === old.length && p === text.length) return { starts: [...prev.starts], at: -1 };
  const q = commonSuffix(old, text, p);
  const oldEnd = old.length - q;
  const newEnd = text.length - q;
  const first = prev.starts[0];
  if (first === undefined || p <= first) return undefined;
  for (let i = p; i < oldEnd; i++) if (old.charCodeAt(i) === 10 || old.charCodeAt(i) === 13) return undefined;
  for (let i = p; i < newEnd; i++) if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return undefined;
  // the line's first non-space character and the one after it are before the edit (unchanged), and
  // neither is a carriage return (a `-` then `\r` at the line's end is an item; followed by more, not)
  const ls = old.lastIndexOf('\n', p - 1) + 1;
  let i = ls;
  while (old.charCodeAt(i) === 32) i++;
  if (i + 2 > p || old.charCodeAt(i) === 13 || old.charCodeAt(i + 1) === 13) return undefined;
  const by = text.length - old.length;
  return { starts: prev.starts.map((s) => (s > p ? s + by : s)), at: p };
}

function shiftRange(r: Range, d: number): Range {
  return { start: r.start + d, end: r.end + d };
}

function shiftDiagnostic(x: Diagnostic, d: number): Diagnostic {
  const out: Diagnostic = { ...x, range: shiftRange(x.range, d) };
  if (x.notes) out.notes = x.notes.map((n) => (n.range && !n.file ? { ...n, range: shiftRange(n.range, d) } : n));
  if (x.fix) out.fix = { ...x.fix, edits: x.fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, d) })) };
  return out;
}

/** a scalar's text moved by `d` in the file (one object: its mappings are methods) */
class MovedText implements TextValue {
  readonly value: string;
  readonly range: Range;

  constructor(
    private readonly from: TextValue,
    private readonly d: number,
  ) {
    this.value = from.value;
    this.range = shiftRange(from.range, d);
  }

  toFile(o: number): number {
    return this.from.toFile(o) + this.d;
  }

  toFileRange(r: Range): Range {
    const v = this.from;
    return shiftRange(v.toFileRange ? v.toFileRange(r) : { start: v.toFile(r.start), end: v.toFile(r.end) }, this.d);
  }
}

function shiftText(v: TextValue, d: number): TextValue {
  return new MovedText(v, d);
}

function shiftDuration(v: DurationValue | undefined, d: number): DurationValue | undefined {
  return v ? { ...v, range: shiftRange(v.range, d) } : undefined;
}

function shiftKeyValue(kv: KeyValue, d: number): KeyValue {
  // `scalar` (the YAML node) stays in group coordinates: no check of a file-scope reads it
  return { key: kv.key, keyRange: shiftRange(kv.keyRange, d), value: shiftText(kv.value, d) };
}

/**
 * A rule view moved by `d` in the file. Its names and ranges are moved at once; its expression,
 * durations, labels and annotations when first read: the file-scope checks, the only readers of
 * moved views, read few of them (their content is the origin's: `origin`).
 */
class MovedRule implements RuleView {
  readonly kind: RuleView['kind'];
  readonly name: string;
  readonly nameRange: Range;
  readonly range: Range;
  readonly exprView: RuleView['exprView'];
  readonly origin: RuleView;
  private movedExpr?: TextValue | null;
  private movedFor?: { v: DurationValue | undefined };
  private movedKeepFiringFor?: { v: DurationValue | undefined };
  private movedLabels?: KeyValue[];
  private movedAnnotations?: KeyValue[];

  constructor(
    private readonly from: RuleView,
    private readonly d: number,
  ) {
    this.kind = from.kind;
    this.name = from.name;
    this.nameRange = shiftRange(from.nameRange, d);
    this.range = shiftRange(from.range, d);
    this.exprView = from.exprView;
    this.origin = from.origin ?? from;
  }

  get expr(): TextValue | null {
    if (this.movedExpr === undefined) this.movedExpr = this.from.expr ? shiftText(this.from.expr, this.d) : null;
    return this.movedExpr;
  }

  get for(): DurationValue | undefined {
    return (this.movedFor ??= { v: shiftDuration(this.from.for, this.d) }).v;
  }

  get keepFiringFor(): DurationValue | undefined {
    return (this.movedKeepFiringFor ??= { v: shiftDuration(this.from.keepFiringFor, this.d) }).v;
  }

  get labels(): KeyValue[] {
    return (this.movedLabels ??= this.from.labels.map((kv) => shiftKeyValue(kv, this.d)));
  }

  get annotations(): KeyValue[] {
    return (this.movedAnnotations ??= this.from.annotations.map((kv) => shiftKeyValue(kv, this.d)));
  }
}

/** `r` moved by `d` in the file (exported for tests) */
export function shiftRule(r: RuleView, d: number): RuleView {
  return new MovedRule(r, d);
}

/** the part in file coordinates: offsets shifted by `d`, its rules' graph entries in group `groupIndex` */
function shiftPart(p: GroupPart, d: number, groupIndex: number): Moved['part'] {
  if (d === 0) return groupIndex === 0 ? p : { ...p, entries: p.entries.map((e) => ({ ...e, groupIndex })) };
  const g = p.group;
  return {
    diagnostics: p.diagnostics.map((x) => shiftDiagnostic(x, d)),
    group: g ? { ...g, nameRange: shiftRange(g.nameRange, d), range: shiftRange(g.range, d), interval: shiftDuration(g.interval, d), rules: g.rules.map((r) => shiftRule(r, d)) } : undefined,
    nameSite: p.nameSite ? { name: p.nameSite.name, at: shiftRange(p.nameSite.at, d), first: shiftRange(p.nameSite.first, d) } : undefined,
    identities: p.identities.map((r) => ({ ...r, at: shiftRange(r.at, d) })),
    entries: p.entries.map((e) => ({ ...e, groupIndex, nameRange: shiftRange(e.nameRange, d), uses: e.uses.map((u) => ({ ...u, range: shiftRange(u.range, d) })) })),
    alerts: p.alerts.map((a) => ({ name: a.name, range: shiftRange(a.range, d) })),
    recorded: p.recorded.map((a) => ({ name: a.name, range: shiftRange(a.range, d) })),
    yamlError: p.yamlError,
  };
}

/** the part moved by `delta`, as group `groupIndex`: one of the last two made, else made now */
function movedPart(part: GroupPart, delta: number, groupIndex: number): Moved['part'] {
  const m = part.moved;
  if (m && m.delta === delta && m.groupIndex === groupIndex) return m.part;
  const b = part.movedBefore;
  if (b && b.delta === delta && b.groupIndex === groupIndex) {
    part.movedBefore = m;
    part.moved = b;
    return b.part;
  }
  part.movedBefore = m;
  part.moved = { delta, groupIndex, part: shiftPart(part, delta, groupIndex) };
  return part.moved.part;
}

/** the name of the group that `confined` puts after a group's text */
const SENTINEL = 'promscope-incremental-sentinel';

/**
 * Whether the YAML errors of a group's one-group text (`prefix`, the file's `groups:` line, and
 * the group's text `body`) stay in the group: followed by another group, the text parses to the
 * same YAML diagnostics, and the group that follows is read as a group of its own, where it
 * stands, named as written. A construct the error leaves open (a quote, a flow collection) would
 * take the next group in.
 */
function confined(prefix: string, body: string, yamlLimits: Partial<YamlLimits> | undefined): boolean {
  const nl = prefix.endsWith('\r\n') ? '\r\n' : '\n';
  const mini = prefix + body;
  const indent = /^ */.exec(body)![0];
  const head = mini.endsWith('\n') ? mini : mini + nl;
  const followed = `${head}${indent}- name: ${SENTINEL}${nl}`;
  const alone = parseYaml(mini, { limits: yamlLimits });
  const withNext = parseYaml(followed, { limits: yamlLimits });
  const key = (ds: readonly Diagnostic[]) => JSON.stringify(ds.filter((d) => d.code.startsWith('yaml/')).map((d) => [d.code, d.severity, d.range.start, d.range.end, d.message]));
  if (key(alone.diagnostics) !== key(withNext.diagnostics)) return false;
  const root = withNext.documents[0]?.root;
  if (withNext.documents.length !== 1 || root?.kind !== 'map' || root.pairs.length !== 1) return false;
  const groups = root.pairs[0]!.value;
  if (groups.kind !== 'seq') return false;
  const next = groups.items[groups.items.length - 1];
  if (next?.kind !== 'map' || next.range.start !== head.length + indent.length + 2 || next.pairs.length !== 1) return false;
  const name = next.pairs[0]!;
  return name.key.kind === 'scalar' && name.key.value === 'name' && name.value.kind === 'scalar' && name.value.value === SENTINEL;
}

/** a YAML message that names a line (`... already defined at line 3`): of the one-group text, not the file */
const NAMES_A_LINE = /\bline \d/;

/** One group analysed as a one-group file; why not, when its result is not the group's alone. */
function analyseGroup(mini: string, path: string, opts: AnalyzerOptions, checks: FileCheckOptions, yamlLimits: Partial<YamlLimits> | undefined): GroupPart | string {
  const r = analyzeRuleFile(mini, opts, { path, kind: 'rules', yamlLimits, skipDuplicates: true });
  let yamlError = false;
  for (const d of r.diagnostics) {
    // the template-file verdict is the whole file's
    if (d.code === 'rules/template-file') return 'template-file verdict in a group';
    if (d.code.startsWith('yaml/')) {
      if (NAMES_A_LINE.test(d.message)) return 'a YAML message that names a line';
      if (d.severity === 'error') yamlError = true;
    }
  }
  if (r.model.groups.length > 1) return 'more than one group';
  const view: RuleFileView = ruleFileView(path, mini, r.model);
  const diagnostics = r.diagnostics;
  pushAll(diagnostics, ruleFileChecksOfScope(view, 'local', checks));
  const g = r.model.groups[0];
  return {
    diagnostics,
    group: view.groups[0],
    nameSite: g ? { name: g.name, at: g.nameSite.at, first: g.nameSite.first } : undefined,
    identities: ruleIdentities(r.model),
    entries: ruleGraphEntries(view),
    alerts: r.summary.alerts,
    recorded: r.summary.recordedMetrics,
    yamlError,
  };
}

export interface IncrementalOptions {
  path: string;
  /** analyzer options (withDefaults applied) */
  opts: AnalyzerOptions;
  /** check options (intervals, settings) as the whole-file path gets them */
  checks: FileCheckOptions;
  /** everything the result depends on besides the text, as a string (options, settings, intervals) */
  key: string;
  yamlLimits?: Partial<YamlLimits>;
}

/**
 * The diagnostics (before suppressions and levels, as `analyzeFile` returns them) and summary of a
 * plain rule file, reusing the session's groups; undefined when the file is not of the plain shape.
 */
export function analyzeRuleFileIncremental(text: string, o: IncrementalOptions, session: RuleFileSession): IncrementalRuleFileResult | undefined {
  const stats = session.stats;
  stats.analysed = 0;
  stats.reused = 0;
  const fallback = (why: string) => {
    stats.fallbacks++;
    stats.last = 'whole';
    stats.lastFallback = why;
    return undefined;
  };
  if (text.length > MAX_TEXT) return fallback('large file');
  if (findHelmSyntax(text) >= 0) return fallback('Helm syntax');
  const last = session.split;
  const edit = last && splitAfterEditAt(last, text);
  const starts = edit?.starts ?? splitGroups(text);
  session.split = starts ? { text, starts } : undefined;
  if (!starts) return fallback('not a plain block rule file');
  if (starts.length < 2) return fallback('one group');
  // an edit inside one line of one group: the other groups' texts are the last run's (the same
  // strings, whose hashes the maps below know: no group's text is cut out and hashed again)
  const lastBodies = edit && last.bodies?.length === starts.length ? last.bodies : undefined;
  let edited = -1;
  const at = edit?.at ?? -1;
  if (lastBodies && at >= 0) for (let i = 0; i < starts.length && starts[i]! <= at; i++) edited = i;
  const bodies: string[] = [];
  if (session.key !== o.key) {
    session.key = o.key;
    session.parts = new Map();
    session.fileChecks = undefined;
  }
  const prefix = text.includes('\r\n') ? 'groups:\r\n' : 'groups:\n';
  const parts = new Map<string, GroupPart>();
  const moved: Moved['part'][] = [];
  let groupIndex = 0;
  let actionLine: number | undefined;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const body = lastBodies && i !== edited ? lastBodies[i]! : text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
    bodies.push(body);
    let part = parts.get(body) ?? session.parts.get(body);
    if (part) stats.reused++;
    else {
      if (ANCHOR_OR_ALIAS.test(body)) return fallback('anchor or alias');
      pollInterrupt();
      const made = analyseGroup(prefix + body, o.path, o.opts, o.checks, o.yamlLimits);
      if (typeof made === 'string') return fallback(made);
      part = made;
      stats.analysed++;
    }
    if (part.yamlError) {
      // with a YAML error, a line of the file that is a template action makes it a template file
      if ((actionLine ??= findActionLine(text)) >= 0) return fallback('YAML error in a file with template actions');
      // an error in the last group has nothing after it to take in
      if (i + 1 < starts.length && !(part.confined ??= confined(prefix, body, o.yamlLimits))) return fallback('YAML error reaching beyond its group');
    }
    parts.set(body, part);
    const delta = start - prefix.length;
    moved.push(movedPart(part, delta, groupIndex));
    if (part.group) groupIndex++;
  }
  session.parts = parts;
  if (session.split) session.split.bodies = bodies;
  pollInterrupt();

  // the file-wide parts, over every group in file coordinates
  const diagnostics: Diagnostic[] = [];
  const groups: GroupView[] = [];
  const identities: RuleIdentity[] = [];
  const entries: RuleGraphEntry[] = [];
  // the graph takes each group's entries as they are (unchanged arrays: the graph's nodes are reused)
  const graphParts: { path: string; entries: readonly RuleGraphEntry[] }[] = [];
  const summary = emptySummary(o.path, 'rules');
  const firstOfName = new Map<string, Range>();
  for (const p of moved) {
    pushAll(diagnostics, p.diagnostics);
    if (p.nameSite) {
      const first = firstOfName.get(p.nameSite.name);
      if (first) diagnostics.push(repeatedGroupName(p.nameSite.name, p.nameSite.at, first));
      else firstOfName.set(p.nameSite.name, p.nameSite.first);
    }
    if (p.group) {
      groups.push(p.group);
      pushAll(entries, p.entries);
      graphParts.push({ path: o.path, entries: p.entries });
    }
    pushAll(identities, p.identities);
    pushAll(summary.alerts, p.alerts);
    pushAll(summary.recordedMetrics, p.recorded);
  }
  pushAll(diagnostics, duplicateRulesOf(identities, lazyLines(text)));
  const file: RuleFileView = { path: o.path, text, groups };
  // the file's graph, built if a check reads it
  pushAll(diagnostics, ruleFileChecksOfScope(file, 'file', o.checks, () => buildRuleGraphFromEntries(graphParts), (session.fileChecks ??= createFileChecksMemo())));
  summary.rules = entries;
  stats.last = 'incremental';
  return { diagnostics, summary };
}
