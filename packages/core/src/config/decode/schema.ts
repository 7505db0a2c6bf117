/**
 * Go type descriptions for decoding YAML the way Prometheus does (go.yaml.in/yaml/v2
 * `UnmarshalStrict` into Go structs): field names from the `yaml:"..."` tags, the Go type names
 * that appear in yaml.v2's messages (`field x not found in type config.plain`, `cannot unmarshal
 * !!str into int`), inline structs, and the leaf types Prometheus uses (model.Duration,
 * units.Base2Bytes, config.URL, model.LabelName, ...).
 */
export type GoKind =
  | { k: 'string'; go?: string }
  | { k: 'bool' }
  | { k: 'int'; go: 'int' | 'int64' | 'uint' | 'uint64' }
  | { k: 'float' }
  /** model.Duration: a string parsed by model.ParseDuration */
  | { k: 'duration' }
  /** units.Base2Bytes */
  | { k: 'bytes' }
  /** config.URL: a string parsed by url.Parse */
  | { k: 'url' }
  /** model.LabelName: a string that must be a valid label name */
  | { k: 'labelname' }
  | { k: 'list'; of: GoKind; go: string }
  | { k: 'map'; key: 'string' | 'labelname'; of: GoKind; go: string }
  | { k: 'struct'; s: StructSchema }
  /** anything (map[string]any values) */
  | { k: 'any' };

export interface StructSchema {
  /** the type name yaml.v2 prints: `config.plain` when decoded through `type plain X`, else `pkg.X` */
  go: string;
  fields: Record<string, GoKind>;
}

export const str: GoKind = { k: 'string' };
export const bool: GoKind = { k: 'bool' };
export const int: GoKind = { k: 'int', go: 'int' };
export const int64: GoKind = { k: 'int', go: 'int64' };
export const uint: GoKind = { k: 'int', go: 'uint' };
export const uint64: GoKind = { k: 'int', go: 'uint64' };
export const float: GoKind = { k: 'float' };
export const duration: GoKind = { k: 'duration' };
export const bytes: GoKind = { k: 'bytes' };
export const url: GoKind = { k: 'url' };
export const labelName: GoKind = { k: 'labelname' };
export const anyValue: GoKind = { k: 'any' };
export const strings: GoKind = { k: 'list', of: str, go: '[]string' };
export const stringMap: GoKind = { k: 'map', key: 'string', of: str, go: 'map[string]string' };
/** a Go string type with its own name (enums such as `kubernetes.Role`) */
export function named(go: string): GoKind {
  return { k: 'string', go };
}
export function struct(s: StructSchema): GoKind {
  return { k: 'struct', s };
}
export function listOf(of: GoKind, go: string): GoKind {
  return { k: 'list', of, go };
}
/** builds a struct schema; `inline` schemas contribute their fields (Go `yaml:",inline"`) */
export function schema(go: string, fields: Record<string, GoKind>, ...inline: StructSchema[]): StructSchema {
  const all: Record<string, GoKind> = {};
  for (const s of inline) Object.assign(all, s.fields);
  Object.assign(all, fields);
  return { go, fields: all };
}
