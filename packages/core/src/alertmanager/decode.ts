/**
 * Strict decoding of alertmanager.yml nodes into Alertmanager's Go types, the way
 * `yaml.UnmarshalStrict` (gopkg.in/yaml.v2) does it: unknown fields (`field x not found in type
 * config.plain`), type mismatches (``cannot unmarshal !!str `abc` into bool``) and the leaf types'
 * own parse errors (URLs, durations, host:port). The result is a light value tree that keeps the
 * YAML node of every value, for the semantic checks that follow.
 */
import type { Diagnostic, Range, Severity } from '../diagnostics/types';
import { parsePromDuration } from '../yaml/duration';
import { badMerges, effectivePairs, isNullV2 } from '../yaml/nodes';
import { mapKeyString, unmarshalError } from '../yaml/strict';
import type { YNode, YPair, YScalar } from '../yaml/types';
import { amParseURL, goLoadLocation, goParseDuration, goSplitHostPort } from './go-values';

export type LeafType =
  | 'string'
  | 'bool'
  | 'int'
  | 'int64'
  | 'uint64'
  | 'float64'
  /** model.Duration */
  | 'duration'
  /** time.Duration (yaml.v2: time.ParseDuration or an integer of nanoseconds) */
  | 'goduration'
  /** a TextUnmarshaler over time.ParseDuration (pushover's `duration`) */
  | 'textduration'
  /** config/common.URL */
  | 'url'
  /** config/common.SecretURL (`<secret>` or a URL) */
  | 'secreturl'
  /** config/common.SecretTemplateURL (a URL unless it contains `{{`) */
  | 'templateurl'
  | 'hostport'
  | 'location'
  | 'any';

export interface StructDef {
  /** type name as yaml.v2 prints it (`config.plain` for types decoded through `type plain`) */
  go: string;
  fields: Record<string, FieldType>;
  /** a plain string is accepted too and stored in this field (jira's `summary: "text"`) */
  scalarField?: string;
}

export type FieldType = LeafType | { list: FieldType; go: string } | { map: FieldType; go: string } | StructDef;

export interface DObj {
  kind: 'obj';
  node: YNode;
  pairs: Record<string, YPair>;
  f: Record<string, DValue | undefined>;
}
export interface DList {
  kind: 'list';
  node: YNode;
  items: { value: DValue | undefined; node: YNode }[];
}
export interface DMap {
  kind: 'map';
  node: YNode;
  entries: { key: string; keyNode: YScalar; value: DValue | undefined; node: YNode }[];
}
export type DValue = string | number | boolean | null | DObj | DList | DMap;

export const SCHEMA_CODE = 'alertmanager/schema';

export interface DecodeContext {
  diagnostics: Diagnostic[];
  /** `{{ ... }}` syntax check for templated URLs: an error message, or undefined when fine */
  templateError?(text: string): string | undefined;
}

export function report(ctx: DecodeContext, at: { range: Range } | Range, message: string, severity: Severity = 'error', code = SCHEMA_CODE): void {
  const range = 'range' in at ? at.range : at;
  ctx.diagnostics.push({ code, severity, range: { start: range.start, end: range.end }, message });
}

function isStruct(t: FieldType): t is StructDef {
  return typeof t === 'object' && 'fields' in t;
}

const V2_TRUE = /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const V2_FALSE = /^(n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/;

/** decodes a node; `undefined` when it is null (Go zero value) or could not be decoded (reported) */
export function decode(n: YNode, t: FieldType, ctx: DecodeContext): DValue | undefined {
  if (isNullV2(n)) return undefined;
  if (typeof t === 'string') return decodeLeaf(n, t, ctx);
  if (isStruct(t)) return decodeStruct(n, t, ctx);
  if ('list' in t) {
    if (n.kind !== 'seq') {
      report(ctx, n, unmarshalError(n, t.go));
      return undefined;
    }
    return { kind: 'list', node: n, items: n.items.map((it) => ({ value: decode(it, t.list, ctx), node: it })) };
  }
  if (n.kind !== 'map') {
    report(ctx, n, unmarshalError(n, t.go));
    return undefined;
  }
  for (const p of badMerges(n)) report(ctx, p.value, 'map merge requires map or sequence of maps as the value');
  const entries: DMap['entries'] = [];
  for (const p of effectivePairs(n)) {
    const key = mapKeyString(p.key, 'v2');
    if (typeof key === 'string') entries.push({ key, keyNode: p.key, value: decode(p.value, t.map, ctx), node: p.value });
    else if ('error' in key) report(ctx, p.key, key.error);
  }
  return { kind: 'map', node: n, entries };
}

function decodeStruct(n: YNode, t: StructDef, ctx: DecodeContext): DObj | undefined {
  if (n.kind === 'scalar' && t.scalarField) return { kind: 'obj', node: n, pairs: {}, f: { [t.scalarField]: n.text } };
  if (n.kind !== 'map') {
    report(ctx, n, unmarshalError(n, t.go));
    return undefined;
  }
  for (const p of badMerges(n)) report(ctx, p.value, 'map merge requires map or sequence of maps as the value');
  const obj: DObj = { kind: 'obj', node: n, pairs: {}, f: {} };
  for (const p of effectivePairs(n)) {
    const name = mapKeyString(p.key, 'v2');
    if (typeof name !== 'string') {
      if ('error' in name) report(ctx, p.key, name.error);
      continue;
    }
    const ft = Object.prototype.hasOwnProperty.call(t.fields, name) ? t.fields[name] : undefined;
    if (ft === undefined) {
      report(ctx, p.key, `field ${name} not found in type ${t.go}`);
      continue;
    }
    if (obj.pairs[name]) continue; // duplicate key: reported by the YAML layer
    obj.pairs[name] = p;
    obj.f[name] = decode(p.value, ft, ctx);
  }
  return obj;
}

function decodeLeaf(n: YNode, t: LeafType, ctx: DecodeContext): DValue | undefined {
  if (t === 'any') return n.kind === 'scalar' ? n.value : null;
  const goName: Record<LeafType, string> = {
    string: 'string',
    bool: 'bool',
    int: 'int',
    int64: 'int64',
    uint64: 'uint64',
    float64: 'float64',
    duration: 'string',
    goduration: 'time.Duration',
    textduration: 'string',
    url: 'string',
    secreturl: 'string',
    templateurl: 'config.plain',
    hostport: 'string',
    location: 'string',
    any: 'interface {}',
  };
  if (n.kind !== 'scalar') {
    report(ctx, n, unmarshalError(n, goName[t]));
    return undefined;
  }
  const text = n.text;
  switch (t) {
    case 'string':
      return text;
    case 'bool': {
      if (n.goTag === '!!bool' || (n.style === 'plain' && (V2_TRUE.test(text) || V2_FALSE.test(text)))) return V2_TRUE.test(text);
      report(ctx, n, unmarshalError(n, 'bool'));
      return undefined;
    }
    case 'int':
    case 'int64':
    case 'uint64': {
      if ((n.goTag === '!!int' || n.goTag === '!!float') && typeof n.value === 'number' && Number.isFinite(n.value) && !(t === 'uint64' && n.value < 0)) return Math.trunc(n.value);
      report(ctx, n, unmarshalError(n, goName[t]));
      return undefined;
    }
    case 'float64': {
      if ((n.goTag === '!!int' || n.goTag === '!!float') && typeof n.value === 'number') return n.value;
      report(ctx, n, unmarshalError(n, 'float64'));
      return undefined;
    }
    case 'duration': {
      const r = parsePromDuration(text);
      if (r.ok) return r.ms;
      report(ctx, n, r.message);
      return undefined;
    }
    case 'goduration': {
      if (n.goTag === '!!int' && typeof n.value === 'number') return n.value / 1e6;
      const r = goParseDuration(text);
      if (r.ok) return r.value;
      report(ctx, n, unmarshalError(n, 'time.Duration'));
      return undefined;
    }
    case 'textduration': {
      if (n.goTag === '!!int' && typeof n.value === 'number') return n.value / 1e6;
      const r = goParseDuration(text);
      if (r.ok) return r.value;
      report(ctx, n, r.message);
      return undefined;
    }
    case 'url': {
      const r = amParseURL(text);
      if (r.ok) return text;
      report(ctx, n, r.message);
      return undefined;
    }
    case 'secreturl': {
      if (text === '<secret>') return text;
      const r = amParseURL(text);
      if (r.ok) return text;
      report(ctx, n, r.message);
      return undefined;
    }
    case 'templateurl': {
      if (text === '' || text === '<secret>') return text;
      if (text.includes('{{')) {
        const err = ctx.templateError?.(text);
        if (err !== undefined) report(ctx, n, `invalid template syntax: ${err}`);
        return text;
      }
      const r = amParseURL(text);
      if (!r.ok) report(ctx, n, `invalid URL: ${r.message}`);
      return text;
    }
    case 'hostport': {
      if (text === '') return text;
      const r = goSplitHostPort(text);
      if (!r.ok) {
        report(ctx, n, r.message);
        return undefined;
      }
      if (r.value.port === '') {
        report(ctx, n, `address ${JSON.stringify(text)}: port cannot be empty`);
        return undefined;
      }
      return text;
    }
    case 'location': {
      const r = goLoadLocation(text);
      if (!r.ok) report(ctx, n, r.message);
      return text;
    }
  }
  return undefined;
}

// ---- accessors used by the semantic checks ------------------------------------------------

export function fStr(o: DObj | undefined, name: string): string {
  const v = o?.f[name];
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
export function fBool(o: DObj | undefined, name: string): boolean {
  return o?.f[name] === true;
}
export function fNum(o: DObj | undefined, name: string): number | undefined {
  const v = o?.f[name];
  return typeof v === 'number' ? v : undefined;
}
export function fObj(o: DObj | undefined, name: string): DObj | undefined {
  const v = o?.f[name];
  return v && typeof v === 'object' && v.kind === 'obj' ? v : undefined;
}
export function fList(o: DObj | undefined, name: string): DList | undefined {
  const v = o?.f[name];
  return v && typeof v === 'object' && v.kind === 'list' ? v : undefined;
}
export function fMap(o: DObj | undefined, name: string): DMap | undefined {
  const v = o?.f[name];
  return v && typeof v === 'object' && v.kind === 'map' ? v : undefined;
}
/** the field is present and not null (Go: a non-nil pointer / non-empty value was set) */
export function fSet(o: DObj | undefined, name: string): boolean {
  return o?.f[name] !== undefined;
}
/** where to report about a field: its key when present, else the struct */
export function keyAt(o: DObj, name: string): Range {
  return (o.pairs[name]?.key ?? o.node).range;
}
/** where to report about a field's value: the value when present, else the struct's first key */
export function valueAt(o: DObj, name: string): Range {
  const p = o.pairs[name];
  return p ? p.value.range : structHead(o);
}
/** the first key of a mapping (a short range for "this block" problems) */
export function structHead(o: DObj): Range {
  const n = o.node;
  if (n.kind === 'map' && n.pairs.length > 0) return n.pairs[0].key.range;
  return n.range;
}
