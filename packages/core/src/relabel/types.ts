/**
 * The relabel configuration model: one `relabel_configs` entry after Prometheus's defaults are
 * applied (model/relabel.DefaultRelabelConfig), plus where each field came from in the file.
 */
import type { Range } from '../diagnostics/types';

export const RELABEL_ACTIONS = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
] as const;
export type RelabelAction = (typeof RELABEL_ACTIONS)[number];

export type RelabelField = 'source_labels' | 'separator' | 'regex' | 'modulus' | 'target_label' | 'replacement' | 'action';

export interface RelabelConfig {
  /** null when `source_labels` is not set (Go: nil slice) */
  sourceLabels: string[] | null;
  separator: string;
  /** the regex as written (Prometheus anchors it as `^(?s:…)$`) */
  regex: string;
  /** true when `regex` was not set: Prometheus compares against its default regex by identity */
  regexIsDefault: boolean;
  modulus: number;
  targetLabel: string;
  replacement: string;
  /** '' when `action: null` (then validation reports "relabel action cannot be empty") */
  action: RelabelAction | '';
  /** where each set field is in the file (key..value); absent for fields left at their default */
  ranges?: Partial<Record<RelabelField, Range>>;
  /** the whole entry in the file */
  range?: Range;
}

export const DEFAULT_RELABEL = {
  separator: ';',
  regex: '(.*)',
  replacement: '$1',
  action: 'replace' as RelabelAction,
};

/** Builds a config from partial fields with Prometheus's defaults, as a YAML entry with those keys would. */
export function relabelConfig(p: {
  source_labels?: string[];
  separator?: string;
  regex?: string;
  modulus?: number;
  target_label?: string;
  replacement?: string;
  action?: RelabelAction | '';
}): RelabelConfig {
  return {
    sourceLabels: p.source_labels ?? null,
    separator: p.separator ?? DEFAULT_RELABEL.separator,
    regex: p.regex ?? DEFAULT_RELABEL.regex,
    regexIsDefault: p.regex === undefined,
    modulus: p.modulus ?? 0,
    targetLabel: p.target_label ?? '',
    replacement: p.replacement ?? DEFAULT_RELABEL.replacement,
    action: p.action ?? DEFAULT_RELABEL.action,
  };
}
