/**
 * Small read helpers over the YAML node model, shared by every file kind: field lookup, merge-key
 * (`<<: *anchor`) expansion as yaml.v3 applies it, and the yaml.v3 names of node kinds.
 */
import type { YMap, YNode, YPair, YScalar } from './types';

/** the yaml.v3 short tag of a node, as its `cannot unmarshal X into T` messages print it */
export function nodeTag(n: YNode): string {
  if (n.kind === 'map') return '!!map';
  if (n.kind === 'seq') return '!!seq';
  return n.goTag;
}

/** null as yaml.v2 decodes it (configurations): a tag other than a null one makes a string of it */
export function isNullV2(n: YNode): boolean {
  return n.kind === 'scalar' && n.goTag === '!!null' && (n.tag === undefined || n.tag === '!!null' || n.tag === 'tag:yaml.org,2002:null');
}

export function isNull(n: YNode | undefined | null): boolean {
  return !n || (n.kind === 'scalar' && n.goTag === '!!null');
}

function isMergeKey(k: YScalar): boolean {
  return k.style === 'plain' && k.text === '<<' && k.tag === undefined;
}

/**
 * The pairs a Go decoder sees for a mapping: explicit pairs in order, then pairs merged in through
 * `<<` (a map or a sequence of maps; earlier maps win; explicit keys always win).
 */
export function effectivePairs(map: YMap): YPair[] {
  let hasMerge = false;
  const pairs = map.pairs;
  for (let i = 0; i < pairs.length; i++) if (isMergeKey(pairs[i]!.key)) hasMerge = true;
  if (!hasMerge) return pairs;
  const out: YPair[] = [];
  const seen = new Set<string>();
  const merges: YNode[] = [];
  for (const p of map.pairs) {
    if (isMergeKey(p.key)) merges.push(p.value);
    else {
      out.push(p);
      seen.add(p.key.text);
    }
  }
  const sources: YMap[] = [];
  for (const m of merges) {
    if (m.kind === 'map') sources.push(m);
    else if (m.kind === 'seq') for (const it of m.items) if (it.kind === 'map') sources.push(it);
  }
  for (const src of sources) {
    for (const p of effectivePairs(src)) {
      if (seen.has(p.key.text)) continue;
      seen.add(p.key.text);
      out.push(p);
    }
  }
  return out;
}

/** merge keys whose value is not a map or a sequence of maps (yaml.v3 refuses them) */
export function badMerges(map: YMap): YPair[] {
  return map.pairs.filter(
    (p) => isMergeKey(p.key) && !(p.value.kind === 'map' || (p.value.kind === 'seq' && p.value.items.every((i) => i.kind === 'map'))),
  );
}

/** first pair with the given key text (after merge expansion) */
export function getPair(map: YMap, key: string): YPair | undefined {
  for (const p of effectivePairs(map)) if (p.key.text === key) return p;
  return undefined;
}

/** the decoded string a Go `string` field receives from a node (null for maps/seqs, '' for null) */
export function stringValue(n: YNode | undefined): string | null {
  if (!n) return '';
  if (n.kind !== 'scalar') return null;
  return n.goTag === '!!null' ? '' : n.text;
}
