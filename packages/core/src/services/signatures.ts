/** Parameters of a catalogue signature (`clamp(v instant-vector, min scalar, max scalar)`). */
import type { AggregatorInfo, FunctionInfo } from '../promql/functions';

export interface Param {
  /** as written in the signature: `min scalar` */
  label: string;
  /** the name part (`min`), or the type when the docs give no name */
  name: string;
}

export function functionParams(f: FunctionInfo): Param[] {
  const open = f.signature.indexOf('(');
  const close = f.signature.lastIndexOf(')');
  if (open < 0 || close <= open + 1) return [];
  const inner = f.signature.slice(open + 1, close);
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of inner) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  // `...` marks repetition of the parameter before it (Prometheus's variadic rule)
  return parts.filter((p) => p !== '...').map((label) => {
    const first = label.replace(/^\[/, '').split(/[\s=]/)[0];
    return { label, name: first || label };
  });
}

export function aggregatorParams(a: AggregatorInfo): Param[] {
  const params: Param[] = [];
  if (a.paramType) params.push({ label: `${a.paramName ?? 'param'} ${a.paramType}`, name: a.paramName ?? 'param' });
  params.push({ label: 'v instant-vector', name: 'v' });
  return params;
}

export function aggregatorSignature(a: AggregatorInfo): string {
  return `${a.name}(${aggregatorParams(a).map((p) => p.label).join(', ')})`;
}

/** A snippet with a placeholder per required parameter: `clamp(${1:v}, ${2:min}, ${3:max})`. */
export function callSnippet(name: string, params: Param[], required: number): string {
  if (params.length === 0) return `${name}()`;
  if (required === 0) return `${name}($1)`;
  const ph = params.slice(0, required).map((p, i) => `\${${i + 1}:${p.name.replace(/[$}\\]/g, '')}}`);
  return `${name}(${ph.join(', ')})`;
}
