/**
 * "Strict decode": checks a YAML node against a Go struct shape the way yaml.v3 with
 * `KnownFields(true)` decodes it, reporting unknown fields and type mismatches with yaml.v3's words
 * (`field foo not found in type rulefmt.RuleGroup`, ``cannot unmarshal !!str `abc` into int``,
 * `cannot unmarshal !!map into string`). Shared by rule files, prometheus.yml and alertmanager.yml.
 *
 * The caller describes a struct as `{ goType, fields }` where each field has an `Expect`; the
 * result gives the pair of every known field for the caller's semantic checks.
 */
import type { Diagnostic, Severity } from '../diagnostics/types';
import { parsePromDuration } from './duration';
import { badMerges, effectivePairs, nodeTag } from './nodes';
import type { YMap, YNode, YPair, YScalar } from './types';

/** what a Go field of some type accepts from YAML */
export type Expect =
  /** Go `string`: any scalar (numbers/bools keep their source text); null → "" */
  | { kind: 'string' }
  /** Go int types: !!int, or !!float (truncated) */
  | { kind: 'int'; goType?: string }
  | { kind: 'float'; goType?: string }
  /** Go bool: !!bool and yaml 1.1 words (yes/no/on/off/y/n) */
  | { kind: 'bool' }
  /** Prometheus `model.Duration` (any scalar parsed with model.ParseDuration) */
  | { kind: 'duration'; allowNegative?: boolean }
  /** map with string keys and values of `values` (e.g. map[string]string) */
  | { kind: 'map'; goType: string; values?: Expect }
  /** slice of `items` */
  | { kind: 'seq'; goType: string; items?: Expect }
  /** nested struct: shape checked here, fields by the caller (decodeStruct again) */
  | { kind: 'struct'; goType: string }
  | { kind: 'any' };

export interface FieldSpec {
  expect: Expect;
}

export interface StructSpec {
  /** Go type name as yaml.v3 prints it, e.g. `rulefmt.RuleGroup` */
  goType: string;
  fields: Record<string, FieldSpec>;
}

export interface StrictOptions {
  /** diagnostic code for type mismatches and unknown fields (e.g. `rules/schema`) */
  code: string;
  /** the Go library that decodes the file (`mapKeyString`): yaml.v3 (rule files, the default) or yaml.v2 (promtool's unit-test files) */
  lib?: GoYaml;
  /**
   * decides about a field the spec does not know: return a diagnostic to report instead of the
   * default, `null` to accept the field silently, `undefined` for yaml.v3's default error
   */
  onUnknown?: (pair: YPair) => Diagnostic | null | undefined;
}

export interface DecodedStruct {
  /** the mapping (null when the node was null or not a mapping) */
  map: YMap | null;
  /** known fields that are present (after `<<` merges) */
  fields: Record<string, YPair | undefined>;
  diagnostics: Diagnostic[];
}

function diag(code: string, n: { range: { start: number; end: number } }, message: string, severity: Severity = 'error'): Diagnostic {
  return { code, severity, range: { start: n.range.start, end: n.range.end }, message };
}

/** the Go YAML library that decodes a file: gopkg.in/yaml.v3 (rule files) or yaml.v2 (configurations, unit-test files) */
export type GoYaml = 'v2' | 'v3';

/** `mapKeyString`'s answer for a key that sets nothing (one object: a key is read for every field of every rule) */
export const SKIP_KEY: { readonly skip: true } = Object.freeze({ skip: true });

/**
 * What a mapping key decodes to as a Go string (a struct field's name, the key of a
 * `map[string]...`): its text; for a null key (`~`, `null`, nothing before the `:`), nothing at all
 * under yaml.v3 (`SKIP_KEY`: its decoder leaves a string unset and skips the pair, value unchecked;
 * `&name:` is an anchored null key) and the empty string under yaml.v2; for a collection key,
 * yaml's "cannot unmarshal" error (the pair is skipped).
 */
export function mapKeyString(key: YScalar, lib: GoYaml): string | typeof SKIP_KEY | { error: string } {
  const tag = key.goTag;
  if (tag === '!!null') return lib === 'v3' ? SKIP_KEY : '';
  if (tag === '!!map' || tag === '!!seq') return { error: unmarshalError(key, 'string') };
  return key.text;
}

/** yaml.v3's "cannot unmarshal" message for `n` into Go type `goType` */
export function unmarshalError(n: YNode, goType: string): string {
  const tag = nodeTag(n);
  // (a scalar tagged as a collection shows no value either: `!!map` over nothing)
  if (n.kind !== 'scalar' || tag === '!!map' || tag === '!!seq') return `cannot unmarshal ${tag} into ${goType}`;
  const v = n.text.length > 10 ? n.text.slice(0, 7) + '...' : n.text;
  return `cannot unmarshal ${tag} \`${v}\` into ${goType}`;
}

/** checks one value against what its Go field accepts; returns the problems (at most a few) */
export function checkValue(n: YNode, expect: Expect, code: string, lib: GoYaml = 'v3'): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkValueInto(n, expect, code, out, lib);
  return out;
}

/** `checkValue`, appending the problems to `out` (no list per value: this runs for every field of every rule) */
function checkValueInto(n: YNode, expect: Expect, code: string, out: Diagnostic[], lib: GoYaml): void {
  if (n.kind === 'scalar' && n.goTag === '!!null') return; // null leaves any Go field at its zero value
  switch (expect.kind) {
    case 'any':
      return;
    case 'string':
      if (n.kind !== 'scalar') out.push(diag(code, n, unmarshalError(n, 'string')));
      return;
    case 'duration': {
      if (n.kind !== 'scalar') {
        out.push(diag(code, n, unmarshalError(n, 'string')));
        return;
      }
      const neg = expect.allowNegative && n.text.startsWith('-');
      const r = parsePromDuration(neg ? n.text.slice(1) : n.text);
      if (!r.ok) out.push(diag(code, n, r.message));
      return;
    }
    case 'int': {
      const t = expect.goType ?? 'int';
      // Go: any int64/uint64 that fits, or a float up to MaxInt64 (truncated)
      if (n.kind === 'scalar' && (n.goTag === '!!int' || n.goTag === '!!float') && typeof n.value === 'number' && Math.abs(n.value) <= 9223372036854775807) return;
      out.push(diag(code, n, unmarshalError(n, t)));
      return;
    }
    case 'float': {
      if (n.kind === 'scalar' && (n.goTag === '!!int' || n.goTag === '!!float')) return;
      out.push(diag(code, n, unmarshalError(n, expect.goType ?? 'float64')));
      return;
    }
    case 'bool': {
      if (n.kind === 'scalar' && (n.goTag === '!!bool' || /^(y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/.test(n.text))) return;
      out.push(diag(code, n, unmarshalError(n, 'bool')));
      return;
    }
    case 'map': {
      if (n.kind !== 'map') {
        out.push(diag(code, n, unmarshalError(n, expect.goType)));
        return;
      }
      const merges = hasMergeKey(n);
      if (merges) for (const p of badMerges(n)) out.push(diag(code, p.value, 'map merge requires map or sequence of maps as the value'));
      // without a `<<` key the effective pairs are the pairs
      const pairs = merges ? effectivePairs(n) : n.pairs;
      for (let i = 0; i < pairs.length; i++) {
        const key = mapKeyString(pairs[i].key, lib);
        if (typeof key === 'string') {
          if (expect.values) checkValueInto(pairs[i].value, expect.values, code, out, lib);
        } else if ('error' in key) out.push(diag(code, pairs[i].key, key.error));
      }
      return;
    }
    case 'seq': {
      if (n.kind !== 'seq') {
        out.push(diag(code, n, unmarshalError(n, expect.goType)));
        return;
      }
      if (expect.items) for (let i = 0; i < n.items.length; i++) checkValueInto(n.items[i], expect.items, code, out, lib);
      return;
    }
    case 'struct':
      if (n.kind !== 'map') out.push(diag(code, n, unmarshalError(n, expect.goType)));
      return;
  }
}

/** whether a mapping has a `<<` key (the only way it can have bad merges) */
function hasMergeKey(n: YMap): boolean {
  const pairs = n.pairs;
  for (let i = 0; i < pairs.length; i++) if (pairs[i].key.text === '<<') return true;
  return false;
}

/**
 * Decodes a mapping into a struct shape: unknown fields (yaml.v3 `KnownFields(true)` wording),
 * per-field type checks, and the pairs of known fields.
 */
export function decodeStruct(n: YNode, spec: StructSpec, opts: StrictOptions): DecodedStruct {
  const fields: Record<string, YPair | undefined> = {};
  const diagnostics: Diagnostic[] = [];
  if (n.kind === 'scalar' && n.goTag === '!!null') return { map: null, fields, diagnostics };
  if (n.kind !== 'map') {
    diagnostics.push(diag(opts.code, n, unmarshalError(n, spec.goType)));
    return { map: null, fields, diagnostics };
  }
  const merges = hasMergeKey(n);
  if (merges) for (const p of badMerges(n)) diagnostics.push(diag(opts.code, p.value, 'map merge requires map or sequence of maps as the value'));
  const pairs = merges ? effectivePairs(n) : n.pairs;
  const lib = opts.lib ?? 'v3';
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const name = mapKeyString(pair.key, lib);
    if (typeof name !== 'string') {
      if ('error' in name) diagnostics.push(diag(opts.code, pair.key, name.error));
      continue;
    }
    const f = Object.prototype.hasOwnProperty.call(spec.fields, name) ? spec.fields[name] : undefined;
    if (!f) {
      const custom = opts.onUnknown?.(pair);
      if (custom === null) continue;
      diagnostics.push(custom ?? diag(opts.code, pair.key, `field ${name} not found in type ${spec.goType}`));
      continue;
    }
    if (fields[name]) continue; // duplicate keys are reported by the YAML layer
    fields[name] = pair;
    checkValueInto(pair.value, f.expect, opts.code, diagnostics, lib);
  }
  return { map: n, fields, diagnostics };
}
