/**
 * Completion of YAML keys and values in rule files, prometheus.yml and alertmanager.yml. The
 * position in the document (the chain of parent keys) is read from indentation, so it works on
 * the half-written, often invalid YAML of a file being edited.
 */
import type { FileKind } from '../files';
import type { CompletionEntry, CompletionResult } from './types';
import { SD_META_LABELS, TARGET_LABELS, schemaFor, type SchemaNode } from './yaml-schemas';

interface LineInfo {
  start: number;
  text: string;
}

function lineAt(text: string, offset: number): LineInfo {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, text: text.slice(start, end).replace(/\r$/, '') };
}

/** Key column of a line: indentation plus `- ` markers. */
function keyColumn(line: string): { col: number; key?: string; dashCol?: number } {
  const m = /^(\s*)((?:-\s+)*)(?:(["']?)([^\s:#"'][^:#]*?)\3\s*:(?:\s|$))?/.exec(line);
  if (!m) return { col: 0 };
  const dashCol = m[2] ? m[1].length : undefined;
  return { col: m[1].length + m[2].length, key: m[4], dashCol };
}

export interface YamlPosition {
  /** parent keys, outermost first; `-` marks a sequence item */
  path: string[];
  mode: 'key' | 'value';
  /** for values: the key whose value is typed */
  key?: string;
  from: number;
  to: number;
  /** keys already present next to the cursor */
  siblings: Set<string>;
}

export function yamlPositionAt(text: string, offset: number): YamlPosition | undefined {
  const line = lineAt(text, offset);
  const before = line.text.slice(0, offset - line.start);
  if (/(^|\s)#/.test(before)) return undefined;
  const wordMatch = /[\w.$<>-]*$/.exec(before)!;
  const from = offset - wordMatch[0].length;
  let to = offset;
  while (to < line.start + line.text.length && /[\w.$<>-]/.test(line.text[to - line.start])) to++;
  let mode: 'key' | 'value';
  let key: string | undefined;
  let col: number;
  const keyOnly = /^(\s*)((?:-\s+)*)[\w.-]*$/.exec(before);
  const valueOf = /^(\s*)((?:-\s+)*)(["']?)([\w.-]+)\3\s*:\s+(?:\[\s*(?:[^\]]*,\s*)?)?["']?[\w.$<>-]*$/.exec(before);
  if (keyOnly) {
    mode = 'key';
    col = keyOnly[1].length + keyOnly[2].length;
  } else if (valueOf) {
    mode = 'value';
    key = valueOf[4];
    col = valueOf[1].length + valueOf[2].length;
  } else return undefined;
  const path: string[] = [];
  let minCol = col;
  const siblings = new Set<string>();
  // a line like `  - foo` inside a sequence is an item of the parent key
  if ((mode === 'key' ? keyOnly![2] : valueOf![2])) path.unshift('-');
  let pos = line.start;
  let siblingScanOpen = true;
  while (pos > 0 && minCol > 0) {
    const prev = lineAt(text, pos - 1);
    pos = prev.start;
    if (prev.text.trim() === '' || /^\s*#/.test(prev.text)) continue;
    const k = keyColumn(prev.text);
    if (k.col === minCol && siblingScanOpen && k.key) siblings.add(k.key);
    if (k.dashCol !== undefined && k.dashCol < minCol && k.col >= minCol) {
      // the item that contains the cursor's mapping
      if (k.key && k.col === minCol) siblings.add(k.key);
      path.unshift('-');
      minCol = k.dashCol;
      siblingScanOpen = false;
      continue;
    }
    if (k.col < minCol) {
      if (k.key) path.unshift(k.key);
      if (k.dashCol !== undefined) {
        path.unshift('-');
        minCol = k.dashCol;
      } else minCol = k.col;
      siblingScanOpen = false;
    }
  }
  // collapse `-` markers that come from several dashes on one line
  return { path: path.filter((p, i) => !(p === '-' && path[i - 1] === '-')), mode, key, from, to, siblings };
}

function walk(schema: SchemaNode, path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const p of path) {
    if (!node) return undefined;
    if (p === '-') node = node.items;
    else node = node.keys?.[p];
  }
  return node;
}

/** `__meta_*` labels of the SD mechanisms used in the scrape job around `offset`. */
function metaLabels(text: string, offset: number): string[] {
  // the job: from the nearest `- job_name:` above to the next one
  const above = text.lastIndexOf('job_name:', offset);
  let below = text.indexOf('job_name:', offset);
  if (below < 0) below = text.length;
  const job = text.slice(Math.max(0, above), below);
  const out = [...TARGET_LABELS];
  const re = /(\w+)_sd_configs\s*:/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(job))) out.push(...(SD_META_LABELS[m[1]] ?? []));
  return [...new Set(out)];
}

export function completeYaml(kind: FileKind, text: string, offset: number): CompletionResult {
  const schema = schemaFor(kind);
  const pos = schema ? yamlPositionAt(text, offset) : undefined;
  if (!schema || !pos) return { items: [], isIncomplete: false };
  const range = { start: pos.from, end: pos.to };
  const items: CompletionEntry[] = [];
  const valuesOf = (node: SchemaNode | undefined): string[] => {
    if (!node) return [];
    if (node.valueSource === 'meta-labels' || node.items?.valueSource === 'meta-labels') return metaLabels(text, offset);
    return node.values ?? node.items?.values ?? [];
  };
  if (pos.mode === 'key') {
    const node = walk(schema, pos.path);
    const vals = valuesOf(node);
    if (pos.path[pos.path.length - 1] === '-' && vals.length > 0) {
      for (const v of vals) items.push({ label: v, kind: 'value', range });
    } else {
      for (const [k, child] of Object.entries(node?.keys ?? {})) {
        if (pos.siblings.has(k)) continue;
        const block = child.keys || child.items ? '\n' : ' ';
        items.push({ label: k, kind: 'key', detail: child.doc, documentation: child.doc, insertText: `${k}:${block === ' ' ? ' ' : ''}`, range });
      }
    }
  } else {
    const node = walk(schema, [...pos.path, pos.key!]);
    for (const v of valuesOf(node)) items.push({ label: v, kind: 'value', range, detail: node?.doc });
  }
  return { items, isIncomplete: false };
}
