/**
 * Parses the text of a `.promscope.yml` into a typed ProjectConfig, reporting every problem with
 * its position (code `promscope-config/...`). Bad parts are dropped, good parts kept: a config
 * with one typo still applies the rest.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, Range, Severity } from '../diagnostics/types';
import type { Dialect } from '../options';
import { isKnownFeatureFlag } from './feature-flags';
import { globError } from './glob';
import type { YamlLimits } from '../yaml/limits';
import { emptyProjectConfig, type CheckLevel, type CheckSetting, type CheckSettings, type ProjectConfig } from './types';

export interface ProjectConfigResult {
  config: ProjectConfig;
  diagnostics: Diagnostic[];
}

const DIALECTS: readonly Dialect[] = ['prometheus', 'thanos', 'mimir', 'cortex'];
const LEVELS: readonly CheckLevel[] = ['error', 'warning', 'info', 'off', 'default'];
const TOP_KEYS = ['prometheusVersion', 'features', 'dialect', 'include', 'exclude', 'ruleFiles', 'checks', 'overrides', 'limits'];
/** `limits.yaml` keys and their largest accepted value (maxDepth: Go's yaml.v3 stops at 10,000 itself) */
const YAML_LIMITS: Record<keyof YamlLimits, number> = {
  maxBytes: Number.MAX_SAFE_INTEGER,
  maxDepth: 10_000,
  maxAliasExpansion: Number.MAX_SAFE_INTEGER,
  maxDocuments: Number.MAX_SAFE_INTEGER,
};

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  doc: Document | null = null;
  constructor(readonly text: string) {}

  rangeOf(node: Node | null | undefined, fallback: Range = { start: 0, end: 0 }): Range {
    const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return r ? { start: r[0], end: r[1] } : fallback;
  }
  report(range: Range, message: string, severity: Severity = 'error', code = 'promscope-config/invalid'): void {
    this.diagnostics.push({ code, severity, range, message });
  }
  /** the scalar's source text: `3.10` stays "3.10", not the float 3.1 */
  scalarText(node: Node): string | null {
    if (!isScalar(node)) return null;
    if (typeof node.value === 'string') return node.value;
    if (typeof node.value === 'number' || typeof node.value === 'boolean') {
      const r = this.rangeOf(node);
      return this.text.slice(r.start, r.end);
    }
    return null;
  }
  string(node: Node | null, what: string): string | null {
    if (node && isScalar(node) && typeof node.value === 'string') return node.value;
    this.report(this.rangeOf(node), `${what} must be a string`);
    return null;
  }
  /** a list of strings; a single string is accepted as a one-element list */
  strings(node: Node | null, what: string): string[] {
    if (node && isScalar(node) && typeof node.value === 'string') return [node.value];
    if (!node || !isSeq(node)) {
      this.report(this.rangeOf(node), `${what} must be a list of strings`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items as Node[]) {
      const s = this.string(item, `each entry of ${what}`);
      if (s !== null) out.push(s);
    }
    return out;
  }
  globs(node: Node | null, what: string): string[] {
    const list = this.strings(node, what);
    const items = node && isSeq(node) ? (node.items as Node[]) : [node];
    return list.filter((g, i) => {
      const err = globError(g);
      if (err) this.report(this.rangeOf(items[i] ?? node), `${what}: ${err}`);
      return !err;
    });
  }
  pairs(map: YAMLMap): Array<{ key: string; keyNode: Node; value: Node | null }> {
    const out: Array<{ key: string; keyNode: Node; value: Node | null }> = [];
    for (const p of map.items as Pair<Node, Node | null>[]) {
      const k = p.key;
      const key = k && isScalar(k) ? String(k.value) : null;
      if (key === null) {
        this.report(this.rangeOf(k), 'keys must be plain strings');
        continue;
      }
      out.push({ key, keyNode: k, value: p.value ?? null });
    }
    return out;
  }
}

function readCheckSetting(r: Reader, code: string, node: Node | null): CheckSetting | null {
  const level = (n: Node | null): CheckLevel | null => {
    const s = n && isScalar(n) ? (n.value === false ? 'off' : n.value === true ? 'default' : n.value) : null;
    if (typeof s === 'string' && (LEVELS as readonly string[]).includes(s)) return s as CheckLevel;
    r.report(r.rangeOf(n), `level of check "${code}" must be one of ${LEVELS.join(', ')}`);
    return null;
  };
  if (node && isMap(node)) {
    const setting: CheckSetting = {};
    for (const { key, keyNode, value } of r.pairs(node)) {
      if (key === 'level' || key === 'severity') {
        const l = level(value);
        if (l) setting.level = l;
      } else if (key === 'options') {
        if (value && isMap(value)) setting.options = value.toJS(r.doc!, { maxAliasCount: 100 }) as Record<string, unknown>;
        else r.report(r.rangeOf(value), `options of check "${code}" must be a mapping`);
      } else r.report(r.rangeOf(keyNode), `unknown key "${key}" in check "${code}" (expected level, options)`);
    }
    return setting;
  }
  const l = level(node);
  return l ? { level: l } : null;
}

function readChecks(r: Reader, node: Node | null): CheckSettings {
  const out: CheckSettings = {};
  if (!node || !isMap(node)) {
    r.report(r.rangeOf(node), 'checks must be a mapping of check code to level or {level, options}');
    return out;
  }
  for (const { key, keyNode, value } of r.pairs(node)) {
    if (!/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.*-]+)*$/.test(key)) {
      r.report(r.rangeOf(keyNode), `"${key}" is not a check code (expected e.g. promql/syntax or rules/*)`);
      continue;
    }
    const s = readCheckSetting(r, key, value);
    if (s) out[key] = s;
  }
  return out;
}

/** `limits: { yaml: { maxDepth: 200, ... } }`: whole numbers ≥ 1 (see docs/limits.md) */
function readLimits(r: Reader, node: Node | null, keyNode: Node, config: ProjectConfig): void {
  if (!node || !isMap(node)) {
    r.report(r.rangeOf(node, r.rangeOf(keyNode)), 'limits must be a mapping, e.g. limits: {yaml: {maxDepth: 200}}');
    return;
  }
  for (const { key, keyNode: k, value } of r.pairs(node)) {
    if (key !== 'yaml') {
      r.report(r.rangeOf(k), `unknown key "${key}" in limits (expected yaml)`);
      continue;
    }
    const names = Object.keys(YAML_LIMITS) as (keyof YamlLimits)[];
    if (!value || !isMap(value)) {
      r.report(r.rangeOf(value, r.rangeOf(k)), `limits.yaml must be a mapping of ${names.join(', ')}`);
      continue;
    }
    const limits: Partial<YamlLimits> = {};
    for (const p of r.pairs(value)) {
      if (!(names as string[]).includes(p.key)) {
        r.report(r.rangeOf(p.keyNode), `unknown key "${p.key}" in limits.yaml (expected one of ${names.join(', ')})`);
        continue;
      }
      const name = p.key as keyof YamlLimits;
      const max = YAML_LIMITS[name];
      const n = p.value && isScalar(p.value) && typeof p.value.value === 'number' ? p.value.value : NaN;
      if (Number.isInteger(n) && n >= 1 && n <= max) limits[name] = n;
      else r.report(r.rangeOf(p.value, r.rangeOf(p.keyNode)), `limits.yaml.${name} must be a whole number${max === Number.MAX_SAFE_INTEGER ? ' of at least 1' : ` from 1 to ${max}`}`);
    }
    config.yamlLimits = limits;
  }
}

export function parseProjectConfig(text: string): ProjectConfigResult {
  const config = emptyProjectConfig();
  const r = new Reader(text);
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    r.report({ start: 0, end: 0 }, `cannot parse the configuration: ${(e as Error).message}`, 'error', 'promscope-config/syntax');
    return { config, diagnostics: r.diagnostics };
  }
  r.doc = doc;
  for (const err of doc.errors) {
    const [start, end] = err.pos;
    r.report({ start, end: Math.max(start, end) }, err.message.split('\n')[0], 'error', 'promscope-config/syntax');
  }
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { config, diagnostics: r.diagnostics };
  if (!isMap(root)) {
    r.report(r.rangeOf(root), 'the configuration must be a mapping');
    return { config, diagnostics: r.diagnostics };
  }
  for (const { key, keyNode, value } of r.pairs(root)) {
    switch (key) {
      case 'prometheusVersion': {
        const v = value ? r.scalarText(value) : null;
        if (v !== null && /^(2|3)\.\d+(\.\d+)?$/.test(v.trim())) config.prometheusVersion = v.trim();
        else r.report(r.rangeOf(value, r.rangeOf(keyNode)), 'prometheusVersion must be a Prometheus version such as "3.5" or "2.53" (quote it: 3.10 is not 3.1)');
        break;
      }
      case 'features': {
        const list = r.strings(value, 'features').flatMap((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
        const items = value && isSeq(value) ? (value.items as Node[]) : [];
        for (const f of list) {
          if (!isKnownFeatureFlag(f)) {
            const at = items.find((n) => isScalar(n) && typeof n.value === 'string' && n.value.includes(f)) ?? value;
            r.report(r.rangeOf(at), `unknown Prometheus feature flag "${f}" (Prometheus warns: Unknown option for --enable-feature)`, 'warning', 'promscope-config/unknown-feature');
          }
        }
        config.features = [...new Set(list)];
        break;
      }
      case 'dialect': {
        const d = r.string(value, 'dialect');
        if (d !== null && (DIALECTS as readonly string[]).includes(d)) config.dialect = d as Dialect;
        else if (d !== null) r.report(r.rangeOf(value), `dialect must be one of ${DIALECTS.join(', ')}`);
        break;
      }
      case 'include':
      case 'exclude':
      case 'ruleFiles':
        config[key] = r.globs(value, key);
        break;
      case 'checks':
        config.checks = readChecks(r, value);
        break;
      case 'limits':
        readLimits(r, value, keyNode, config);
        break;
      case 'overrides': {
        if (!value || !isSeq(value)) {
          r.report(r.rangeOf(value, r.rangeOf(keyNode)), 'overrides must be a list of {files, checks}');
          break;
        }
        for (const item of value.items as Node[]) {
          if (!isMap(item)) {
            r.report(r.rangeOf(item), 'each override must be a mapping with files and checks');
            continue;
          }
          let files: string[] = [];
          let checks: CheckSettings = {};
          let sawFiles = false;
          for (const p of r.pairs(item)) {
            if (p.key === 'files') {
              files = r.globs(p.value, 'overrides[].files');
              sawFiles = true;
            } else if (p.key === 'checks') checks = readChecks(r, p.value);
            else r.report(r.rangeOf(p.keyNode), `unknown key "${p.key}" in an override (expected files, checks)`);
          }
          if (!sawFiles) r.report(r.rangeOf(item), 'an override needs files (a list of globs)');
          else config.overrides.push({ files, checks });
        }
        break;
      }
      default:
        r.report(r.rangeOf(keyNode), `unknown key "${key}" (expected one of ${TOP_KEYS.join(', ')})`);
    }
  }
  return { config, diagnostics: r.diagnostics };
}
