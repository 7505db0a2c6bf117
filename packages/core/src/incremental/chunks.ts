/**
 * One rule file on several threads (the CLI's big files). `ruleFileChunks` cuts a plain block rule
 * file's groups into contiguous ranges; `analyzeRuleFileChunk` (on any thread) analyses one range
 * as a rule file of its own — the file's text with the groups before the range made comments (same
 * offsets, same lines, nothing to shift) and the text after it cut off — and returns its groups'
 * parts as plain data (they cross threads as JSON); `combineRuleFileChunks` runs the file-wide
 * parts over all chunks' parts (incremental/rule-file.ts: repeated group names, duplicate rules,
 * the file-scope checks, the file's rule graph). The result is the whole-file path's
 * (test/incremental/chunks.test.ts holds it to that on the corpus).
 *
 * A chunk declines (the caller analyses the file whole) on an anchor or alias, a YAML error or
 * Helm syntax: the same shapes the editor's group-wise path declines.
 */
import { ruleFileChecksOfScope } from '../checks/for-file';
import type { GroupView, TextValue } from '../checks/model';
import { ruleFileView } from '../checks/model-from-rules';
import type { Range } from '../diagnostics/types';
import { ruleGraphEntries, type RuleGraphEntry } from '../graph/build';
import { findHelmSyntax } from '../rules/helm';
import { ruleIdentities } from '../rules/duplicates';
import { analyzeRuleFile } from '../rules/file';
import { pushAll } from '../text/arrays';
import { ANCHOR_OR_ALIAS, combineGroupParts, splitGroups, type GroupPart, type IncrementalOptions, type IncrementalRuleFileResult } from './rule-file';

export interface RuleFileChunk {
  /** the chunk's groups: from the start of the first to the start of the next chunk's (or the end) */
  start: number;
  end: number;
  /** where the file's first group starts (what precedes it, `groups:` and comments, is every chunk's head) */
  head: number;
}

/** A group's part as plain data: its group view without source maps, YAML nodes or annotations. */
export type PlainGroupPart = Omit<GroupPart, 'moved'>;

/**
 * The group items of `text` cut into at most `n` ranges of about equal size, or undefined when the
 * file is not a plain block rule file of at least two groups (or larger than `maxBytes`, where the
 * whole-file path reports the YAML size limit).
 */
export function ruleFileChunks(text: string, n: number, maxBytes: number): RuleFileChunk[] | undefined {
  if (n < 2 || text.length > maxBytes || findHelmSyntax(text) >= 0) return undefined;
  const starts = splitGroups(text);
  if (!starts || starts.length < 2) return undefined;
  // cut before the group start nearest to each k/n of the groups' text
  const first = starts[0]!;
  const size = (text.length - first) / n;
  const out: RuleFileChunk[] = [];
  let from = first;
  let i = 1;
  for (let k = 1; k < n && i < starts.length; k++) {
    const target = first + k * size;
    while (i + 1 < starts.length && Math.abs(starts[i + 1]! - target) <= Math.abs(starts[i]! - target)) i++;
    out.push({ start: from, end: starts[i]!, head: first });
    from = starts[i]!;
    i++;
  }
  out.push({ start: from, end: text.length, head: first });
  return out;
}

/**
 * Every line made a comment (its first character replaced by `#`): the same offsets and lines, no
 * YAML content, and a scan that skips each line with one search for its end.
 */
function commentOut(s: string): string {
  return s.replace(/^[^\r\n]/gm, '#');
}

/**
 * The parts of the groups in `chunk` (file offsets), or why the chunk declines. The chunk is
 * analysed as the file's head (`groups:` and what precedes the first group), the groups before it
 * made comment lines, and its own text.
 */
export function analyzeRuleFileChunk(text: string, chunk: RuleFileChunk, o: Omit<IncrementalOptions, 'key'>): PlainGroupPart[] | string {
  const { head, start, end } = chunk;
  if (!(head <= start && start < end && end <= text.length)) return 'not a chunk of this file';
  const own = text.slice(start, end);
  if (ANCHOR_OR_ALIAS.test(own)) return 'anchor or alias';
  const mini = text.slice(0, head) + commentOut(text.slice(head, start)) + own;
  const r = analyzeRuleFile(mini, o.opts, { path: o.path, kind: 'rules', yamlLimits: o.yamlLimits, skipDuplicates: true, skipRepeatedGroupNames: true });
  for (const d of r.diagnostics) if ((d.severity === 'error' && d.code.startsWith('yaml/')) || d.code === 'rules/template-file') return 'YAML error in a group';
  const view = ruleFileView(o.path, mini, r.model);
  const diagnostics = r.diagnostics;
  pushAll(diagnostics, ruleFileChecksOfScope(view, 'local', o.checks));
  const byGroup: RuleGraphEntry[][] = r.model.groups.map(() => []);
  for (const e of ruleGraphEntries(view)) byGroup[e.groupIndex]!.push(e);
  const parts: PlainGroupPart[] = r.model.groups.map((g, k) => ({
    diagnostics: [],
    group: plainGroup(view.groups[k]!),
    nameSite: { name: g.name, at: g.nameSite.at, first: g.nameSite.first },
    identities: [],
    entries: byGroup[k]!,
    alerts: [],
    recorded: [],
  }));
  // what is not per group rides on the first part (the file-wide parts keep file order)
  const lead: PlainGroupPart = parts[0] ?? { diagnostics: [], identities: [], entries: [], alerts: [], recorded: [] };
  if (parts.length === 0) parts.push(lead);
  lead.diagnostics = diagnostics;
  lead.identities = ruleIdentities(r.model);
  lead.alerts = r.summary.alerts;
  lead.recorded = r.summary.recordedMetrics;
  return parts;
}

/** The file's result from all its chunks' parts, in file order. */
export function combineRuleFileChunks(text: string, chunks: readonly (readonly PlainGroupPart[])[], o: Pick<IncrementalOptions, 'path' | 'checks'>): IncrementalRuleFileResult {
  const parts: Omit<GroupPart, 'moved'>[] = [];
  let groupIndex = 0;
  for (const chunk of chunks) {
    for (const p of chunk) {
      const part = revive(p);
      // the graph entries count groups from the chunk's first: renumber them in the file
      parts.push(part.entries.length > 0 && part.entries[0]!.groupIndex !== groupIndex ? { ...part, entries: part.entries.map((e): RuleGraphEntry => ({ ...e, groupIndex })) } : part);
      if (part.group) groupIndex++;
    }
  }
  return combineGroupParts(text, parts, o);
}

/**
 * The group view as the file-scope checks read it (see FileContext.rules): names, ranges, kinds,
 * expression texts and labels; no source maps, expression views, YAML nodes or annotations.
 */
function plainGroup(g: GroupView): GroupView {
  const plain = (v: TextValue) => ({ value: v.value, range: v.range }) as TextValue;
  return {
    ...g,
    rules: g.rules.map((r) => ({
      kind: r.kind,
      name: r.name,
      nameRange: r.nameRange,
      range: r.range,
      expr: r.expr ? plain(r.expr) : null,
      ...(r.for ? { for: r.for } : {}),
      ...(r.keepFiringFor ? { keepFiringFor: r.keepFiringFor } : {}),
      labels: r.labels.map((kv) => ({ key: kv.key, keyRange: kv.keyRange, value: plain(kv.value) })),
      annotations: [],
    })),
  };
}

/** A plain part back as a part: its text values get source maps that say there are none. */
function revive(p: PlainGroupPart): Omit<GroupPart, 'moved'> {
  const withMaps = (v: { value: string; range: Range }): TextValue => ({ value: v.value, range: v.range, toFile: noMap, toFileRange: noMap });
  for (const r of p.group?.rules ?? []) {
    if (r.expr) r.expr = withMaps(r.expr);
    for (const kv of r.labels) kv.value = withMaps(kv.value);
  }
  return p;
}

function noMap(): never {
  throw new Error('a combined rule-file view has no source maps (file-scope checks report file ranges)');
}
