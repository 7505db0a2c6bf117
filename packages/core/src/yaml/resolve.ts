/**
 * Value resolution of YAML scalars as Go's yaml.v3 does it when decoding into `interface{}`:
 * which plain scalars are null, bool, int, float or timestamp (yaml.v3 follows YAML 1.2's core
 * schema plus `0777`-style octals and `_` digit separators; `yes`/`no` stay strings). Quoted and
 * block scalars are always strings. Also yaml.v3's short tags (`!!str`, `!!int`...) used in its
 * `cannot unmarshal !!map into string` messages.
 */
export type GoTag = '!!str' | '!!int' | '!!float' | '!!bool' | '!!null' | '!!timestamp' | '!!binary' | '!!merge' | string;

export interface Resolved {
  tag: GoTag;
  value: string | number | boolean | null;
}

const fixed: Record<string, Resolved> = {};
for (const s of ['true', 'True', 'TRUE']) fixed[s] = { tag: '!!bool', value: true };
for (const s of ['false', 'False', 'FALSE']) fixed[s] = { tag: '!!bool', value: false };
for (const s of ['', '~', 'null', 'Null', 'NULL']) fixed[s] = { tag: '!!null', value: null };
for (const s of ['.nan', '.NaN', '.NAN']) fixed[s] = { tag: '!!float', value: NaN };
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) fixed[s] = { tag: '!!float', value: Infinity };
for (const s of ['-.inf', '-.Inf', '-.INF']) fixed[s] = { tag: '!!float', value: -Infinity };
fixed['<<'] = { tag: '!!merge', value: '<<' };

/** first characters of plain scalars that may resolve to something other than a string */
const mayResolveTable: boolean[] = [];
for (const c of '0123456789+-.~nNtTfF<') mayResolveTable[c.charCodeAt(0)] = true;

/** whether a plain scalar starting with char code `c` may resolve to something other than a string */
export function mayResolve(c: number): boolean {
  return mayResolveTable[c] === true;
}

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const goInt = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/;
const timestamp = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

function parseGoInt(s: string): number | undefined {
  if (!goInt.test(s)) return undefined;
  let neg = false;
  let body = s;
  if (body[0] === '+' || body[0] === '-') {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body[0] === '0') v = parseInt(body.slice(1), 8);
  else v = parseInt(body, 10);
  return neg ? -v : v;
}

function mayEndNumber(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 95 || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 90;
}

/** resolves a scalar's decoded text given its explicit tag (if any) and whether it was plain */
export function resolveScalar(text: string, plain: boolean, explicitTag?: string): Resolved {
  const tag = shortTag(explicitTag);
  if (tag === '!!str' || tag === '!!binary') return { tag, value: text };
  if (tag !== undefined && tag !== '!' && !['!!int', '!!float', '!!bool', '!!null', '!!timestamp'].includes(tag)) {
    return { tag, value: text };
  }
  if (!plain && tag === undefined) return { tag: '!!str', value: text };
  if (tag === undefined && text.length > 0 && !mayResolve(text.charCodeAt(0))) return { tag: '!!str', value: text };
  // the non-specific tag `!`: a string, but one that would be null untagged is null for yaml.v3
  // (its Node.ShortTag resolves it as untagged: `groups: !` loads); yaml.v2's decoders, which read
  // it as a string whatever it holds, look at the tag itself (nodes.ts isNullV2)
  if (tag === '!') return plain && (text === '' || fixed[text]?.tag === '!!null') ? { tag: '!!null', value: null } : { tag: '!!str', value: text };
  const f = fixed[text];
  if (f) return f;
  const c = text.charCodeAt(0);
  const digitOrSign = (c >= 48 && c <= 57) || c === 43 || c === 45;
  if (text[0] === '.') {
    if (yamlStyleFloat.test(text)) return { tag: '!!float', value: Number(text) };
  } else if (digitOrSign) {
    // every timestamp, int and float ends in a digit, `.`, `_` (dropped), a hex digit or `Z`: `5m`, `1h`... are strings
    if (!mayEndNumber(text.charCodeAt(text.length - 1))) return { tag: '!!str', value: text };
    if (timestamp.test(text) && (tag === undefined || tag === '!!timestamp')) return { tag: '!!timestamp', value: text };
    const plainDigits = text.replace(/_/g, '');
    const i = parseGoInt(plainDigits);
    if (i !== undefined) return { tag: '!!int', value: i };
    if (yamlStyleFloat.test(plainDigits)) return { tag: '!!float', value: Number(plainDigits) };
  }
  return { tag: '!!str', value: text };
}

/** yaml.v3's short form of a tag: `tag:yaml.org,2002:str` → `!!str` */
export function shortTag(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const long = 'tag:yaml.org,2002:';
  if (tag.startsWith(long)) return '!!' + tag.slice(long.length);
  return tag;
}
