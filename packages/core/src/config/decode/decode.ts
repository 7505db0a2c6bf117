/**
 * Strict decoding of YAML nodes into Go-shaped values, as yaml.v2's `UnmarshalStrict` does for
 * Prometheus's config structs: unknown and repeated fields, type mismatches and leaf-type parse
 * errors become `config/schema` errors at the offending node, worded as Prometheus prints them.
 *
 * Decoded structs are plain objects holding only the fields present in the file (explicit YAML
 * nulls decode to `null`); `metaOf(obj)` gives the nodes each field came from, for placing later
 * cross-field errors.
 */
import type { Diagnostic, Range } from '../../diagnostics/types';
import { parsePromDuration } from '../../yaml/duration';
import { badMerges, effectivePairs, isNullV2 } from '../../yaml/nodes';
import { mapKeyString } from '../../yaml/strict';
import type { YMap, YNode, YScalar } from '../../yaml/types';
import { goQuote } from '../../relabel/go-string';
import { isValidLabelName, type NameValidationScheme } from '../../relabel/label-names';
import type { GoKind, StructSchema } from './schema';
import { goStringOf, parseBase2Bytes, parseGoURL, v2Bool, v2Tag } from './values';

export interface Meta {
  node: YNode;
  /** struct fields / map keys → key node */
  keys: Record<string, YScalar>;
  /** struct fields / map keys → value node */
  values: Record<string, YNode>;
  /** list items → nodes */
  items?: YNode[];
}

const metas = new WeakMap<object, Meta>();

export function metaOf(o: unknown): Meta | undefined {
  return o !== null && typeof o === 'object' ? metas.get(o as object) : undefined;
}

/** range of a field's key..value of a decoded struct, or of the struct itself */
export function fieldRange(o: unknown, field?: string): Range | undefined {
  const m = metaOf(o);
  if (!m) return undefined;
  if (field !== undefined) {
    const k = m.keys[field];
    const v = m.values[field];
    if (k) return { start: k.range.start, end: k.range.end };
    if (v) return v.range;
  }
  return m.node.kind === 'map' && m.node.pairs.length > 0 ? m.node.pairs[0].key.range : m.node.range;
}

/** range of a field's key when the field is present, else undefined */
export function keyRange(o: unknown, field: string): Range | undefined {
  return metaOf(o)?.keys[field]?.range;
}

/** range of a field's value node */
export function valueRange(o: unknown, field: string): Range | undefined {
  const v = metaOf(o)?.values[field];
  return v ? v.range : fieldRange(o, field);
}

export type GoValue = string | number | boolean | null | GoValue[] | GoObject;
export interface GoObject {
  [k: string]: GoValue | undefined;
}

/** explains a known mistake for an unknown field: (path of field names to the struct, field, the struct's fields) */
export type UnknownFieldHint = (path: readonly string[], field: string, known: readonly string[]) => string | undefined;
/** explains a known mistake for a value of the wrong YAML kind at `path` */
export type TypeErrorHint = (path: readonly string[], node: YNode) => string | undefined;

export class Decoder {
  readonly diagnostics: Diagnostic[] = [];
  /** field names from the root to the value being decoded (`[]` for list items) */
  private readonly path: string[] = [];
  constructor(
    private readonly hint?: UnknownFieldHint,
    private readonly typeHint?: TypeErrorHint,
    private readonly code = 'config/schema',
    /** how label names (map keys and values of Go type `LabelName`) are validated as they are decoded */
    private readonly labelNames: NameValidationScheme = 'utf8',
  ) {}

  error(range: Range, message: string, notes?: Diagnostic['notes']): void {
    this.diagnostics.push({ code: this.code, severity: 'error', range, message, ...(notes ? { notes } : {}) });
  }

  private typeError(n: YNode, into: string): void {
    let tag: string;
    let shown = '';
    if (n.kind === 'map') tag = '!!map';
    else if (n.kind === 'seq') tag = '!!seq';
    else {
      tag = n.tag ?? v2Tag(n);
      if (tag.startsWith('tag:yaml.org,2002:')) tag = '!!' + tag.slice(18);
      const v = n.text;
      // (a scalar tagged as a collection shows no value, as in yaml.v2's and v3's terror)
      if (tag !== '!!map' && tag !== '!!seq') shown = v.length > 10 ? ' `' + v.slice(0, 7) + '...`' : ' `' + v + '`';
    }
    const note = this.typeHint?.(this.path, n);
    this.error(n.range, `yaml: unmarshal errors: cannot unmarshal ${tag}${shown} into ${into}`, note ? [{ message: note }] : undefined);
  }

  /** decodes `n` as Go kind `kind`; returns undefined when it could not be decoded */
  decode(n: YNode, kind: GoKind): GoValue | undefined {
    if (n.kind === 'scalar' && n.goTag === '!!null' && n.tag === undefined) return null;
    switch (kind.k) {
      case 'any':
        return this.decodeAny(n);
      case 'string':
      case 'duration':
      case 'bytes':
      case 'url':
      case 'labelname': {
        if (n.kind !== 'scalar') {
          this.typeError(n, kind.k === 'string' && kind.go ? kind.go : 'string');
          return undefined;
        }
        const s = goStringOf(n);
        if (!s.ok) {
          this.error(n.range, s.message);
          return undefined;
        }
        return this.leaf(n, s.value, kind);
      }
      case 'bool': {
        if (n.kind !== 'scalar') return this.typeError(n, 'bool'), undefined;
        const b = v2Bool(n);
        if (b === undefined) return this.typeError(n, 'bool'), undefined;
        return b;
      }
      case 'int': {
        if (n.kind !== 'scalar') return this.typeError(n, kind.go), undefined;
        const t = n.tag === undefined ? v2Tag(n) : n.goTag;
        const v = n.value;
        if ((t !== '!!int' && t !== '!!float') || typeof v !== 'number' || !Number.isFinite(v)) return this.typeError(n, kind.go), undefined;
        if ((kind.go === 'uint' || kind.go === 'uint64') && v < 0) return this.typeError(n, kind.go), undefined;
        return Math.trunc(v);
      }
      case 'float': {
        if (n.kind !== 'scalar') return this.typeError(n, 'float64'), undefined;
        const t = n.tag === undefined ? v2Tag(n) : n.goTag;
        if ((t !== '!!int' && t !== '!!float') || typeof n.value !== 'number') return this.typeError(n, 'float64'), undefined;
        return n.value;
      }
      case 'list': {
        if (n.kind !== 'seq') return this.typeError(n, kind.go), undefined;
        const out: GoValue[] = [];
        for (const it of n.items) {
          const v = this.decode(it, kind.of);
          out.push(v === undefined ? null : v);
        }
        metas.set(out, { node: n, keys: {}, values: {}, items: n.items });
        return out;
      }
      case 'map':
        return this.decodeMap(n, kind);
      case 'struct':
        return this.decodeStruct(n, kind.s);
    }
  }

  private leaf(n: YScalar, s: string, kind: GoKind): GoValue | undefined {
    switch (kind.k) {
      case 'duration': {
        const d = parsePromDuration(s);
        if (!d.ok) return this.error(n.range, d.message), undefined;
        return d.ms;
      }
      case 'bytes': {
        const b = parseBase2Bytes(s);
        if (!b.ok) return this.error(n.range, b.message), undefined;
        return b.value;
      }
      case 'url': {
        const u = parseGoURL(s);
        if (!u.ok) return this.error(n.range, u.message), undefined;
        return s;
      }
      case 'labelname':
        if (!isValidLabelName(s, this.labelNames)) return this.error(n.range, `${goQuote(s)} is not a valid label name`), undefined;
        return s;
      default:
        return s;
    }
  }

  private decodeAny(n: YNode): GoValue {
    if (n.kind === 'scalar') return n.value as GoValue;
    if (n.kind === 'seq') return n.items.map((i) => this.decodeAny(i));
    const o: GoObject = {};
    for (const p of effectivePairs(n)) o[p.key.text] = this.decodeAny(p.value);
    return o;
  }

  private decodeMap(n: YNode, kind: Extract<GoKind, { k: 'map' }>): GoValue | undefined {
    if (n.kind !== 'map') return this.typeError(n, kind.go), undefined;
    const out: GoObject = {};
    const meta: Meta = { node: n, keys: {}, values: {} };
    this.checkMerges(n);
    for (const p of effectivePairs(n)) {
      const collection = mapKeyString(p.key, 'v2');
      if (typeof collection !== 'string' && 'error' in collection) {
        this.error(p.key.range, collection.error);
        continue;
      }
      const k = goStringOf(p.key);
      if (!k.ok) {
        this.error(p.key.range, k.message);
        continue;
      }
      // (yaml.v2 gives a null key the empty string without calling LabelName's UnmarshalYAML, which
      // validates; a tagged one, `! :`, is a string it is called for)
      if (kind.key === 'labelname' && !isNullV2(p.key) && !isValidLabelName(k.value, this.labelNames)) {
        this.error(p.key.range, `${goQuote(k.value)} is not a valid label name`);
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(out, k.value)) {
        this.error(p.key.range, `yaml: unmarshal errors: key ${goQuote(k.value)} already set in map`, firstHere(meta.keys[k.value]));
        continue;
      }
      this.path.push(k.value);
      const v = this.decode(p.value, kind.of);
      this.path.pop();
      out[k.value] = v === undefined ? null : v;
      meta.keys[k.value] = p.key;
      meta.values[k.value] = p.value;
    }
    metas.set(out, meta);
    return out;
  }

  private checkMerges(n: YMap): void {
    for (const p of badMerges(n)) this.error(p.value.range, 'yaml: map merge requires map or sequence of maps as the value');
  }

  /** decodes a mapping into a struct; unknown/repeated fields are errors worded as yaml.v2 words them */
  decodeStruct(n: YNode, s: StructSchema): GoObject | undefined {
    if (n.kind !== 'map') return this.typeError(n, s.go), undefined;
    const out: GoObject = {};
    const meta: Meta = { node: n, keys: {}, values: {} };
    this.checkMerges(n as YMap);
    for (const p of effectivePairs(n as YMap)) {
      const name = mapKeyString(p.key, 'v2');
      if (typeof name !== 'string') {
        if ('error' in name) this.error(p.key.range, name.error);
        continue;
      }
      const kind = Object.prototype.hasOwnProperty.call(s.fields, name) ? s.fields[name] : undefined;
      if (!kind) {
        const note = this.hint?.(this.path, name, Object.keys(s.fields));
        this.error(p.key.range, `field ${name} not found in type ${s.go}`, note ? [{ message: note }] : undefined);
        continue;
      }
      if (meta.keys[name]) {
        this.error(p.key.range, `field ${name} already set in type ${s.go}`, firstHere(meta.keys[name]));
        continue;
      }
      meta.keys[name] = p.key;
      meta.values[name] = p.value;
      this.path.push(name);
      const v = this.decode(p.value, kind);
      this.path.pop();
      if (v !== undefined) out[name] = v;
    }
    metas.set(out, meta);
    return out;
  }
}

function firstHere(k: YScalar | undefined): Diagnostic['notes'] {
  return k ? [{ message: 'first set here', range: k.range }] : undefined;
}
