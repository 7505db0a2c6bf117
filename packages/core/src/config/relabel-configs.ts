/**
 * Turns decoded `relabel_configs` entries into the relabel model (relabel/types.ts) with
 * Prometheus's defaults and source ranges, and reports what relabel.Config's unmarshalling and
 * Validate reject (unknown action, bad regex, fields an action needs or forbids).
 */
import type { Range } from '../diagnostics/types';
import type { NameValidationScheme } from '../relabel/label-names';
import { RELABEL_ACTIONS, relabelConfig, type RelabelAction, type RelabelConfig, type RelabelField } from '../relabel/types';
import { validateRelabelConfig } from '../relabel/validate';
import { goQuote } from '../relabel/go-string';
import { fieldRange, metaOf, type GoObject } from './decode/decode';
import type { Reporter } from './common/report';

/** converts one decoded entry; reports an unknown action (which Prometheus rejects while decoding) */
export function toRelabelConfig(o: GoObject, r: Reporter): RelabelConfig {
  const meta = metaOf(o);
  let action: RelabelAction | '' = 'replace';
  if ('action' in o) {
    if (o.action === null) action = '';
    else {
      const a = String(o.action).toLowerCase();
      if ((RELABEL_ACTIONS as readonly string[]).includes(a)) action = a as RelabelAction;
      else {
        r.errorAtValue(o, 'action', `unknown relabel action ${goQuote(String(o.action))}`, 'relabel/invalid');
        action = 'replace';
      }
    }
  }
  const str = (f: string): string | undefined => (f in o ? (o[f] === null ? '' : String(o[f])) : undefined);
  const cfg = relabelConfig({
    source_labels: Array.isArray(o.source_labels) ? o.source_labels.map((x) => String(x ?? '')) : undefined,
    separator: str('separator'),
    regex: str('regex'),
    modulus: typeof o.modulus === 'number' ? o.modulus : undefined,
    target_label: str('target_label'),
    replacement: str('replacement'),
    action,
  });
  if ('source_labels' in o && o.source_labels === null) cfg.sourceLabels = null;
  const ranges: Partial<Record<RelabelField, Range>> = {};
  for (const f of ['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action'] as RelabelField[]) {
    const v = meta?.values[f];
    const k = meta?.keys[f];
    if (k && v) ranges[f] = { start: k.range.start, end: v.range.end };
  }
  cfg.ranges = ranges;
  cfg.range = meta?.node.range;
  return cfg;
}

/** where to report a problem about `field` of a relabel entry */
export function relabelFieldRange(cfg: RelabelConfig, field: RelabelField | null, fallback?: Range): Range {
  const valueOf = (f: RelabelField) => cfg.ranges?.[f];
  return (field && valueOf(field)) || cfg.range || fallback || { start: 0, end: 0 };
}

/**
 * Decodes and validates a relabel list. `nullMessage` is Prometheus's error for a null entry
 * (it differs per list). Returns the configs (null entries skipped).
 */
export function checkRelabelList(
  list: unknown,
  owner: GoObject,
  field: string,
  nullMessage: string,
  scheme: NameValidationScheme,
  r: Reporter,
): RelabelConfig[] {
  if (!Array.isArray(list)) return [];
  const items = metaOf(list)?.items ?? [];
  const out: RelabelConfig[] = [];
  list.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      const at = items[i]?.range ?? fieldRange(owner, field) ?? { start: 0, end: 0 };
      const node = items[i];
      if (item === null && (!node || (node.kind === 'scalar' && node.goTag === '!!null'))) r.push('error', 'relabel/invalid', at, nullMessage);
      return;
    }
    const cfg = toRelabelConfig(item as GoObject, r);
    const p = validateRelabelConfig(cfg, scheme);
    if (p) r.push('error', 'relabel/invalid', relabelFieldRange(cfg, p.field, items[i]?.range), p.message);
    out.push(cfg);
  });
  return out;
}
